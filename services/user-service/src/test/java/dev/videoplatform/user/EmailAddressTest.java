package dev.videoplatform.user;

import static dev.videoplatform.user.UserClient.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.videoplatform.user.v1.GetEmailAddressRequest;
import dev.videoplatform.user.v1.GetEmailAddressResponse;
import dev.videoplatform.user.v1.User;
import dev.videoplatform.user.v1.UserServiceGrpc;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** UserService.GetEmailAddress: the internal read of an account's address for notification's mail sender. */
@QuarkusTest
class EmailAddressTest {

    private UserClient client;

    @BeforeEach
    void open() {
        client = new UserClient();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aServiceReadsTheAddressOfAnAccount() {
        String name = UserClient.uniqueName("mailed");
        User user = client.register(name);
        GetEmailAddressResponse address = client.asService("notification-service")
                .getEmailAddress(GetEmailAddressRequest.newBuilder().setUserId(user.getUserId()).build());
        assertEquals(name + "@example.com", address.getEmail(), "the address registered");
        assertFalse(address.getSuspended());
    }

    @Test
    void onlyServicesMayReadAddressesAndBadIdsAreRefused() {
        String name = UserClient.uniqueName("nosy");
        User user = client.register(name);
        GetEmailAddressRequest request = GetEmailAddressRequest.newBuilder().setUserId(user.getUserId()).build();
        assertStatus(Status.Code.PERMISSION_DENIED, "SERVICE_ONLY",
                () -> client.as(client.login(name).getAccessToken()).getEmailAddress(request));
        assertStatus(Status.Code.UNAUTHENTICATED, "TOKEN_MISSING", () -> client.anonymous().getEmailAddress(request));

        UserServiceGrpc.UserServiceBlockingStub notification = client.asService("notification-service");
        assertEquals(List.of("user_id"), UserClient.violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null,
                () -> notification.getEmailAddress(GetEmailAddressRequest.getDefaultInstance()))));
        assertStatus(Status.Code.NOT_FOUND, "USER_NOT_FOUND", () -> notification.getEmailAddress(
                GetEmailAddressRequest.newBuilder().setUserId(UUID.randomUUID().toString()).build()));
    }
}
