package dev.videoplatform.comment.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Votes ({@code comment_vote}) and the exact counts on {@code comment}. Callers hold the
 * comment's row lock ({@link CommentRepository#lock}), so a vote and the count change it implies
 * are one step for every voter of that comment.
 */
@ApplicationScoped
public class VoteRepository {

    /** Up- and down-votes of a comment. */
    public record Counts(long up, long down) {
    }

    private static final String CURRENT = "SELECT vote FROM comment_vote WHERE comment_id = $1 AND user_id = $2";

    private static final String SET = "INSERT INTO comment_vote (comment_id, user_id, vote) VALUES ($1, $2, $3)"
            + " ON CONFLICT (comment_id, user_id) DO UPDATE SET vote = excluded.vote";

    private static final String CLEAR = "DELETE FROM comment_vote WHERE comment_id = $1 AND user_id = $2";

    private static final String COUNT = """
            UPDATE comment SET up_count = up_count + $2, down_count = down_count + $3,
                top_score = comment_top_score(up_count + $2, down_count + $3, created_at)
            WHERE comment_id = $1 RETURNING up_count, down_count""";

    private static final String VOTES_OF = "SELECT comment_id, vote FROM comment_vote WHERE user_id = $1"
            + " AND comment_id = ANY($2)";

    private static final String COUNTS = "SELECT up_count, down_count FROM comment WHERE comment_id = $1";

    /** The user's vote (the contract's number), 0 for none. */
    public Uni<Integer> current(SqlClient tx, UUID commentId, String userId) {
        return tx.preparedQuery(CURRENT).execute(Tuple.of(commentId, userId))
                .map(rows -> rows.rowCount() == 0 ? 0 : rows.iterator().next().getInteger(0));
    }

    /** Stores the user's vote (1 up, 2 down), or removes it for 0. */
    public Uni<Void> set(SqlClient tx, UUID commentId, String userId, int vote) {
        return (vote == 0 ? tx.preparedQuery(CLEAR).execute(Tuple.of(commentId, userId))
                : tx.preparedQuery(SET).execute(Tuple.of(commentId, userId, (short) vote))).replaceWithVoid();
    }

    /** Moves the counts (and so the TOP score) by the deltas; the counts after the change. */
    public Uni<Counts> count(SqlClient tx, UUID commentId, int upDelta, int downDelta) {
        return tx.preparedQuery(COUNT).execute(Tuple.of(commentId, upDelta, downDelta))
                .map(rows -> counts(rows.iterator().next()));
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
