package dev.videoplatform.notification.grpc;

import dev.videoplatform.notification.service.InboxReads;
import dev.videoplatform.notification.service.LiveNotifications;
import dev.videoplatform.notification.service.PreferenceSettings;
import dev.videoplatform.notification.service.PushDeviceRegistry;
import dev.videoplatform.notification.v1.GetPreferencesRequest;
import dev.videoplatform.notification.v1.ListNotificationsRequest;
import dev.videoplatform.notification.v1.ListNotificationsResponse;
import dev.videoplatform.notification.v1.MarkReadRequest;
import dev.videoplatform.notification.v1.MarkReadResponse;
import dev.videoplatform.notification.v1.NotificationService;
import dev.videoplatform.notification.v1.Preferences;
import dev.videoplatform.notification.v1.PushDevice;
import dev.videoplatform.notification.v1.RegisterPushDeviceRequest;
import dev.videoplatform.notification.v1.StreamNotificationsRequest;
import dev.videoplatform.notification.v1.StreamNotificationsResponse;
import dev.videoplatform.notification.v1.UnregisterPushDeviceRequest;
import dev.videoplatform.notification.v1.UnregisterPushDeviceResponse;
import dev.videoplatform.notification.v1.UpdatePreferencesRequest;
import dev.videoplatform.platform.auth.Caller;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** gRPC face of notification-service: reads the caller on the call's context and delegates. */
@GrpcService
public class NotificationGrpcEndpoint implements NotificationService {

    private final InboxReads inbox;
    private final LiveNotifications live;
    private final PreferenceSettings preferences;
    private final PushDeviceRegistry devices;

    public NotificationGrpcEndpoint(InboxReads inbox, LiveNotifications live, PreferenceSettings preferences,
            PushDeviceRegistry devices) {
        this.inbox = inbox;
        this.live = live;
        this.preferences = preferences;
        this.devices = devices;
    }

    @Override
    public Uni<ListNotificationsResponse> listNotifications(ListNotificationsRequest request) {
        return inbox.list(request, Caller.current());
    }

    @Override
    public Multi<StreamNotificationsResponse> streamNotifications(StreamNotificationsRequest request) {
        return live.stream(request, Caller.current());
    }

    @Override
    public Uni<MarkReadResponse> markRead(MarkReadRequest request) {
        return inbox.markRead(request, Caller.current());
    }

    @Override
    public Uni<Preferences> getPreferences(GetPreferencesRequest request) {
        return preferences.get(Caller.current());
    }

    @Override
    public Uni<Preferences> updatePreferences(UpdatePreferencesRequest request) {
        return preferences.update(request, Caller.current());
    }

    @Override
    public Uni<PushDevice> registerPushDevice(RegisterPushDeviceRequest request) {
        return devices.register(request, Caller.current());
    }

    @Override
    public Uni<UnregisterPushDeviceResponse> unregisterPushDevice(UnregisterPushDeviceRequest request) {
        return devices.unregister(request, Caller.current());
    }
}
