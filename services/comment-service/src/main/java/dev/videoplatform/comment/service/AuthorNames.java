package dev.videoplatform.comment.service;

import dev.videoplatform.comment.client.AuthorDirectory;
import dev.videoplatform.comment.config.CommentConfig;
import dev.videoplatform.platform.cache.CacheConfig;
import dev.videoplatform.platform.cache.ChangeFeed;
import dev.videoplatform.platform.cache.ProtoCache;
import dev.videoplatform.user.v1.UserSummary;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authors' names and avatars for a page of comments: from the shared cache, the rest from
 * user-service in one call; user.updated drops an author's entry.
 */
@Singleton
public class AuthorNames extends ProtoCache<UserSummary> {

    /** Names found, and the ids user-service could not be asked about. */
    public record Authors(Map<String, UserSummary> found, Set<String> unavailable) {

        public static final Authors NONE = new Authors(Map.of(), Set.of());

        public UserSummary get(String userId) {
            return found.get(userId);
        }
    }

    private final AuthorDirectory directory;

    public AuthorNames(ReactiveRedisDataSource redis, ChangeFeed feed, CacheConfig cacheConfig, CommentConfig config,
            AuthorDirectory directory) {
        super(redis, feed, cacheConfig, "vp:comment:author:", config.authorCacheTtl(), UserSummary.parser());
        this.directory = directory;
    }

    public Uni<Authors> lookup(Collection<String> userIds) {
        List<String> ids = userIds.stream().filter(id -> id != null && !id.isEmpty()).distinct().toList();
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Authors.NONE);
        }
        Set<String> unavailable = ConcurrentHashMap.newKeySet();
        return getOrLoad(ids, misses -> directory.lookup(misses).map(lookup -> {
            if (!lookup.answered()) {
                unavailable.addAll(misses);
            }
            return lookup.found();
        })).map(found -> new Authors(found, unavailable));
    }
}
