package dev.videoplatform.analytics.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Writes the aggregation's changed rows to PostgreSQL, one transaction per flush. Blocking JDBC
 * on purpose: it runs on the Streams thread, which must not commit its input before the rows
 * are written (see streams/ViewAggregation). Each upsert only replaces an older version.
 */
@ApplicationScoped
public class AggregateTables {

    private static final String STATS = "INSERT INTO video_stats AS s (video_id, view_count, unique_viewer_count, watch_millis,"
            + " version, update_time) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (video_id) DO UPDATE SET"
            + " view_count = excluded.view_count, unique_viewer_count = excluded.unique_viewer_count,"
            + " watch_millis = excluded.watch_millis, version = excluded.version, update_time = excluded.update_time"
            + " WHERE s.version < excluded.version";
    private static final String HOUR = "INSERT INTO video_hour AS h (video_id, hour, view_count, watch_millis, version)"
            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (video_id, hour) DO UPDATE SET view_count = excluded.view_count,"
            + " watch_millis = excluded.watch_millis, version = excluded.version WHERE h.version < excluded.version";
    private static final String LISTING = "INSERT INTO video_listing AS l (video_id, listed, deleted, version)"
            + " VALUES (?, ?, ?, ?) ON CONFLICT (video_id) DO UPDATE SET listed = excluded.listed,"
            + " deleted = excluded.deleted, version = excluded.version WHERE l.version < excluded.version";

    private final DataSource dataSource;

    public AggregateTables(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void write(AggregateRows rows) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                writeStats(connection, rows);
                writeHours(connection, rows);
                writeListings(connection, rows);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void writeStats(Connection connection, AggregateRows rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(STATS)) {
            for (AggregateRows.Stats row : rows.stats()) {
                statement.setString(1, row.videoId());
                statement.setLong(2, row.views());
                statement.setLong(3, row.uniqueViewers());
                statement.setLong(4, row.watchMillis());
                statement.setLong(5, row.version());
                statement.setObject(6, OffsetDateTime.ofInstant(row.updateTime(), ZoneOffset.UTC));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static void writeHours(Connection connection, AggregateRows rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(HOUR)) {
            for (AggregateRows.Hour row : rows.hours()) {
                statement.setString(1, row.videoId());
                statement.setObject(2, OffsetDateTime.ofInstant(row.hour(), ZoneOffset.UTC));
                statement.setLong(3, row.views());
                statement.setLong(4, row.watchMillis());
                statement.setLong(5, row.version());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private static void writeListings(Connection connection, AggregateRows rows) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LISTING)) {
            for (AggregateRows.Listing row : rows.listings()) {
                statement.setString(1, row.videoId());
                statement.setBoolean(2, row.listed());
                statement.setBoolean(3, row.deleted());
                statement.setLong(4, row.version());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
