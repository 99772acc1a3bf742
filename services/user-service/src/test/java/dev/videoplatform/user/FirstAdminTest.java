package dev.videoplatform.user;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videoplatform.user.v1.GetUserRequest;
import dev.videoplatform.user.v1.LoginResponse;
import dev.videoplatform.user.v1.Role;
import dev.videoplatform.user.v1.User;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The first admin: an account named in {@code videoplatform.user.admins} gets the role, no other does. */
@QuarkusTest
class FirstAdminTest {

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
    void aListedAccountIsAdminFromItsNextLoginAndOthersAreNot() {
        String listed = ConfigProvider.getConfig().getValue("videoplatform.user.admins", String.class);
        User registered = client.register(listed);
        assertEquals(List.of(Role.ROLE_USER), registered.getRolesList(), "registration itself grants nothing");

        LoginResponse admin = client.login(listed);
        assertEquals(List.of(Role.ROLE_USER, Role.ROLE_ADMIN), admin.getUser().getRolesList());
        // The token carries the role: an admin sees another user's email, which only admins may.
        User other = client.register(UserClient.uniqueName("plain"));
        assertEquals(other.getUsername() + "@example.com", client.as(admin.getAccessToken())
                .getUser(GetUserRequest.newBuilder().setUserId(other.getUserId()).build()).getEmail());
        assertEquals(List.of(Role.ROLE_USER, Role.ROLE_ADMIN), client.anonymous()
                .getUser(GetUserRequest.newBuilder().setUserId(registered.getUserId()).build()).getRolesList());

        LoginResponse plain = client.login(other.getUsername());
        assertEquals(List.of(Role.ROLE_USER), plain.getUser().getRolesList());
        assertEquals("", client.as(plain.getAccessToken())
                .getUser(GetUserRequest.newBuilder().setUserId(registered.getUserId()).build()).getEmail());
    }
}
