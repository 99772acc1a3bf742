package dev.videoplatform.user;

import static dev.videoplatform.user.UserClient.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.events.v1.AdminUserReinstated;
import dev.videoplatform.events.v1.AdminUserSuspended;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.user.v1.ListSubscriptionsRequest;
import dev.videoplatform.user.v1.LoginResponse;
import dev.videoplatform.user.v1.RefreshRequest;
import dev.videoplatform.user.v1.User;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SuspensionTest {

    private UserClient client;

    @org.junit.jupiter.api.BeforeEach
    void open() {
        client = new UserClient();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aSuspendedUserIsRefusedWithinOneSecondAndBackAfterReinstatement() throws Exception {
        String name = UserClient.uniqueName("susp");
        User user = client.register(name);
        LoginResponse session = client.login(name);
        ListSubscriptionsRequest call = ListSubscriptionsRequest.newBuilder().setUserId(user.getUserId()).build();
        client.as(session.getAccessToken()).listSubscriptions(call);

        EventEnvelope suspension = EventEnvelopes.wrap("admin-service", user.getUserId(),
                AdminUserSuspended.newBuilder().setUserId(user.getUserId()).setActorId("admin-1").setReason("spam").build());
        KafkaProbe.publish(suspension);
        long sent = System.nanoTime();
        long refusedAfterMillis = -1;
        while (System.nanoTime() - sent < 5_000_000_000L) {
            try {
                client.as(session.getAccessToken()).listSubscriptions(call);
            } catch (StatusRuntimeException e) {
                assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode());
                assertEquals("USER_SUSPENDED", UserClient.errorInfo(e).getReason());
                refusedAfterMillis = (System.nanoTime() - sent) / 1_000_000;
                break;
            }
            Thread.sleep(20);
        }
        assertTrue(refusedAfterMillis >= 0, "the still-valid access token was never refused");
        assertTrue(refusedAfterMillis <= 1000, "refused after " + refusedAfterMillis + " ms");

        assertStatus(Status.Code.PERMISSION_DENIED, "USER_SUSPENDED", () -> client.login(name));
        assertStatus(Status.Code.UNAUTHENTICATED, "INVALID_REFRESH_TOKEN", () -> client.anonymous()
                .refresh(RefreshRequest.newBuilder().setRefreshToken(session.getRefreshToken()).build()));

        // The same event again changes nothing; reinstatement lets the user back in.
        KafkaProbe.publish(suspension);
        KafkaProbe.publish(EventEnvelopes.wrap("admin-service", user.getUserId(),
                AdminUserReinstated.newBuilder().setUserId(user.getUserId()).setActorId("admin-1").build()));
        long deadline = System.nanoTime() + 10_000_000_000L;
        LoginResponse back = null;
        while (back == null && System.nanoTime() < deadline) {
            try {
                back = client.login(name);
            } catch (StatusRuntimeException e) {
                Thread.sleep(50);
            }
        }
        assertTrue(back != null, "reinstated user can log in again");
        client.as(back.getAccessToken()).listSubscriptions(call);
    }
}
