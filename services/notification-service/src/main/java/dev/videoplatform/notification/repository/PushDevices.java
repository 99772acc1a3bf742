package dev.videoplatform.notification.repository;

import dev.videoplatform.notification.v1.PushPlatform;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code push_device} table: the devices each user receives push notifications on. */
@ApplicationScoped
public class PushDevices {

    /** A device: its push service and the token that service gave the app. */
    public record Device(PushPlatform platform, String token) {
    }

    // Registrations of one user take turns, so the bound below holds whatever runs at once.
    private static final String LOCK_USER = "SELECT pg_advisory_xact_lock(hashtextextended('push_device:' || $1, 0))";

    private static final String UPSERT = """
            INSERT INTO push_device (platform, token, user_id, registered_at) VALUES ($1, $2, $3, $4)
            ON CONFLICT (platform, token) DO UPDATE SET user_id = $3, registered_at = $4""";

    private static final String KEEP_NEWEST = """
            DELETE FROM push_device WHERE user_id = $1 AND (platform, token) NOT IN
                (SELECT platform, token FROM push_device WHERE user_id = $1
                 ORDER BY registered_at DESC, platform, token LIMIT $2)""";

    private static final String REMOVE = "DELETE FROM push_device WHERE platform = $1 AND token = $2 AND user_id = $3";

    private static final String OF_USERS = "SELECT user_id, platform, token FROM push_device WHERE user_id = ANY($1::text[])";

    private final Pool pool;

    public PushDevices(Pool pool) {
        this.pool = pool;
    }

    /**
     * Makes the device the user's (taking it from whoever had it), registered at {@code at}, and
     * drops the user's devices registered longest ago beyond {@code maxPerUser}.
     */
    public Uni<Void> register(String userId, Device device, Instant at, int maxPerUser) {
        return pool.withTransaction(tx -> tx.preparedQuery(LOCK_USER).execute(Tuple.of(userId))
                .flatMap(x -> tx.preparedQuery(UPSERT).execute(Tuple.of(device.platform().getNumber(), device.token(),
                        userId, Inbox.utc(at))))
                .flatMap(x -> tx.preparedQuery(KEEP_NEWEST).execute(Tuple.of(userId, maxPerUser)))
                .replaceWithVoid());
    }

    /** Removes the device if it is the user's; whether it was. */
    public Uni<Boolean> unregister(String userId, Device device) {
        return pool.preparedQuery(REMOVE).execute(Tuple.of(device.platform().getNumber(), device.token(), userId))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The devices of those of {@code userIds} who have any, by user id; no query for none. */
    public Uni<Map<String, List<Device>>> ofUsers(SqlClient client, Collection<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return client.preparedQuery(OF_USERS).execute(Tuple.of(userIds.toArray(String[]::new))).map(rows -> {
            Map<String, List<Device>> found = new HashMap<>();
            rows.forEach(row -> found.computeIfAbsent(row.getString(0), k -> new ArrayList<>())
                    .add(new Device(PushPlatform.forNumber(row.getInteger(1)), row.getString(2))));
            return found;
        });
    }
}
