package dev.videoplatform.notification.repository;

import dev.videoplatform.notification.v1.Delivery;
import dev.videoplatform.notification.v1.Preferences;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code preferences} table: a row per user who changed the defaults. */
@ApplicationScoped
public class PreferenceStore {

    /** A user's stored preferences (without update_time) and when they last changed. */
    public record Stored(Preferences values, Instant updatedAt) {
    }

    private static final String SELECT = "SELECT email_enabled, push_enabled, new_video, comment_reply, new_comment,"
            + " new_subscriber, muted_channel_ids, updated_at FROM preferences WHERE user_id = $1";

    private static final String SELECT_MANY = "SELECT email_enabled, push_enabled, new_video, comment_reply,"
            + " new_comment, new_subscriber, muted_channel_ids, updated_at, user_id FROM preferences"
            + " WHERE user_id = ANY($1::text[])";

    private static final String UPSERT = """
            INSERT INTO preferences (user_id, email_enabled, push_enabled, new_video, comment_reply, new_comment,
                                     new_subscriber, muted_channel_ids, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
            ON CONFLICT (user_id) DO UPDATE SET email_enabled = $2, push_enabled = $3, new_video = $4,
                comment_reply = $5, new_comment = $6, new_subscriber = $7, muted_channel_ids = $8, updated_at = $9""";

    private final Pool pool;

    public PreferenceStore(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** The user's stored preferences, locked when {@code client} is a transaction that asks for it. */
    public Uni<Optional<Stored>> find(SqlClient client, String userId, boolean forUpdate) {
        return client.preparedQuery(forUpdate ? SELECT + " FOR UPDATE" : SELECT).execute(Tuple.of(userId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(of(rows.iterator().next())));
    }

    /** The stored preferences of those of {@code userIds} who have any, by user id. */
    public Uni<Map<String, Preferences>> findAll(SqlClient client, Collection<String> userIds) {
        return client.preparedQuery(SELECT_MANY).execute(Tuple.of(userIds.toArray(String[]::new))).map(rows -> {
            Map<String, Preferences> found = new HashMap<>();
            rows.forEach(row -> found.put(row.getString(8), of(row).values()));
            return found;
        });
    }

    /** Stores {@code preferences} as the user's, changed at {@code at}. */
    public Uni<Void> save(SqlClient tx, String userId, Preferences p, Instant at) {
        return tx.preparedQuery(UPSERT).execute(Tuple.tuple(List.of(userId, p.getEmailEnabled(), p.getPushEnabled(),
                        p.getNewVideoValue(), p.getCommentReplyValue(), p.getNewCommentValue(), p.getNewSubscriberValue(),
                        p.getMutedChannelIdsList().toArray(String[]::new), Inbox.utc(at))))
                .replaceWithVoid();
    }

    private static Stored of(Row row) {
        return new Stored(Preferences.newBuilder().setEmailEnabled(row.getBoolean(0)).setPushEnabled(row.getBoolean(1))
                .setNewVideo(Delivery.forNumber(row.getInteger(2))).setCommentReply(Delivery.forNumber(row.getInteger(3)))
                .setNewComment(Delivery.forNumber(row.getInteger(4))).setNewSubscriber(Delivery.forNumber(row.getInteger(5)))
                .addAllMutedChannelIds(List.of(row.getArrayOfStrings(6))).build(),
                row.getOffsetDateTime(7).toInstant());
    }
}
