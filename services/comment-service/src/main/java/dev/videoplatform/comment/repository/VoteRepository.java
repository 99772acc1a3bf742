package dev.videoplatform.comment.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Votes ({@code comment_vote}) and the exact counts on {@code comment}. A voter's vote on a
 * comment changes under that voter's lock ({@link #lockVoter}), so the count change it implies is
 * computed from the vote it replaced; the comment's row is locked only by the count update itself,
 * so voters of a popular comment queue on it for no longer than their commit.
 */
@ApplicationScoped
public class VoteRepository {

    /** Up- and down-votes of a comment. */
    public record Counts(long up, long down) {
    }

    /** One voter's votes on one comment run one at a time (the lock ends with the transaction). */
    private static final String LOCK_VOTER = "SELECT 1 FROM pg_advisory_xact_lock(hashtextextended($1, 19))";

    // The vote before, and the new one stored (0: removed); a repeat of the same vote writes nothing.
    private static final String SWAP = """
            WITH before AS (SELECT vote FROM comment_vote WHERE comment_id = $1 AND user_id = $2),
            cleared AS (DELETE FROM comment_vote WHERE $3::smallint = 0 AND comment_id = $1 AND user_id = $2),
            stored AS (INSERT INTO comment_vote (comment_id, user_id, vote)
                       SELECT $1::uuid, $2::text, $3::smallint WHERE $3::smallint <> 0
                       ON CONFLICT (comment_id, user_id) DO UPDATE SET vote = excluded.vote
                       WHERE comment_vote.vote <> excluded.vote)
            SELECT coalesce((SELECT vote FROM before), 0) AS before""";

    private static final String COUNT = """
            UPDATE comment SET up_count = up_count + $2, down_count = down_count + $3,
                top_score = comment_top_score(up_count + $2, down_count + $3, created_at)
            WHERE comment_id = $1 AND NOT deleted RETURNING up_count, down_count""";

    private static final String VOTES_OF = "SELECT comment_id, vote FROM comment_vote WHERE user_id = $1"
            + " AND comment_id = ANY($2)";

    private static final String COUNTS = "SELECT up_count, down_count FROM comment WHERE comment_id = $1";

    /** Holds the voter's lock on the comment for the rest of the transaction. */
    public Uni<Void> lockVoter(SqlClient tx, UUID commentId, String userId) {
        return tx.preparedQuery(LOCK_VOTER).execute(Tuple.of(userId + "/" + commentId)).replaceWithVoid();
    }

    /** Stores the user's vote (1 up, 2 down; 0 removes it); the vote before it (0 for none). */
    public Uni<Integer> swap(SqlClient tx, UUID commentId, String userId, int vote) {
        return tx.preparedQuery(SWAP).execute(Tuple.of(commentId, userId, (short) vote))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /**
     * Moves the counts (and so the TOP score) by the deltas; the counts after the change, or empty
     * if the comment is gone or deleted. It locks the comment's row: call it last in the transaction.
     */
    public Uni<Optional<Counts>> count(SqlClient tx, UUID commentId, int upDelta, int downDelta) {
        return tx.preparedQuery(COUNT).execute(Tuple.of(commentId, upDelta, downDelta))
                .map(rows -> rows.rowCount() == 0 ? Optional.empty() : Optional.of(counts(rows.iterator().next())));
    }

    /** The user's votes (the contract's numbers) on those of these comments they voted on. */
    public Uni<Map<UUID, Integer>> votesOf(SqlClient client, String userId, List<UUID> commentIds) {
        return client.preparedQuery(VOTES_OF).execute(Tuple.of(userId, commentIds.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, Integer> votes = new HashMap<>();
            rows.forEach(row -> votes.put(row.getUUID("comment_id"), row.getInteger("vote")));
            return votes;
        });
    }

    public Uni<Counts> counts(SqlClient tx, UUID commentId) {
        return tx.preparedQuery(COUNTS).execute(Tuple.of(commentId)).map(rows -> counts(rows.iterator().next()));
    }

    private static Counts counts(Row row) {
        return new Counts(row.getLong("up_count"), row.getLong("down_count"));
    }
}
