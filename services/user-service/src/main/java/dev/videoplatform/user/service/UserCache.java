package dev.videoplatform.user.service;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.videoplatform.user.config.UserServiceConfig;
import dev.videoplatform.user.v1.User;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Cache-aside for the hot GetUser/BatchGetUsers path: full User records (protobuf bytes) in
 * Redis with a TTL, dropped on every change. Redis failures degrade to the database.
 */
@ApplicationScoped
public class UserCache {

    private static final Logger LOG = Logger.getLogger(UserCache.class);

    private final ReactiveValueCommands<String, byte[]> values;
    private final ReactiveRedisDataSource redis;
    private final SetArgs ttl;

    public UserCache(ReactiveRedisDataSource redis, UserServiceConfig config) {
        this.redis = redis;
        this.values = redis.value(byte[].class);
        this.ttl = new SetArgs().px(config.cacheTtl());
    }

    static String key(String userId) {
        return "vp:user:" + userId;
    }

    /** Cached users by id; ids not cached (or unreadable) are absent. */
    public Uni<Map<String, User>> get(List<String> userIds) {
        if (userIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return values.mget(userIds.stream().map(UserCache::key).toArray(String[]::new))
                .map(found -> {
                    Map<String, User> users = new HashMap<>();
                    for (String id : userIds) {
                        byte[] bytes = found.get(key(id));
                        if (bytes != null) {
                            try {
                                users.put(id, User.parseFrom(bytes));
                            } catch (InvalidProtocolBufferException e) {
                                LOG.warnf("unreadable cache entry for %s", id);
                            }
                        }
                    }
                    return users;
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("user cache unavailable: %s", failure.getMessage());
                    return Map.of();
                });
    }

    public Uni<Void> put(User user) {
        return values.set(key(user.getUserId()), user.toByteArray(), ttl)
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    public Uni<Void> invalidate(String userId) {
        return redis.key().del(key(userId)).onFailure().recoverWithNull().replaceWithVoid();
    }
}
