package dev.videoplatform.user;

import static dev.videoplatform.user.UserClient.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import com.google.rpc.RetryInfo;
import dev.videoplatform.user.v1.GetUserRequest;
import dev.videoplatform.user.v1.LoginRequest;
import dev.videoplatform.user.v1.LoginResponse;
import dev.videoplatform.user.v1.LogoutRequest;
import dev.videoplatform.user.v1.RefreshRequest;
import dev.videoplatform.user.v1.RefreshResponse;
import dev.videoplatform.user.v1.RegisterRequest;
import dev.videoplatform.user.v1.Role;
import dev.videoplatform.user.v1.UpdateProfileRequest;
import dev.videoplatform.user.v1.User;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Accounts and sessions against real PostgreSQL, Redis and Kafka. */
@QuarkusTest
class AccountFlowTest {

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
    void registerLoginCallRefreshReuseRevokesTheFamilyThenLogout() {
        String name = UserClient.uniqueName("flow");
        User registered = client.register(name);
        assertEquals(name, registered.getUsername());
        assertEquals(java.util.List.of(Role.ROLE_USER), registered.getRolesList());

        LoginResponse login = client.login(name);
        assertEquals("Bearer", login.getTokenType());
        assertEquals(registered.getUserId(), login.getUser().getUserId());

        // An authenticated call with the access token.
        User updated = client.as(login.getAccessToken()).updateProfile(UpdateProfileRequest.newBuilder()
                .setUser(User.newBuilder().setUserId(registered.getUserId()).setBio("hello"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("bio")).build());
        assertEquals("hello", updated.getBio());

        // Refresh rotates the refresh token.
        RefreshResponse refreshed = client.anonymous().refresh(RefreshRequest.newBuilder()
                .setRefreshToken(login.getRefreshToken()).build());
        assertNotEquals(login.getRefreshToken(), refreshed.getRefreshToken());
        client.as(refreshed.getAccessToken()).getUser(GetUserRequest.newBuilder().setUserId(registered.getUserId()).build());

        // Presenting the rotated token again revokes the whole family, the new token included.
        assertStatus(Status.Code.UNAUTHENTICATED, "REFRESH_TOKEN_REUSED", () -> client.anonymous()
                .refresh(RefreshRequest.newBuilder().setRefreshToken(login.getRefreshToken()).build()));
        assertStatus(Status.Code.UNAUTHENTICATED, "INVALID_REFRESH_TOKEN", () -> client.anonymous()
                .refresh(RefreshRequest.newBuilder().setRefreshToken(refreshed.getRefreshToken()).build()));

        // Logout revokes the session's refresh token.
        LoginResponse again = client.login(name);
        assertEquals(1, client.as(again.getAccessToken()).logout(LogoutRequest.newBuilder()
                .setRefreshToken(again.getRefreshToken()).build()).getRevokedCount());
        assertStatus(Status.Code.UNAUTHENTICATED, "INVALID_REFRESH_TOKEN", () -> client.anonymous()
                .refresh(RefreshRequest.newBuilder().setRefreshToken(again.getRefreshToken()).build()));
    }

    @Test
    void usernamesAndEmailsAreUniqueCaseInsensitively() {
        String name = UserClient.uniqueName("dup");
        client.register(name);
        assertStatus(Status.Code.ALREADY_EXISTS, "USERNAME_TAKEN", () -> client.anonymous().register(RegisterRequest
                .newBuilder().setUsername(name.toUpperCase()).setEmail("other-" + name + "@example.com")
                .setPassword(UserClient.PASSWORD).build()));
        assertStatus(Status.Code.ALREADY_EXISTS, "EMAIL_TAKEN", () -> client.anonymous().register(RegisterRequest
                .newBuilder().setUsername(name + "x").setEmail(name.toUpperCase() + "@EXAMPLE.com")
                .setPassword(UserClient.PASSWORD).build()));
    }

    @Test
    void aRetriedRegistrationWithTheSameRequestIdCreatesOnce() {
        String name = UserClient.uniqueName("retry");
        RegisterRequest request = RegisterRequest.newBuilder().setUsername(name).setEmail(name + "@example.com")
                .setPassword(UserClient.PASSWORD).setRequestId(java.util.UUID.randomUUID().toString()).build();
        String first = client.anonymous().register(request).getUser().getUserId();
        assertEquals(first, client.anonymous().register(request).getUser().getUserId());
    }

    @Test
    void aRequestIdIsNoKeyToSomebodyElsesAccount() {
        String name = UserClient.uniqueName("victim");
        String requestId = java.util.UUID.randomUUID().toString();
        RegisterRequest victim = RegisterRequest.newBuilder().setUsername(name).setEmail(name + "@example.com")
                .setPassword(UserClient.PASSWORD).setRequestId(requestId).build();
        String victimId = client.anonymous().register(victim).getUser().getUserId();

        String other = UserClient.uniqueName("replay");
        StatusRuntimeException refused = assertStatus(Status.Code.ALREADY_EXISTS, "REQUEST_ID_REUSED",
                () -> client.anonymous().register(RegisterRequest.newBuilder().setUsername(other)
                        .setEmail(other + "@example.com").setPassword("another long passphrase").setRequestId(requestId).build()));
        assertFalse(refused.getStatus().getDescription().contains(name), "nothing of the first account is told");
        // Knowing the victim's username and email is not enough: the password must match too.
        assertStatus(Status.Code.ALREADY_EXISTS, "REQUEST_ID_REUSED", () -> client.anonymous().register(
                victim.toBuilder().setPassword("another long passphrase").build()));
        assertEquals(victimId, client.anonymous().register(victim).getUser().getUserId(), "a true retry still works");
    }

    @Test
    void weakOrMalformedInputIsRefusedFieldByField() {
        String name = UserClient.uniqueName("weak");
        StatusRuntimeException shortPassword = assertStatus(Status.Code.INVALID_ARGUMENT, null, () -> client.anonymous()
                .register(RegisterRequest.newBuilder().setUsername(name).setEmail(name + "@example.com")
                        .setPassword("short").build()));
        assertEquals(java.util.List.of("password"), UserClient.violatedFields(shortPassword));

        StatusRuntimeException passwordIsName = assertStatus(Status.Code.INVALID_ARGUMENT, null, () -> client.anonymous()
                .register(RegisterRequest.newBuilder().setUsername(name).setEmail(name + "@example.com")
                        .setPassword(name.toUpperCase()).build()));
        assertEquals(java.util.List.of("password"), UserClient.violatedFields(passwordIsName));

        StatusRuntimeException everything = assertStatus(Status.Code.INVALID_ARGUMENT, null, () -> client.anonymous()
                .register(RegisterRequest.newBuilder().setUsername("x!").setEmail("not-an-email").setPassword("").build()));
        assertEquals(java.util.List.of("username", "email", "password"), UserClient.violatedFields(everything));
    }

    @Test
    void aWrongPasswordAndAnUnknownAccountLookTheSame() {
        String name = UserClient.uniqueName("wrong");
        client.register(name);
        StatusRuntimeException wrong = assertStatus(Status.Code.UNAUTHENTICATED, "INVALID_CREDENTIALS", () -> client
                .anonymous().login(LoginRequest.newBuilder().setUsernameOrEmail(name).setPassword("not the password").build()));
        StatusRuntimeException unknown = assertStatus(Status.Code.UNAUTHENTICATED, "INVALID_CREDENTIALS", () -> client
                .anonymous().login(LoginRequest.newBuilder().setUsernameOrEmail(name + "nobody")
                        .setPassword("not the password").build()));
        assertEquals(wrong.getStatus().getDescription(), unknown.getStatus().getDescription());
        // Login by email works too, case-insensitively.
        assertEquals(name, client.anonymous().login(LoginRequest.newBuilder()
                .setUsernameOrEmail(name.toUpperCase() + "@example.com").setPassword(UserClient.PASSWORD).build())
                .getUser().getUsername());
    }

    @Test
    void repeatedFailuresLockTheAccountEvenForTheRightPassword() {
        String name = UserClient.uniqueName("lock");
        client.register(name);
        for (int i = 0; i < 5; i++) {
            assertStatus(Status.Code.UNAUTHENTICATED, "INVALID_CREDENTIALS", () -> client.anonymous()
                    .login(LoginRequest.newBuilder().setUsernameOrEmail(name).setPassword("guess number x").build()));
        }
        StatusRuntimeException locked = assertStatus(Status.Code.RESOURCE_EXHAUSTED, "LOGIN_LOCKED",
                () -> client.login(name));
        RetryInfo retry = UserClient.detail(locked, RetryInfo.class);
        assertTrue(retry.getRetryDelay().getSeconds() > 0 && retry.getRetryDelay().getSeconds() <= 30,
                "retry after " + retry.getRetryDelay());
    }

    @Test
    void theEmailIsShownOnlyToItsOwner() {
        String owner = UserClient.uniqueName("mail");
        String other = UserClient.uniqueName("peek");
        User registered = client.register(owner);
        client.register(other);
        GetUserRequest get = GetUserRequest.newBuilder().setUserId(registered.getUserId()).build();
        assertEquals(owner + "@example.com", client.as(client.login(owner).getAccessToken()).getUser(get).getEmail());
        assertEquals("", client.as(client.login(other).getAccessToken()).getUser(get).getEmail());
        assertEquals("", client.anonymous().getUser(get).getEmail());
        assertFalse(client.anonymous().getUser(get).getUsername().isEmpty());
    }

    @Test
    void aProfileUpdateIsVisibleAtOnceDespiteTheCache() {
        String name = UserClient.uniqueName("cache");
        User user = client.register(name);
        GetUserRequest get = GetUserRequest.newBuilder().setUserId(user.getUserId()).build();
        assertEquals(name, client.anonymous().getUser(get).getDisplayName());
        assertEquals(name, client.anonymous().getUser(get).getDisplayName()); // now cached
        client.as(client.login(name).getAccessToken()).updateProfile(UpdateProfileRequest.newBuilder()
                .setUser(User.newBuilder().setUserId(user.getUserId()).setDisplayName("New Name"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("display_name")).build());
        assertEquals("New Name", client.anonymous().getUser(get).getDisplayName());
    }

    @Test
    void onlyTheOwnerMayUpdateAndOnlyUpdatableFields() {
        String owner = UserClient.uniqueName("own");
        String other = UserClient.uniqueName("oth");
        User user = client.register(owner);
        client.register(other);
        assertStatus(Status.Code.PERMISSION_DENIED, "NOT_OWNER", () -> client.as(client.login(other).getAccessToken())
                .updateProfile(UpdateProfileRequest.newBuilder()
                        .setUser(User.newBuilder().setUserId(user.getUserId()).setBio("hacked"))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("bio")).build()));
        StatusRuntimeException immutable = assertStatus(Status.Code.INVALID_ARGUMENT, null, () -> client
                .as(client.login(owner).getAccessToken()).updateProfile(UpdateProfileRequest.newBuilder()
                        .setUser(User.newBuilder().setUserId(user.getUserId()).setUsername("renamed"))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("username")).build()));
        assertEquals(java.util.List.of("update_mask"), UserClient.violatedFields(immutable));
        assertStatus(Status.Code.NOT_FOUND, "USER_NOT_FOUND",
                () -> client.anonymous().getUser(GetUserRequest.newBuilder().setUserId("no-such-user").build()));
    }

    @Test
    void aNulInALoginNameIsInvalidArgument() {
        var e = assertStatus(Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT", () -> client.anonymous().login(
                LoginRequest.newBuilder().setUsernameOrEmail("someone\u0000").setPassword(UserClient.PASSWORD).build()));
        assertEquals(java.util.List.of("username_or_email"), UserClient.violatedFields(e));
    }

    @Test
    void aNulInARegisteredEmailIsInvalidArgument() {
        String name = UserClient.uniqueName("nul");
        var e = assertStatus(Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT", () -> client.anonymous().register(
                RegisterRequest.newBuilder().setUsername(name).setEmail(name + "\u0000@example.com")
                        .setPassword(UserClient.PASSWORD).build()));
        assertEquals(java.util.List.of("email"), UserClient.violatedFields(e));
    }
}
