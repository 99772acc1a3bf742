package dev.videoplatform.notification.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code fanout_job} table: one row per video.published being fanned out, with the position
 * reached (user-service's page token) and who works on it (a lease); and {@code on_read_merged},
 * which of the jobs fanned out on read each reader's inbox already has.
 */
@ApplicationScoped
public class FanOutJobs {

    /** A job as a worker holds it. */
    public record Job(String eventId, String channelId, String videoId, String title, String body,
            Instant publishedAt, String pageToken) {
    }

    private static final String CREATE = """
            INSERT INTO fanout_job (event_id, channel_id, video_id, title, body, published_at)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING""";

    // Takes the oldest open job nobody holds (or whose holder's lease ran out); SKIP LOCKED lets
    // replicas claim different jobs at once.
    private static final String CLAIM = """
            UPDATE fanout_job SET lease_until = now() + $1 * interval '1 millisecond', claims = claims + 1
            WHERE event_id = (SELECT event_id FROM fanout_job
                              WHERE finished_at IS NULL AND (lease_until IS NULL OR lease_until < now())
                              ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING event_id, channel_id, video_id, title, body, published_at, page_token""";

    // Only from the position the worker read: a worker whose lease was taken over writes nothing.
    private static final String ADVANCE = """
            UPDATE fanout_job SET page_token = $3, pages_done = pages_done + 1,
                lease_until = now() + $4 * interval '1 millisecond',
                finished_at = CASE WHEN $3 = '' THEN now() END
            WHERE event_id = $1 AND page_token = $2 AND finished_at IS NULL""";

    // A job fanned out on read is finished as soon as it is marked: nothing more is written for it.
    private static final String ON_READ = """
            UPDATE fanout_job SET on_read = true, finished_at = now()
            WHERE event_id = $1 AND page_token = '' AND finished_at IS NULL""";

    // The newest recent jobs fanned out on read, less those already merged for the reader.
    private static final String UNMERGED_ON_READ = """
            SELECT event_id, channel_id, video_id, title, body, published_at, page_token FROM (
                SELECT * FROM fanout_job WHERE on_read AND published_at > $2 ORDER BY published_at DESC LIMIT $3) recent
            WHERE NOT event_id = ANY(COALESCE((SELECT event_ids FROM on_read_merged WHERE reader_id = $1), '{}'))""";

    // Keeps of the reader's merged jobs those the query above still looks at, so the list stays
    // within its limit.
    private static final String MERGED = """
            INSERT INTO on_read_merged AS m (reader_id, event_ids, updated_at) VALUES ($1, $2::text[], now())
            ON CONFLICT (reader_id) DO UPDATE SET updated_at = now(), event_ids = ARRAY(
                SELECT event_id FROM fanout_job WHERE on_read AND published_at > $3
                    AND event_id = ANY(m.event_ids || $2::text[])
                ORDER BY published_at DESC LIMIT $4)""";

    private static final String SWEEP_MERGED = "DELETE FROM on_read_merged WHERE updated_at < $1";

    private static final String SWEEP = "DELETE FROM fanout_job WHERE finished_at < $1";

    private final Pool pool;

    public FanOutJobs(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /** Records a new job unless the event already has one. */
    public Uni<Void> create(SqlClient tx, Job job) {
        return tx.preparedQuery(CREATE).execute(Tuple.of(job.eventId(), job.channelId(), job.videoId(), job.title(),
                job.body(), Inbox.utc(job.publishedAt()))).replaceWithVoid();
    }

    /** The oldest open job nobody holds, now held by the caller for {@code lease}. */
    public Uni<Optional<Job>> claim(Duration lease) {
        return pool.preparedQuery(CLAIM).execute(Tuple.of(lease.toMillis()))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(job(rows.iterator().next())));
    }

    /**
     * Moves the job from {@code fromToken} to {@code nextToken} (empty: finished) and renews the
     * lease; false when the job is no longer at {@code fromToken} (another worker took it over).
     */
    public Uni<Boolean> advance(SqlClient tx, String eventId, String fromToken, String nextToken, Duration lease) {
        return tx.preparedQuery(ADVANCE).execute(Tuple.of(eventId, fromToken, nextToken, lease.toMillis()))
                .map(rows -> rows.rowCount() == 1);
    }

    /** Marks a job not started yet as fanned out on read; false when it was started or taken over. */
    public Uni<Boolean> markOnRead(String eventId) {
        return pool.preparedQuery(ON_READ).execute(Tuple.of(eventId)).map(rows -> rows.rowCount() == 1);
    }

    /**
     * The newest jobs fanned out on read published after {@code since}, at most {@code limit},
     * less those already merged into the reader's inbox ({@link #merged}).
     */
    public Uni<List<Job>> unmergedOnRead(String readerId, Instant since, int limit) {
        return pool.preparedQuery(UNMERGED_ON_READ).execute(Tuple.of(readerId, Inbox.utc(since), limit)).map(rows -> {
            List<Job> jobs = new ArrayList<>(rows.size());
            rows.forEach(row -> jobs.add(job(row)));
            return jobs;
        });
    }

    /** Records that these jobs are merged into the reader's inbox (with {@code tx}, which wrote their rows). */
    public Uni<Void> merged(SqlClient tx, String readerId, List<String> eventIds, Instant since, int limit) {
        return tx.preparedQuery(MERGED).execute(Tuple.of(readerId, eventIds.toArray(String[]::new), Inbox.utc(since), limit))
                .replaceWithVoid();
    }

    /**
     * Deletes jobs finished before {@code cutoff}, and readers' merged lists untouched since (all
     * their jobs are older); returns how many jobs.
     */
    public Uni<Integer> deleteFinishedBefore(Instant cutoff) {
        return pool.preparedQuery(SWEEP).execute(Tuple.of(Inbox.utc(cutoff))).map(rows -> rows.rowCount())
                .call(() -> pool.preparedQuery(SWEEP_MERGED).execute(Tuple.of(Inbox.utc(cutoff))));
    }

    private static Job job(Row row) {
        return new Job(row.getString(0), row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getOffsetDateTime(5).toInstant(), row.getString(6));
    }
}
