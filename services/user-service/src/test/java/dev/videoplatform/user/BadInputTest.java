package dev.videoplatform.user;

import static dev.videoplatform.user.UserClient.assertStatus;
import static dev.videoplatform.user.UserClient.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videoplatform.user.v1.LoginRequest;
import dev.videoplatform.user.v1.RegisterRequest;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A NUL reaching PostgreSQL used to be INTERNAL; it is the client's INVALID_ARGUMENT. */
@QuarkusTest
class BadInputTest {

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
    void aNulInALoginNameIsInvalidArgument() {
        var e = assertStatus(Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT", () -> client.anonymous().login(
                LoginRequest.newBuilder().setUsernameOrEmail("someone\u0000").setPassword(UserClient.PASSWORD).build()));
        assertEquals(List.of("username_or_email"), violatedFields(e));
    }

    @Test
    void aNulInARegisteredEmailIsInvalidArgument() {
        String name = UserClient.uniqueName("nul");
        var e = assertStatus(Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT", () -> client.anonymous().register(
                RegisterRequest.newBuilder().setUsername(name).setEmail(name + "\u0000@example.com")
                        .setPassword(UserClient.PASSWORD).build()));
        assertEquals(List.of("email"), violatedFields(e));
    }
}
