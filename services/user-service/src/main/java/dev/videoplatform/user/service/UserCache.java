package dev.videoplatform.user.service;

import dev.videoplatform.platform.cache.CacheConfig;
import dev.videoplatform.platform.cache.ChangeFeed;
import dev.videoplatform.platform.cache.ProtoCache;
import dev.videoplatform.user.config.UserServiceConfig;
import dev.videoplatform.user.v1.User;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.inject.Singleton;

/** Full User records (email included, redacted per viewer on the way out) for GetUser/BatchGetUsers. */
@Singleton
public class UserCache extends ProtoCache<User> {

    public UserCache(ReactiveRedisDataSource redis, ChangeFeed feed, CacheConfig cacheConfig, UserServiceConfig config) {
        super(redis, feed, cacheConfig, "vp:user:", config.cacheTtl(), User.parser());
    }
}
