package dev.videoplatform.search.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Writes of the {@code channel} table and of the names its videos carry. A channel's state is
 * versioned by its profile's update_time, so a late or replayed user.updated never rolls a name
 * back. A video indexed later takes the names from this table (VideoIndex).
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
}
