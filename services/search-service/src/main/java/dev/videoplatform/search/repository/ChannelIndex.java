package dev.videoplatform.search.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Writes of the {@code channel} table and of the names and suspension its videos carry. Names
 * are versioned by the profile's update_time, suspension by the moderation event's occurred-at,
 * so a late or replayed event never rolls either back. A video indexed later takes both from this
 * table (VideoIndex).
 */
@ApplicationScoped
public class ChannelIndex {

    /** A channel's public names as of {@code version} (its profile's update_time). */
    public record Channel(String channelId, String username, String displayName, Instant version) {
    }

    private static final String UPSERT = """
            INSERT INTO channel (channel_id, username, display_name, version) VALUES ($1, $2, $3, $4)
            ON CONFLICT (channel_id) DO UPDATE SET username = excluded.username, display_name = excluded.display_name,
                version = excluded.version
            WHERE channel.version < excluded.version""";

    /** A suspension may come before any profile: the names stay empty until user.updated fills them. */
    private static final String SUSPEND = """
            INSERT INTO channel (channel_id, username, display_name, version, suspended, suspension_version)
            VALUES ($1, '', '', '-infinity', $2, $3)
            ON CONFLICT (channel_id) DO UPDATE SET suspended = excluded.suspended,
                suspension_version = excluded.suspension_version
            WHERE channel.suspension_version IS NULL OR channel.suspension_version < excluded.suspension_version""";

    private static final String SUSPEND_VIDEOS = """
            UPDATE video SET channel_suspended = $2 WHERE channel_id = $1 AND NOT deleted AND channel_suspended <> $2""";

    /** One statement per rename, whatever the number of videos; the triggers follow (suggestions, lexicon). */
    private static final String RENAME_VIDEOS = """
            UPDATE video SET channel_name = $2, channel_username = $3
            WHERE channel_id = $1 AND NOT deleted AND (channel_name, channel_username) IS DISTINCT FROM ($2, $3)""";

    /**
     * Applies the channel's names as of its version and re-indexes its videos; false (and nothing
     * written) when the table already holds this version or a later one.
     */
    public Uni<Boolean> apply(SqlClient tx, Channel c) {
        return tx.preparedQuery(UPSERT).execute(Tuple.of(c.channelId(), c.username(), c.displayName(),
                        VideoIndex.utc(c.version())))
                .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : tx.preparedQuery(RENAME_VIDEOS).execute(Tuple.of(c.channelId(), c.displayName(), c.username()))
                                .replaceWith(true));
    }

    /**
     * Suspends or reinstates the channel as of {@code version} and lists or unlists its videos
     * accordingly; false (and nothing written) when a decision as late or later is already here.
     */
    public Uni<Boolean> suspend(SqlClient tx, String channelId, boolean suspended, Instant version) {
        return tx.preparedQuery(SUSPEND).execute(Tuple.of(channelId, suspended, VideoIndex.utc(version)))
                .flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : tx.preparedQuery(SUSPEND_VIDEOS).execute(Tuple.of(channelId, suspended)).replaceWith(true));
    }
}
