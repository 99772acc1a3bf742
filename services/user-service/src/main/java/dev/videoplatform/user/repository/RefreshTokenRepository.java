package dev.videoplatform.user.repository;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** The {@code refresh_tokens} table (hashes only, never tokens). */
@ApplicationScoped
public class RefreshTokenRepository {

    /** A stored token's state. */
    public record StoredToken(String familyId, String userId, Instant expiresAt, boolean used, boolean revoked) {
    }

    public Uni<Void> insert(SqlClient tx, byte[] hash, String familyId, String userId, Instant expiresAt) {
        return tx.preparedQuery("INSERT INTO refresh_tokens (token_hash, family_id, user_id, expires_at) VALUES ($1, $2, $3, $4)")
                .execute(Tuple.of(Buffer.buffer(hash), familyId, userId, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** The token, locked for the rest of the transaction so that two uses cannot both succeed. */
    public Uni<Optional<StoredToken>> findForUpdate(SqlClient tx, byte[] hash) {
        return tx.preparedQuery("SELECT family_id, user_id, expires_at, used_at IS NOT NULL, revoked_at IS NOT NULL"
                        + " FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE")
                .execute(Tuple.of(Buffer.buffer(hash)))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next()).map(row ->
                        new StoredToken(row.getString(0), row.getString(1), row.getOffsetDateTime(2).toInstant(),
                                row.getBoolean(3), row.getBoolean(4))));
    }

    public Uni<Void> markUsed(SqlClient tx, byte[] hash) {
        return tx.preparedQuery("UPDATE refresh_tokens SET used_at = now() WHERE token_hash = $1")
                .execute(Tuple.of(Buffer.buffer(hash))).replaceWithVoid();
    }

    public Uni<Integer> revokeFamily(SqlClient tx, String familyId) {
        return tx.preparedQuery("UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(familyId)).map(rows -> rows.rowCount());
    }

    public Uni<Integer> revokeAllOf(SqlClient tx, String userId) {
        return tx.preparedQuery("UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(userId)).map(rows -> rows.rowCount());
    }
}
