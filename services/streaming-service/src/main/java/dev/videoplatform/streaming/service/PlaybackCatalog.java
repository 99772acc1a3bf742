package dev.videoplatform.streaming.service;

import dev.videoplatform.streaming.client.VideoCatalogClient;
import dev.videoplatform.streaming.config.StreamingConfig;
import dev.videoplatform.upload.v1.Video;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Playback metadata of a video (status, visibility, owner, renditions): a few seconds in this
 * replica's memory, so segment requests rarely leave the process; then Redis shared by the
 * replicas; then upload-service. Invalidation events drop all three.
 */
@ApplicationScoped
public class PlaybackCatalog {

    private static final int LOCAL_ENTRIES = 10_000;

    /** An answer remembered locally, absent ones included (unknown ids do not reach Redis each time). */
    private record Local(Optional<Video> video, long expiresAtNanos) {
    }

    private final Map<String, Local> local = new ConcurrentHashMap<>();
    /** One load per video at a time: a burst of requests after expiry waits for it instead of stampeding Redis. */
    private final Map<String, Uni<Optional<Video>>> loading = new ConcurrentHashMap<>();
    private final FreshVideos fresh;
    private final LastKnownVideos lastKnown;
    private final VideoCatalogClient client;
    private final long localTtlNanos;

    public PlaybackCatalog(FreshVideos fresh, LastKnownVideos lastKnown, VideoCatalogClient client, StreamingConfig config) {
        this.fresh = fresh;
        this.lastKnown = lastKnown;
        this.client = client;
        this.localTtlNanos = config.localTtl().toNanos();
    }

    public Uni<Optional<Video>> video(String videoId) {
        Local remembered = local.get(videoId);
        if (remembered != null && remembered.expiresAtNanos() - System.nanoTime() > 0) {
            return Uni.createFrom().item(remembered.video());
        }
        return loading.computeIfAbsent(videoId, id -> load(id)
                .onTermination().invoke(() -> loading.remove(id))
                .memoize().indefinitely());
    }

    private Uni<Optional<Video>> load(String videoId) {
        return fresh.getOrLoad(List.of(videoId), ids -> client.find(videoId).map(found -> {
                    Map<String, Video> loaded = new HashMap<>();
                    found.ifPresent(v -> loaded.put(videoId, v));
                    return loaded;
                }))
                .map(found -> Optional.ofNullable(found.get(videoId)))
                .invoke(found -> remember(videoId, found));
    }

    /**
     * A video changed (or was banned): the caches drop it, and the fallback copy takes the change
     * at once, so that a ban or a switch to PRIVATE holds even while upload-service is down.
     */
    public Uni<Void> changed(String videoId, UnaryOperator<Video> change) {
        local.remove(videoId);
        return fresh.invalidate(videoId)
                .call(() -> lastKnown.getOrLoad(List.of(videoId), ids -> Uni.createFrom().item(Map.<String, Video>of()))
                        .flatMap(found -> found.containsKey(videoId)
                                ? lastKnown.replace(videoId, change.apply(found.get(videoId)))
                                : Uni.createFrom().voidItem()));
    }

    /** A video is gone: nothing of it is kept, not even the fallback. */
    public Uni<Void> forget(String videoId) {
        local.remove(videoId);
        return fresh.invalidate(videoId).call(() -> lastKnown.invalidate(videoId));
    }

    private void remember(String videoId, Optional<Video> video) {
        if (local.size() >= LOCAL_ENTRIES) {
            long now = System.nanoTime();
            local.values().removeIf(entry -> entry.expiresAtNanos() - now <= 0);
            if (local.size() >= LOCAL_ENTRIES) {
                local.clear();
            }
        }
        local.put(videoId, new Local(video, System.nanoTime() + localTtlNanos));
    }
}
