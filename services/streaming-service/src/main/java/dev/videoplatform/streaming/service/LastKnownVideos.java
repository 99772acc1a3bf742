package dev.videoplatform.streaming.service;

import dev.videoplatform.platform.cache.ProtoCache;
import dev.videoplatform.streaming.config.StreamingConfig;
import dev.videoplatform.upload.v1.Video;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import jakarta.inject.Singleton;

/** The last playback metadata seen per video, kept long: the fallback while upload-service is down. */
@Singleton
public class LastKnownVideos extends ProtoCache<Video> {

    public LastKnownVideos(ReactiveRedisDataSource redis, StreamingConfig config) {
        super(redis, "vp:stream:last:", config.lastKnownTtl(), Video.parser());
    }
}
