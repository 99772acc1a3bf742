package dev.videoplatform.recommendation.repository;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Who subscribes to which channel, kept from {@code user.subscribed} / {@code user.unsubscribed}:
 * a hash per subscriber of channel → event time in ms, negative once unsubscribed. The later event
 * wins whatever the arrival order, and a redelivered one changes nothing.
 */
@ApplicationScoped
public class SubscriptionStore {

    static final String SUBSCRIPTIONS = "vp:reco:subs:";

    /* KEYS: the subscriber's hash. ARGV: channel, event time ms, 1 (subscribed) or 0. */
    private static final String APPLY = """
            local seen = tonumber(redis.call('HGET', KEYS[1], ARGV[1]) or '0')
            local at = tonumber(ARGV[2])
            if at >= math.abs(seen) then
              redis.call('HSET', KEYS[1], ARGV[1], ARGV[3] == '1' and at or -at)
            end
            return 1
            """;

    /* KEYS: the subscriber's hash. The channels subscribed to now. */
    private static final String CURRENT = """
            local all, current = redis.call('HGETALL', KEYS[1]), {}
            for i = 1, #all, 2 do
              if tonumber(all[i + 1]) > 0 then current[#current + 1] = all[i] end
            end
            return current
            """;

    private final ReactiveRedisDataSource redis;

    public SubscriptionStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    public Uni<Void> changed(String subscriberId, String channelId, Instant at, boolean subscribed) {
        return redis.execute("EVAL", APPLY, "1", SUBSCRIPTIONS + subscriberId, channelId,
                Long.toString(at.toEpochMilli()), subscribed ? "1" : "0").replaceWithVoid();
    }

    /** The channels the user subscribes to now. */
    public Uni<List<String>> channels(String subscriberId) {
        return redis.execute("EVAL", CURRENT, "1", SUBSCRIPTIONS + subscriberId).map(CoVisitationStore::strings);
    }
}
