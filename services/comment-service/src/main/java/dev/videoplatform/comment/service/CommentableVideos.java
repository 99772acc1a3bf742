package dev.videoplatform.comment.service;

import dev.videoplatform.comment.client.VideoCatalogClient;
import dev.videoplatform.comment.config.CommentConfig;
import dev.videoplatform.platform.cache.CacheConfig;
import dev.videoplatform.platform.cache.ChangeFeed;
import dev.videoplatform.platform.cache.ProtoCache;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Whether a video takes new comments, from upload-service's catalog behind a shared cache
 * (Redis plus each replica's memory; dropped by the catalog's and admin's events).
 */
@Singleton
public class CommentableVideos extends ProtoCache<Video> {

    private final VideoCatalogClient catalog;

    public CommentableVideos(ReactiveRedisDataSource redis, ChangeFeed feed, CacheConfig cacheConfig, CommentConfig config,
            VideoCatalogClient catalog) {
        super(redis, feed, cacheConfig, "vp:comment:video:", config.videoCacheTtl(), Video.parser());
        this.catalog = catalog;
    }

    /**
     * The video if {@code userId} may comment on it now: NOT_FOUND when unknown, not READY
     * (banned included) or PRIVATE and not theirs; FAILED_PRECONDITION when its owner turned
     * comments off; UNAVAILABLE when upload cannot be asked.
     */
    public Uni<Video> requireOpen(String videoId, String userId) {
        return getOrLoad(List.of(videoId), ids -> catalog.find(videoId)
                .map(found -> found.map(video -> Map.of(videoId, video)).orElse(Map.of())))
                .map(found -> {
                    Video video = found.get(videoId);
                    if (video == null || video.getStatus() != VideoStatus.VIDEO_STATUS_READY
                            || video.getVisibility() == Visibility.VISIBILITY_PRIVATE && !video.getChannelId().equals(userId)) {
                        throw DomainException.notFound("VIDEO_NOT_FOUND", "video not found");
                    }
                    if (!video.getCommentsEnabled()) {
                        throw DomainException.failedPrecondition("COMMENTS_DISABLED", "comments are turned off for this video");
                    }
                    return video;
                });
    }
}
