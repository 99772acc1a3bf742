package dev.videoplatform.user.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code subscriptions} table. */
@ApplicationScoped
public class SubscriptionRepository {

    /** One row, seen from the side being listed: {@code otherId} is the subscriber or the channel. */
    public record Entry(String otherId, Instant createdAt) {
    }

    private final Pool pool;

    public SubscriptionRepository(Pool pool) {
        this.pool = pool;
    }

    /** Inserts unless present; the creation time if this call created it. */
    public Uni<Optional<Instant>> insertIfAbsent(SqlClient tx, String subscriberId, String channelId) {
        return tx.preparedQuery("INSERT INTO subscriptions (subscriber_id, channel_id) VALUES ($1, $2)"
                        + " ON CONFLICT DO NOTHING RETURNING created_at")
                .execute(Tuple.of(subscriberId, channelId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getOffsetDateTime(0).toInstant()));
    }

    public Uni<Optional<Instant>> find(SqlClient client, String subscriberId, String channelId) {
        return client.preparedQuery("SELECT created_at FROM subscriptions WHERE subscriber_id = $1 AND channel_id = $2")
                .execute(Tuple.of(subscriberId, channelId))
                .map(rows -> rows.size() == 0 ? Optional.empty()
                        : Optional.of(rows.iterator().next().getOffsetDateTime(0).toInstant()));
    }

    public Uni<Boolean> delete(SqlClient tx, String subscriberId, String channelId) {
        return tx.preparedQuery("DELETE FROM subscriptions WHERE subscriber_id = $1 AND channel_id = $2")
                .execute(Tuple.of(subscriberId, channelId)).map(rows -> rows.rowCount() == 1);
    }

    /** Those of {@code channelIds} the user subscribes to, with the subscription's time. */
    public Uni<List<Entry>> subscribedAmong(String subscriberId, List<String> channelIds) {
        return entries("SELECT channel_id, created_at FROM subscriptions WHERE subscriber_id = $1"
                + " AND channel_id = ANY($2::text[])", Tuple.of(subscriberId, channelIds.toArray(String[]::new)));
    }

    /** Subscribers of a channel, newest first, after the (createdAt, id) cursor when given. */
    public Uni<List<Entry>> subscribersOf(String channelId, Instant afterTime, String afterId, int limit) {
        return page("subscriber_id", "channel_id", channelId, afterTime, afterId, limit, true);
    }

    /** Channels a user subscribes to, newest first. */
    public Uni<List<Entry>> subscriptionsOf(String subscriberId, Instant afterTime, String afterId, int limit) {
        return page("channel_id", "subscriber_id", subscriberId, afterTime, afterId, limit, true);
    }

    /**
     * Subscribers of a channel, oldest first, after the (createdAt, id) cursor when given: the
     * stable order of a fan-out walk (the by-channel index read backwards).
     */
    public Uni<List<Entry>> subscribersOldestFirst(String channelId, Instant afterTime, String afterId, int limit) {
        return page("subscriber_id", "channel_id", channelId, afterTime, afterId, limit, false);
    }

    /** Channels a user subscribes to, oldest first (the by-subscriber index read backwards). */
    public Uni<List<Entry>> subscriptionsOldestFirst(String subscriberId, Instant afterTime, String afterId, int limit) {
        return page("channel_id", "subscriber_id", subscriberId, afterTime, afterId, limit, false);
    }

    private Uni<List<Entry>> page(String other, String self, String id, Instant afterTime, String afterId, int limit,
            boolean newestFirst) {
        String sql = "SELECT " + other + ", created_at FROM subscriptions WHERE " + self + " = $1"
                + (afterTime == null ? "" : " AND (created_at, " + other + ") " + (newestFirst ? "<" : ">") + " ($3, $4)")
                + " ORDER BY created_at" + (newestFirst ? " DESC, " + other + " DESC" : ", " + other) + " LIMIT $2";
        return entries(sql, afterTime == null ? Tuple.of(id, limit)
                : Tuple.of(id, limit, OffsetDateTime.ofInstant(afterTime, ZoneOffset.UTC), afterId));
    }

    private Uni<List<Entry>> entries(String sql, Tuple args) {
        return pool.preparedQuery(sql).execute(args).map(rows -> {
            List<Entry> entries = new ArrayList<>(rows.size());
            rows.forEach(row -> entries.add(new Entry(row.getString(0), row.getOffsetDateTime(1).toInstant())));
            return entries;
        });
    }
}
