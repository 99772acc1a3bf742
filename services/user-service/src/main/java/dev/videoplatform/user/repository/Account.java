package dev.videoplatform.user.repository;

import io.vertx.mutiny.sqlclient.Row;
import java.time.Instant;
import java.util.List;

/** A user account as stored. */
public record Account(String id, String username, String email, String displayName, String bio, String avatarUrl,
        String passwordHash, List<String> roles, boolean suspended, long subscriberCount, Instant createdAt,
        Instant updatedAt) {

    static final String COLUMNS = "id, username, email, display_name, bio, avatar_url, password_hash, roles, suspended,"
            + " subscriber_count, created_at, updated_at";

    static Account from(Row row) {
        return new Account(row.getString("id"), row.getString("username"), row.getString("email"),
                row.getString("display_name"), row.getString("bio"), row.getString("avatar_url"),
                row.getString("password_hash"), List.of(row.getArrayOfStrings("roles")), row.getBoolean("suspended"),
                row.getLong("subscriber_count"), row.getOffsetDateTime("created_at").toInstant(),
                row.getOffsetDateTime("updated_at").toInstant());
    }
}
