package dev.videoplatform.user.repository;

import dev.videoplatform.platform.error.DomainException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The {@code users} table. */
@ApplicationScoped
public class AccountRepository {

    private final Pool pool;

    public AccountRepository(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    /**
     * Inserts a new account. A taken username or email is ALREADY_EXISTS; a retried request
     * (same request id) answers with the account the first attempt created.
     */
    public Uni<Account> insert(SqlClient tx, String id, String username, String email, String displayName,
            String passwordHash, String requestId) {
        return tx.preparedQuery("INSERT INTO users (id, username, email, display_name, password_hash, create_request_id)"
                        + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + Account.COLUMNS)
                .execute(Tuple.of(id, username, email, displayName, passwordHash, requestId))
                .map(rows -> Account.from(rows.iterator().next()))
                .onFailure(PgException.class).transform(AccountRepository::explainConflict);
    }

    private static Throwable explainConflict(Throwable failure) {
        PgException pg = (PgException) failure;
        if (!"23505".equals(pg.getSqlState())) {
            return failure;
        }
        String constraint = pg.getConstraint() == null ? "" : pg.getConstraint();
        if (constraint.contains("username")) {
            return DomainException.alreadyExists("USERNAME_TAKEN", "this username is taken");
        }
        if (constraint.contains("email")) {
            return DomainException.alreadyExists("EMAIL_TAKEN", "an account with this email exists");
        }
        if (constraint.contains("request_id")) {
            return new DuplicateRequestException();
        }
        return failure;
    }

    /** A create was retried with the same request id. */
    public static final class DuplicateRequestException extends RuntimeException {
        DuplicateRequestException() {
            super("duplicate request id", null, false, false);
        }
    }

    public Uni<Optional<Account>> findByRequestId(String requestId) {
        return one(pool, "SELECT " + Account.COLUMNS + " FROM users WHERE create_request_id = $1", Tuple.of(requestId));
    }

    public Uni<Optional<Account>> findById(SqlClient client, String id) {
        return one(client, "SELECT " + Account.COLUMNS + " FROM users WHERE id = $1", Tuple.of(id));
    }

    public Uni<Optional<Account>> findById(String id) {
        return findById(pool, id);
    }

    /** By username or email, both case-insensitively. */
    public Uni<Optional<Account>> findByLogin(String usernameOrEmail) {
        return one(pool, "SELECT " + Account.COLUMNS + " FROM users WHERE username = lower($1) OR lower(email) = lower($1)",
                Tuple.of(usernameOrEmail));
    }

    public Uni<List<Account>> findByIds(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return pool.preparedQuery("SELECT " + Account.COLUMNS + " FROM users WHERE id = ANY($1)")
                .execute(Tuple.of(ids.toArray(new String[0])))
                .map(AccountRepository::all);
    }

    public Uni<Account> updateProfile(SqlClient tx, String id, String displayName, String bio, String avatarUrl) {
        return tx.preparedQuery("UPDATE users SET display_name = $2, bio = $3, avatar_url = $4, updated_at = now()"
                        + " WHERE id = $1 RETURNING " + Account.COLUMNS)
                .execute(Tuple.of(id, displayName, bio, avatarUrl))
                .map(rows -> Account.from(rows.iterator().next()));
    }

    /** Adds {@code delta} to the channel's subscriber count; returns the new count. */
    public Uni<Long> adjustSubscriberCount(SqlClient tx, String channelId, int delta) {
        return tx.preparedQuery("UPDATE users SET subscriber_count = greatest(subscriber_count + $2, 0)"
                        + " WHERE id = $1 RETURNING subscriber_count")
                .execute(Tuple.of(channelId, delta))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Adds the admin role to these accounts where they lack it; returns the accounts changed. */
    public Uni<List<Account>> grantAdmin(SqlClient client, Collection<String> usernames) {
        return client.preparedQuery("UPDATE users SET roles = array_append(roles, 'admin'), updated_at = now()"
                        + " WHERE username = ANY($1) AND NOT ('admin' = ANY(roles)) RETURNING " + Account.COLUMNS)
                .execute(Tuple.of(usernames.toArray(String[]::new)))
                .map(AccountRepository::all);
    }

    /** Sets the suspension flag; returns the account if it exists and the flag changed. */
    public Uni<Optional<Account>> setSuspended(SqlClient tx, String id, boolean suspended) {
        return one(tx, "UPDATE users SET suspended = $2, updated_at = now() WHERE id = $1 AND suspended <> $2 RETURNING "
                + Account.COLUMNS, Tuple.of(id, suspended));
    }

    private static Uni<Optional<Account>> one(SqlClient client, String sql, Tuple args) {
        return client.preparedQuery(sql).execute(args)
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(Account.from(rows.iterator().next())));
    }

    private static List<Account> all(RowSet<Row> rows) {
        List<Account> accounts = new ArrayList<>(rows.size());
        rows.forEach(row -> accounts.add(Account.from(row)));
        return accounts;
    }
}
