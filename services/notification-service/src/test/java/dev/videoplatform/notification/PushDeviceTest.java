package dev.videoplatform.notification;

import static dev.videoplatform.devstack.GrpcStatusAssertions.assertStatus;
import static dev.videoplatform.devstack.GrpcStatusAssertions.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import dev.videoplatform.events.v1.EventPushDevice;
import dev.videoplatform.events.v1.EventPushPlatform;
import dev.videoplatform.events.v1.NotificationPush;
import dev.videoplatform.notification.Platform.Member;
import dev.videoplatform.notification.v1.NotificationServiceGrpc;
import dev.videoplatform.notification.v1.NotificationServiceGrpc.NotificationServiceBlockingStub;
import dev.videoplatform.notification.v1.Preferences;
import dev.videoplatform.notification.v1.PushDevice;
import dev.videoplatform.notification.v1.PushPlatform;
import dev.videoplatform.notification.v1.RegisterPushDeviceRequest;
import dev.videoplatform.notification.v1.UnregisterPushDeviceRequest;
import dev.videoplatform.notification.v1.UpdatePreferencesRequest;
import dev.videoplatform.platform.events.EventEnvelopes;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Push devices: registered idempotently, at most 10 per user, a token belongs to its last
 * registrant; notification.push is written only for recipients with push on and a device, and
 * carries the devices.
 */
@QuarkusTest
class PushDeviceTest extends ServiceChannel {

    @Inject
    Pool pool;

    @Test
    void aFanOutWritesPushEventsOnlyForRecipientsWithPushOnAndADeviceAndTheyCarryTheDevices() throws Exception {
        Member channel = Platform.register();
        List<Member> fans = Platform.subscribers(channel, 4); // two pages of three in tests
        Member withDevices = fans.get(0);
        Member pushOff = fans.get(1);
        Member noDevice = fans.get(2);
        Member gone = fans.get(3);
        String apns = token("apns");
        String fcm = token("fcm");
        register(withDevices, PushPlatform.PUSH_PLATFORM_APNS, apns);
        register(withDevices, PushPlatform.PUSH_PLATFORM_FCM, fcm);
        register(pushOff, PushPlatform.PUSH_PLATFORM_FCM, token("fcm"));
        pushOff.notifications(service).updatePreferences(UpdatePreferencesRequest.newBuilder()
                .setPreferences(Preferences.newBuilder().setPushEnabled(false))
                .setUpdateMask(FieldMask.newBuilder().addPaths("push_enabled")).build());
        String goneToken = token("web");
        register(gone, PushPlatform.PUSH_PLATFORM_WEB, goneToken);
        assertTrue(gone.notifications(service).unregisterPushDevice(unregistration(PushPlatform.PUSH_PLATFORM_WEB, goneToken))
                .getRemoved());
        assertFalse(gone.notifications(service).unregisterPushDevice(unregistration(PushPlatform.PUSH_PLATFORM_WEB, goneToken))
                .getRemoved(), "unregistering again is no error");

        String videoId = UUID.randomUUID().toString();
        Platform.awaitFanOut(pool, Platform.publish(videoId, FanOutTest.video(videoId, channel)).getEventId());

        List<NotificationPush> pushes = pushes(withDevices);
        assertEquals(1, pushes.size(), "one push for the one notification");
        assertEquals(videoId, pushes.get(0).getVideoId());
        assertEquals(Set.of(device(EventPushPlatform.EVENT_PUSH_PLATFORM_APNS, apns),
                device(EventPushPlatform.EVENT_PUSH_PLATFORM_FCM, fcm)), Set.copyOf(pushes.get(0).getRecipients(0).getDevicesList()));
        assertEquals(0, pushes(pushOff).size(), "push switched off");
        assertEquals(0, pushes(noDevice).size(), "no device registered");
        assertEquals(0, pushes(gone).size(), "its device unregistered");
        for (Member fan : fans) {
            assertEquals(1, Platform.inboxWhen(fan, service, list -> true).size(), "in every inbox all the same");
            assertEquals(0, outboxEvents("notification.email", fan), "new videos are in-app only by default");
        }
    }

    @Test
    void registeringIsIdempotentKeepsTheTenNewestDevicesAndMovesATokenToItsNewOwner() {
        Member me = Platform.register();
        String first = token("apns");
        PushDevice once = register(me, PushPlatform.PUSH_PLATFORM_APNS, first);
        PushDevice twice = register(me, PushPlatform.PUSH_PLATFORM_APNS, first);
        assertEquals(first, twice.getToken());
        assertFalse(instant(twice.getRegisterTime()).isBefore(instant(once.getRegisterTime())), "registering again refreshes");
        assertEquals(List.of(first), tokens(me), "one device however often registered");

        List<String> newer = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            newer.add(token("fcm"));
            register(me, PushPlatform.PUSH_PLATFORM_FCM, newer.get(i));
        }
        assertEquals(Set.copyOf(newer), Set.copyOf(tokens(me)), "the ten newest; the oldest was replaced");

        Member newOwner = Platform.register();
        register(newOwner, PushPlatform.PUSH_PLATFORM_FCM, newer.get(9));
        assertEquals(List.of(newer.get(9)), tokens(newOwner));
        assertEquals(9, tokens(me).size(), "the device changed hands");
        assertFalse(me.notifications(service).unregisterPushDevice(unregistration(PushPlatform.PUSH_PLATFORM_FCM,
                newer.get(9))).getRemoved(), "another user's device is not removed");
        assertEquals(List.of(newer.get(9)), tokens(newOwner));
    }

    @Test
    void invalidRegistrationsAreRefusedWithFieldViolations() {
        NotificationServiceBlockingStub api = Platform.register().notifications(service);
        assertEquals(List.of("platform", "token"), violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null,
                () -> api.registerPushDevice(RegisterPushDeviceRequest.newBuilder().setToken(" ").build()))));
        assertEquals(List.of("token"), violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null,
                () -> api.registerPushDevice(RegisterPushDeviceRequest.newBuilder().setPlatform(PushPlatform.PUSH_PLATFORM_WEB)
                        .setToken("x".repeat(2049)).build()))));
        assertEquals(List.of("token"), violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null,
                () -> api.registerPushDevice(RegisterPushDeviceRequest.newBuilder().setPlatform(PushPlatform.PUSH_PLATFORM_APNS)
                        .setToken("é".repeat(2048)).build()))));
        assertEquals(List.of("platform"), violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null,
                () -> api.unregisterPushDevice(UnregisterPushDeviceRequest.newBuilder().setPlatformValue(9)
                        .setToken("t").build()))));
        assertStatus(Status.Code.UNAUTHENTICATED, "TOKEN_MISSING", () -> NotificationServiceGrpc.newBlockingStub(service)
                .registerPushDevice(RegisterPushDeviceRequest.newBuilder().setPlatform(PushPlatform.PUSH_PLATFORM_FCM)
                        .setToken("t").build()));
    }

    private PushDevice register(Member member, PushPlatform platform, String token) {
        return member.notifications(service).registerPushDevice(RegisterPushDeviceRequest.newBuilder().setPlatform(platform)
                .setToken(token).build());
    }

    private static UnregisterPushDeviceRequest unregistration(PushPlatform platform, String token) {
        return UnregisterPushDeviceRequest.newBuilder().setPlatform(platform).setToken(token).build();
    }

    private static Instant instant(Timestamp time) {
        return Instant.ofEpochSecond(time.getSeconds(), time.getNanos());
    }

    private static String token(String platform) {
        return platform + "-" + UUID.randomUUID();
    }

    private static EventPushDevice device(EventPushPlatform platform, String token) {
        return EventPushDevice.newBuilder().setPlatform(platform).setToken(token).build();
    }

    private List<String> tokens(Member member) {
        List<String> tokens = new ArrayList<>();
        pool.preparedQuery("SELECT token FROM push_device WHERE user_id = $1 ORDER BY registered_at")
                .execute(Tuple.of(member.userId())).await().indefinitely().forEach(row -> tokens.add(row.getString(0)));
        return tokens;
    }

    /** The push events that tell {@code member} something, each narrowed to that one recipient. */
    private List<NotificationPush> pushes(Member member) {
        List<NotificationPush> pushes = new ArrayList<>();
        pool.preparedQuery("SELECT envelope FROM outbox_event WHERE topic = 'notification.push'").execute()
                .await().indefinitely().forEach(row -> {
                    NotificationPush push = EventEnvelopes.payload(EventEnvelopes.parse(row.getBuffer(0).getBytes()),
                            NotificationPush.class);
                    push.getRecipientsList().stream().filter(r -> r.getUserId().equals(member.userId()))
                            .forEach(r -> pushes.add(push.toBuilder().clearRecipients().addRecipients(r).build()));
                });
        return pushes;
    }

    private long outboxEvents(String topic, Member member) {
        return pool.preparedQuery("SELECT count(*) FROM outbox_event WHERE topic = $1 AND aggregate_key = $2")
                .execute(Tuple.of(topic, member.userId())).await().indefinitely().iterator().next().getLong(0);
    }
}
