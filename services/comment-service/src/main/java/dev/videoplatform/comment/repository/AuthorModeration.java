package dev.videoplatform.comment.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** {@code author_moderation}: which authors admin suspended (their comments are not listed). */
@ApplicationScoped
public class AuthorModeration {

    private static final String SET = """
            INSERT INTO author_moderation (user_id, suspended, changed_at) VALUES ($1, $2, $3)
            ON CONFLICT (user_id) DO UPDATE SET suspended = excluded.suspended, changed_at = excluded.changed_at
            WHERE author_moderation.changed_at <= excluded.changed_at""";

    /** Suspends or reinstates as of {@code at}; a decision older than the one applied is ignored. */
    public Uni<Void> set(SqlClient tx, String userId, boolean suspended, Instant at) {
        return tx.preparedQuery(SET).execute(Tuple.of(userId, suspended, CommentRepository.utc(at))).replaceWithVoid();
    }
}
