package dev.videoplatform.recommendation.repository;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Who subscribes to which channel, kept from {@code user.subscribed} / {@code user.unsubscribed}:
 * a hash per subscriber of channel → event time in ms, negative once unsubscribed. The later event
 * wins whatever the arrival order, and a redelivered one changes nothing. user-service's list
 * reconciles a subscriber's hash as a change at the time it was asked for, so an event newer than
 * the list still wins; a marker remembers when that was last done.
 */
@ApplicationScoped
public class SubscriptionStore {

    public static final String SUBSCRIPTIONS = "vp:reco:subs:";
    public static final String RECONCILED = "vp:reco:subs-reconciled:";

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

    /*
     * KEYS: the subscriber's hash, the reconciled marker. ARGV: time the list was asked for (ms),
     * the marker's lifetime (ms), then the listed channels. Listed channels are subscribed and
     * the others not, as of that time; returns the channels subscribed to now.
     */
    private static final String RECONCILE = """
            local at, listed = tonumber(ARGV[1]), {}
            for i = 3, #ARGV do listed[ARGV[i]] = true end
            for channel in pairs(listed) do
              local seen = tonumber(redis.call('HGET', KEYS[1], channel) or '0')
              if at > math.abs(seen) then redis.call('HSET', KEYS[1], channel, at) end
            end
            local all, current = redis.call('HGETALL', KEYS[1]), {}
            for i = 1, #all, 2 do
              local seen = tonumber(all[i + 1])
              if seen > 0 and not listed[all[i]] and at > seen then
                redis.call('HSET', KEYS[1], all[i], -at)
              elseif seen > 0 then
                current[#current + 1] = all[i]
              end
            end
            redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[2])
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

    /** Makes the subscriber's channels those user-service listed at {@code listedAt}; the channels now. */
    public Uni<List<String>> reconcile(String subscriberId, List<String> listed, Instant listedAt, Duration validFor) {
        List<String> args = new ArrayList<>(List.of("EVAL", RECONCILE, "2", SUBSCRIPTIONS + subscriberId,
                RECONCILED + subscriberId, Long.toString(listedAt.toEpochMilli()), Long.toString(validFor.toMillis())));
        args.addAll(listed);
        return redis.execute(args.get(0), args.subList(1, args.size()).toArray(String[]::new)).map(CoVisitationStore::strings);
    }

    /** Whether the subscriber's channels were reconciled with user-service within the marker's lifetime. */
    public Uni<Boolean> reconciledRecently(String subscriberId) {
        return redis.key().exists(RECONCILED + subscriberId);
    }

    /** The channels the user subscribes to now. */
    public Uni<List<String>> channels(String subscriberId) {
        return redis.execute("EVAL", CURRENT, "1", SUBSCRIPTIONS + subscriberId).map(CoVisitationStore::strings);
    }
}
