package dev.videoplatform.comment.repository;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The pages of a video with many comments are read in index order and stop after a page: no
 * sort, no scan of other videos' comments, whatever the cursor (TOP's score is stored).
 */
@QuarkusTest
class PageQueryPlanTest {

    static final String VIDEO = "plan-" + UUID.randomUUID();

    @Inject
    Pool pool;

    void seedOnce() {
        pool.query("INSERT INTO video_thread (video_id, channel_id) VALUES ('" + VIDEO + "', 'owner')"
                + " ON CONFLICT DO NOTHING").execute().await().indefinitely();
        pool.query("INSERT INTO comment (comment_id, video_id, author_id, text, created_at, up_count, down_count, top_score)"
                + " SELECT gen_random_uuid(), '" + VIDEO + "', 'author-' || (i % 500), 'text ' || i,"
                + " now() - i * interval '1 minute', i % 7, i % 3,"
                + " comment_top_score(i % 7, i % 3, now() - i * interval '1 minute')"
                + " FROM generate_series(1, 20000) i WHERE NOT EXISTS (SELECT 1 FROM comment WHERE video_id = '" + VIDEO + "')")
                .execute().await().indefinitely();
        // and as many comments on 200 other videos, as a real table holds
        pool.query("INSERT INTO comment (comment_id, video_id, author_id, text, created_at, top_score)"
                + " SELECT gen_random_uuid(), 'other-' || (i % 200), 'author-' || (i % 500), 'text ' || i, now(),"
                + " comment_top_score(0, 0, now()) FROM generate_series(1, 20000) i"
                + " WHERE NOT EXISTS (SELECT 1 FROM comment WHERE video_id = 'other-0')").execute().await().indefinitely();
        pool.query("ANALYZE comment").execute().await().indefinitely();
    }

    @Test
    void topAndNewestPagesAreIndexScansInOrder() {
        seedOnce();
        for (double after : new double[] {Double.POSITIVE_INFINITY, midScore()}) {
            String top = plan(CommentRepository.TOP_PAGE, Tuple.of("viewer", VIDEO, after, CommentRepository.MAX_ID, 21));
            assertTrue(top.contains("comment_top"), top);
            assertFalse(top.contains("Sort") || top.contains("Seq Scan on comment c "), top);
        }

        String newest = plan(CommentRepository.NEWEST_PAGE, Tuple.of("viewer", VIDEO, CommentRepository.MAX_ID, 21));
        assertTrue(newest.contains("comment_newest"), newest);
        assertFalse(newest.contains("Sort") || newest.contains("Seq Scan on comment c "), newest);
    }

    /** A cursor deep in the TOP order (the median score). */
    private double midScore() {
        return pool.preparedQuery("SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY top_score) FROM comment WHERE video_id = $1")
                .execute(Tuple.of(VIDEO)).await().indefinitely().iterator().next().getDouble(0);
    }

    private String plan(String sql, Tuple args) {
        return StreamSupport.stream(pool.preparedQuery("EXPLAIN " + sql).execute(args).await().indefinitely().spliterator(), false)
                .map((Row row) -> row.getString(0)).collect(Collectors.joining("\n"));
    }
}
