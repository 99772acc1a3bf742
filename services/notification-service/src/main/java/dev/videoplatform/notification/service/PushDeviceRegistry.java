package dev.videoplatform.notification.service;

import dev.videoplatform.notification.repository.PushDevices;
import dev.videoplatform.notification.repository.PushDevices.Device;
import dev.videoplatform.notification.v1.PushDevice;
import dev.videoplatform.notification.v1.PushPlatform;
import dev.videoplatform.notification.v1.RegisterPushDeviceRequest;
import dev.videoplatform.notification.v1.UnregisterPushDeviceRequest;
import dev.videoplatform.notification.v1.UnregisterPushDeviceResponse;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.Violations;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The caller's push devices: registered (idempotent, at most {@link #MAX_DEVICES}) and removed. */
@ApplicationScoped
public class PushDeviceRegistry {

    static final int MAX_DEVICES = 10;
    static final int MAX_TOKEN = 2048;

    private final PushDevices devices;

    public PushDeviceRegistry(PushDevices devices) {
        this.devices = devices;
    }

    @WithSpan
    public Uni<PushDevice> register(RegisterPushDeviceRequest request, Caller caller) {
        validate(request.getPlatform(), request.getToken());
        // The database keeps microseconds: answer the time it stores.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return devices.register(caller.userId(), new Device(request.getPlatform(), request.getToken()), now, MAX_DEVICES)
                .replaceWith(PushDevice.newBuilder().setPlatform(request.getPlatform()).setToken(request.getToken())
                        .setRegisterTime(NotificationViews.timestamp(now)).build());
    }

    @WithSpan
    public Uni<UnregisterPushDeviceResponse> unregister(UnregisterPushDeviceRequest request, Caller caller) {
        validate(request.getPlatform(), request.getToken());
        return devices.unregister(caller.userId(), new Device(request.getPlatform(), request.getToken()))
                .map(removed -> UnregisterPushDeviceResponse.newBuilder().setRemoved(removed).build());
    }

    private static void validate(PushPlatform platform, String token) {
        Violations v = new Violations();
        v.check(platform == PushPlatform.PUSH_PLATFORM_UNSPECIFIED || platform == PushPlatform.UNRECOGNIZED, "platform",
                "must be PUSH_PLATFORM_APNS, PUSH_PLATFORM_FCM or PUSH_PLATFORM_WEB");
        if (token.isBlank()) {
            v.requireNonBlank(token, "token");
        } else if (token.length() > MAX_TOKEN) {
            v.add("token", "must be at most " + MAX_TOKEN + " characters");
        } else {
            v.check(!printableAscii(token), "token", "must be printable ASCII");
        }
        v.throwIfAny();
    }

    /**
     * APNs, FCM and Web Push tokens all are; it also keeps a token within PostgreSQL's index
     * entry limit (about 2,700 bytes), which 2,048 characters of UTF-8 could exceed.
     */
    private static boolean printableAscii(String token) {
        return token.chars().allMatch(c -> c >= 0x20 && c < 0x7f);
    }
}
