package dev.videoplatform.user.service;

import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.user.config.UserServiceConfig;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * Brute-force protection for Login, in Redis so all replicas agree: failures are counted per
 * account and per client address within a window; past the limit the account (or address) is
 * locked, each further failure doubling the lock, up to a maximum. A success clears the
 * account's failures. Locked attempts are refused before any password is checked. While Redis
 * is unreachable logins go on unthrottled (and the outage is logged and shown in readiness).
 */
@ApplicationScoped
public class LoginThrottle {

    private static final String RECORD_FAILURE = """
            local failures = redis.call('INCR', KEYS[1])
            if failures == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
            local limit = tonumber(ARGV[2])
            if failures >= limit then
              local lock = math.min(tonumber(ARGV[3]) * (2 ^ (failures - limit)), tonumber(ARGV[4]))
              redis.call('SET', KEYS[2], '1', 'PX', math.floor(lock))
            end
            return failures
            """;
    private static final String REMAINING_LOCK = "return math.max(redis.call('PTTL', KEYS[1]), redis.call('PTTL', KEYS[2]))";
    private static final Logger LOG = Logger.getLogger(LoginThrottle.class);

    private final ReactiveRedisDataSource redis;
    private final UserServiceConfig.Login config;

    public LoginThrottle(ReactiveRedisDataSource redis, UserServiceConfig config) {
        this.redis = redis;
        this.config = config.login();
    }

    /** Fails with RESOURCE_EXHAUSTED (and how long to wait) if the account or the address is locked. */
    public Uni<Void> checkNotLocked(String login, String address) {
        return redis.execute("EVAL", REMAINING_LOCK, "2", lockKey("acct", normalize(login)), lockKey("addr", address))
                .map(response -> response.toLong())
                .onFailure().recoverWithItem(failure -> {
                    // Availability over protection while Redis is down; the outage shows in readiness.
                    LOG.warnf("login throttle unavailable: %s", failure.getMessage());
                    return 0L;
                })
                .invoke(remainingMillis -> {
                    if (remainingMillis > 0) {
                        throw DomainException.resourceExhausted("LOGIN_LOCKED",
                                "too many failed logins; try again later", Duration.ofMillis(remainingMillis));
                    }
                })
                .replaceWithVoid();
    }

    public Uni<Void> recordFailure(String login, String address) {
        return record("acct", normalize(login), config.maxFailuresPerAccount())
                .flatMap(ignored -> record("addr", address, config.maxFailuresPerAddress()));
    }

    public Uni<Void> recordSuccess(String login) {
        return redis.key().del(failuresKey("acct", normalize(login))).onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> record(String kind, String subject, int limit) {
        return redis.execute("EVAL", RECORD_FAILURE, "2", failuresKey(kind, subject), lockKey(kind, subject),
                        Long.toString(config.failureWindow().toMillis()), Integer.toString(limit),
                        Long.toString(config.baseLockout().toMillis()), Long.toString(config.maxLockout().toMillis()))
                .onFailure().invoke(failure -> LOG.warnf("login failure not recorded: %s", failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    private static String normalize(String login) {
        return login.trim().toLowerCase(Locale.ROOT);
    }

    private static String failuresKey(String kind, String subject) {
        return "vp:login:failures:" + kind + ":" + subject;
    }

    private static String lockKey(String kind, String subject) {
        return "vp:login:lock:" + kind + ":" + subject;
    }
}
