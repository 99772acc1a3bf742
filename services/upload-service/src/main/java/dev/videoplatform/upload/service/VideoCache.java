package dev.videoplatform.upload.service;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.videoplatform.upload.config.UploadConfig;
import dev.videoplatform.upload.v1.Video;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/** Cache-aside for GetVideo/BatchGetVideos: full Video records in Redis, dropped on every change. */
@ApplicationScoped
public class VideoCache {

    private static final Logger LOG = Logger.getLogger(VideoCache.class);

    private final ReactiveValueCommands<String, byte[]> values;
    private final ReactiveRedisDataSource redis;
    private final SetArgs ttl;

    public VideoCache(ReactiveRedisDataSource redis, UploadConfig config) {
        this.redis = redis;
        this.values = redis.value(byte[].class);
        this.ttl = new SetArgs().px(config.cacheTtl());
    }

    private static String key(String videoId) {
        return "vp:video:" + videoId;
    }

    public Uni<Map<String, Video>> get(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return values.mget(ids.stream().map(VideoCache::key).toArray(String[]::new)).map(found -> {
            Map<String, Video> videos = new HashMap<>();
            for (String id : ids) {
                byte[] bytes = found.get(key(id));
                if (bytes != null) {
                    try {
                        videos.put(id, Video.parseFrom(bytes));
                    } catch (InvalidProtocolBufferException e) {
                        LOG.warnf("unreadable cache entry for video %s", id);
                    }
                }
            }
            return videos;
        }).onFailure().recoverWithItem(failure -> {
            LOG.warnf("video cache unavailable: %s", failure.getMessage());
            return Map.of();
        });
    }

    public Uni<Void> put(Video video) {
        return values.set(key(video.getVideoId()), video.toByteArray(), ttl).onFailure().recoverWithNull().replaceWithVoid();
    }

    public Uni<Void> invalidate(String videoId) {
        return redis.key().del(key(videoId)).onFailure().recoverWithNull().replaceWithVoid();
    }
}
