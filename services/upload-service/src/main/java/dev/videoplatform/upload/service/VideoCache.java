package dev.videoplatform.upload.service;

import dev.videoplatform.platform.cache.CacheConfig;
import dev.videoplatform.platform.cache.ChangeFeed;
import dev.videoplatform.platform.cache.ProtoCache;
import dev.videoplatform.upload.config.UploadConfig;
import dev.videoplatform.upload.v1.Video;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.inject.Singleton;

/** Full Video records for GetVideo/BatchGetVideos (visibility is applied per viewer on the way out). */
@Singleton
public class VideoCache extends ProtoCache<Video> {

    public VideoCache(ReactiveRedisDataSource redis, ChangeFeed feed, CacheConfig cacheConfig, UploadConfig config) {
        super(redis, feed, cacheConfig, "vp:video:", config.cacheTtl(), Video.parser());
    }
}
