package dev.videoplatform.user.service;

import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.auth.SuspendedUsers;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.error.Violations;
import dev.videoplatform.platform.ids.Uuid7;
import dev.videoplatform.platform.outbox.OutboxWriter;
import dev.videoplatform.user.config.UserServiceConfig;
import dev.videoplatform.user.repository.Account;
import dev.videoplatform.user.repository.AccountRepository;
import dev.videoplatform.user.repository.RefreshTokenRepository;
import dev.videoplatform.user.v1.LoginResponse;
import dev.videoplatform.user.v1.RefreshResponse;
import dev.videoplatform.user.v1.User;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/** Accounts and sessions: registration, login, refresh-token rotation, logout, suspension. */
@ApplicationScoped
public class AccountService {

    /** What a successful login or refresh hands out. */
    public record Session(String accessToken, Instant accessExpiresAt, String refreshToken, Instant refreshExpiresAt,
            User user) {

        public LoginResponse toLogin() {
            return LoginResponse.newBuilder().setAccessToken(accessToken)
                    .setAccessTokenExpiresAt(UserViews.timestamp(accessExpiresAt)).setRefreshToken(refreshToken)
                    .setRefreshTokenExpiresAt(UserViews.timestamp(refreshExpiresAt)).setTokenType("Bearer")
                    .setUser(user).build();
        }

        public RefreshResponse toRefresh() {
            return RefreshResponse.newBuilder().setAccessToken(accessToken)
                    .setAccessTokenExpiresAt(UserViews.timestamp(accessExpiresAt)).setRefreshToken(refreshToken)
                    .setRefreshTokenExpiresAt(UserViews.timestamp(refreshExpiresAt)).setTokenType("Bearer")
                    .setUser(user).build();
        }
    }

    /** The profile fields a registration sets; the email is not public, so never announced. */
    private static final List<String> REGISTERED_FIELDS = List.of("username", "display_name");
    private static final List<String> SUSPENSION_FIELDS = List.of("suspended");

    private static final DomainException INVALID_CREDENTIALS = DomainException.unauthenticated("INVALID_CREDENTIALS",
            "the username/email or the password is wrong");
    private static final DomainException INVALID_REFRESH = DomainException.unauthenticated("INVALID_REFRESH_TOKEN",
            "the refresh token is invalid, expired or revoked; log in again");

    private final AccountRepository accounts;
    private final RefreshTokenRepository refreshTokens;
    private final PasswordHasher hasher;
    private final AccessTokens accessTokens;
    private final LoginThrottle throttle;
    private final UserCache cache;
    private final SuspendedUsers suspendedUsers;
    private final OutboxWriter outbox;
    private final FirstAdmins firstAdmins;
    private final UserServiceConfig config;
    private final SecureRandom random = new SecureRandom();

    public AccountService(AccountRepository accounts, RefreshTokenRepository refreshTokens, PasswordHasher hasher,
            AccessTokens accessTokens, LoginThrottle throttle, UserCache cache, SuspendedUsers suspendedUsers,
            OutboxWriter outbox, FirstAdmins firstAdmins, UserServiceConfig config) {
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.hasher = hasher;
        this.accessTokens = accessTokens;
        this.throttle = throttle;
        this.cache = cache;
        this.suspendedUsers = suspendedUsers;
        this.outbox = outbox;
        this.firstAdmins = firstAdmins;
        this.config = config;
    }

    @WithSpan
    public Uni<User> register(String rawUsername, String email, String password, String displayName, String requestId) {
        String username = AccountRules.normalizeUsername(rawUsername);
        Violations v = new Violations();
        AccountRules.username(v, username);
        AccountRules.email(v, email);
        AccountRules.password(v, password, username, email);
        if (!displayName.isEmpty()) {
            AccountRules.displayName(v, "display_name", displayName);
        }
        v.length(requestId, "request_id", 0, 64);
        v.throwIfAny();
        String name = displayName.isEmpty() ? username : displayName;
        Uni<Optional<Account>> earlier = requestId.isEmpty() ? Uni.createFrom().item(Optional.empty())
                : accounts.findByRequestId(requestId);
        return earlier.flatMap(found -> found.isPresent() ? retried(found.get(), username, email, password)
                : hasher.hash(password).flatMap(hash -> accounts.pool().withTransaction(tx -> accounts.insert(tx,
                                Uuid7.next(), username, email.trim(), name, hash, requestId.isEmpty() ? null : requestId)
                                // The new public profile, for read models that show names (search, comments).
                                .call(account -> outbox.append(tx, account.id(), UserViews.updated(account, REGISTERED_FIELDS)))))
                        .onFailure(AccountRepository.DuplicateRequestException.class)
                        .recoverWithUni(() -> accounts.findByRequestId(requestId).map(Optional::orElseThrow)
                                .flatMap(account -> retried(account, username, email, password))))
                .map(UserViews::full);
    }

    /**
     * The account an earlier registration with the same request id created, if this is that same
     * registration again: same username, email and password (checked against the stored hash, as
     * it is salted). A request id is no key to somebody else's account.
     */
    private Uni<Account> retried(Account earlier, String username, String email, String password) {
        return hasher.verify(password, earlier.passwordHash()).map(samePassword -> {
            if (!samePassword || !earlier.username().equals(username) || !earlier.email().equalsIgnoreCase(email.trim())) {
                throw DomainException.alreadyExists("REQUEST_ID_REUSED",
                        "this request_id belongs to a different registration; send a new request_id");
            }
            return earlier;
        });
    }

    @WithSpan
    public Uni<Session> login(String login, String password, String clientAddress) {
        Violations v = new Violations();
        v.requireNonBlank(login, "username_or_email").length(login, "username_or_email", 0, 254);
        v.requireNonBlank(password, "password").length(password, "password", 0, 128);
        v.throwIfAny();
        return throttle.checkNotLocked(login, clientAddress)
                .flatMap(ignored -> accounts.findByLogin(login.trim()))
                .flatMap(account -> hasher.verify(password, account.map(Account::passwordHash).orElse(null))
                        .flatMap(matches -> {
                            if (!matches) {
                                return throttle.recordFailure(login, clientAddress)
                                        .flatMap(x -> Uni.createFrom().failure(INVALID_CREDENTIALS));
                            }
                            Account a = account.orElseThrow();
                            if (a.suspended()) {
                                return Uni.createFrom().failure(suspended());
                            }
                            return suspendedUsers.isSuspended(a.id()).flatMap(suspendedNow -> suspendedNow
                                    ? Uni.createFrom().failure(suspended())
                                    : throttle.recordSuccess(login)
                                            .flatMap(x -> accounts.pool().withTransaction(tx -> startSession(tx, a, Uuid7.next()))));
                        }));
    }

    @WithSpan
    public Uni<Session> refresh(String refreshToken) {
        new Violations().requireNonBlank(refreshToken, "refresh_token").length(refreshToken, "refresh_token", 0, 256)
                .throwIfAny();
        byte[] hash = sha256(refreshToken);
        // Decide inside the transaction, fail after it: a detected reuse must commit its revocation.
        return accounts.pool().withTransaction(tx -> refreshTokens.findForUpdate(tx, hash).flatMap(stored -> {
            if (stored.isEmpty() || stored.get().revoked() || stored.get().expiresAt().isBefore(Instant.now())) {
                return Uni.createFrom().item(RefreshOutcome.refused(INVALID_REFRESH));
            }
            RefreshTokenRepository.StoredToken token = stored.get();
            if (token.used()) {
                return refreshTokens.revokeFamily(tx, token.familyId()).map(n -> RefreshOutcome.refused(
                        DomainException.unauthenticated("REFRESH_TOKEN_REUSED",
                                "this refresh token was already used; every session of this login is revoked")));
            }
            return accounts.findById(tx, token.userId()).flatMap(account -> {
                if (account.isEmpty() || account.get().suspended()) {
                    return refreshTokens.revokeFamily(tx, token.familyId())
                            .map(n -> RefreshOutcome.refused(account.isEmpty() ? INVALID_REFRESH : suspended()));
                }
                Uni<Session> session = refreshTokens.markUsed(tx, hash)
                        .flatMap(x -> startSession(tx, account.get(), token.familyId()));
                return session.map(RefreshOutcome::granted);
            });
        })).map(RefreshOutcome::sessionOrThrow);
    }

    /** Revokes this login's refresh tokens (or every session of the caller); returns how many. */
    @WithSpan
    public Uni<Integer> logout(Caller caller, String refreshToken, boolean allSessions) {
        return accounts.pool().withTransaction(tx -> {
            if (allSessions) {
                return refreshTokens.revokeAllOf(tx, caller.userId());
            }
            new Violations().requireNonBlank(refreshToken, "refresh_token").throwIfAny();
            return refreshTokens.findForUpdate(tx, sha256(refreshToken)).flatMap(stored ->
                    stored.isPresent() && stored.get().userId().equals(caller.userId())
                            ? refreshTokens.revokeFamily(tx, stored.get().familyId())
                            : Uni.createFrom().item(0));
        });
    }

    /**
     * Applies a suspension (from admin): refused everywhere at once, sessions revoked. Idempotent.
     * The platform-wide set is told last, just before the transaction commits (a failure there
     * rolls it back and the event is retried); logins consult that set too, so no login slips
     * through between the first refused token and the commit.
     */
    @WithSpan
    public Uni<Void> suspend(SqlConnection tx, String userId) {
        return refreshTokens.revokeAllOf(tx, userId)
                .flatMap(x -> accounts.setSuspended(tx, userId, true))
                .flatMap(changed -> announceSuspension(tx, changed))
                .call(() -> suspendedUsers.suspend(userId))
                .call(() -> cache.invalidate(userId));
    }

    @WithSpan
    public Uni<Void> reinstate(SqlConnection tx, String userId) {
        return accounts.setSuspended(tx, userId, false)
                .flatMap(changed -> announceSuspension(tx, changed))
                .call(() -> suspendedUsers.reinstate(userId))
                .call(() -> cache.invalidate(userId));
    }

    private Uni<Void> announceSuspension(SqlConnection tx, Optional<Account> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Account a = changed.get();
        return outbox.append(tx, a.id(), UserViews.updated(a, SUSPENSION_FIELDS)).replaceWithVoid();
    }

    private Uni<Session> startSession(SqlClient tx, Account stored, String familyId) {
        return firstAdmins.asListed(tx, stored).flatMap(account -> issueSession(tx, account, familyId));
    }

    private Uni<Session> issueSession(SqlClient tx, Account account, String familyId) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String refreshToken = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        Instant refreshExpiresAt = Instant.now().plus(config.refreshTokenTtl());
        AccessTokens.Issued access = accessTokens.issue(account.id(), new HashSet<>(account.roles()));
        return refreshTokens.insert(tx, sha256(refreshToken), familyId, account.id(), refreshExpiresAt)
                .map(x -> new Session(access.token(), access.expiresAt(), refreshToken, refreshExpiresAt,
                        UserViews.full(account)));
    }

    private static DomainException suspended() {
        return DomainException.permissionDenied("USER_SUSPENDED", "this account is suspended");
    }

    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record RefreshOutcome(Session session, DomainException refusal) {
        static RefreshOutcome granted(Session session) {
            return new RefreshOutcome(session, null);
        }

        static RefreshOutcome refused(DomainException refusal) {
            return new RefreshOutcome(null, refusal);
        }

        Session sessionOrThrow() {
            if (refusal != null) {
                throw refusal;
            }
            return session;
        }
    }
}
