package dev.videoplatform.streaming.service;

import dev.videoplatform.platform.cache.CacheConfig;
import dev.videoplatform.platform.cache.ChangeFeed;
import dev.videoplatform.platform.cache.ProtoCache;
import dev.videoplatform.streaming.config.StreamingConfig;
import dev.videoplatform.upload.v1.Video;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.inject.Singleton;

/** Playback metadata shared by the replicas for a short TTL (cache-aside in front of upload-service). */
@Singleton
public class FreshVideos extends ProtoCache<Video> {

    public FreshVideos(ReactiveRedisDataSource redis, ChangeFeed feed, CacheConfig cacheConfig, StreamingConfig config) {
        super(redis, feed, cacheConfig, "vp:stream:video:", config.metadataTtl(), Video.parser());
    }
}
