package dev.videoplatform.upload.service;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Tells every replica that a video's status changed (Redis pub/sub), so that WatchVideoStatus
 * streams on any replica wake up at once. A nudge only: watchers re-read the database.
 */
@ApplicationScoped
public class VideoStatusFeed {

    private final ReactiveRedisDataSource redis;

    public VideoStatusFeed(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    private static String channel(String videoId) {
        return "vp:video-status:" + videoId;
    }

    public Uni<Void> changed(String videoId) {
        return redis.pubsub(String.class).publish(channel(videoId), videoId).onFailure().recoverWithNull().replaceWithVoid();
    }

    public Multi<String> changes(String videoId) {
        return redis.pubsub(String.class).subscribe(channel(videoId));
    }
}
