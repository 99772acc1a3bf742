package dev.videoplatform.streaming.service;

import dev.videoplatform.streaming.client.VideoCatalogClient;
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
 * Playback metadata of a video (status, visibility, owner, renditions): in this replica's memory
 * (FreshVideos' near cache, kept coherent across replicas by the change feed), so segment
 * requests rarely leave the process; then Redis shared by the replicas; then upload-service.
 * Invalidation events drop all of them.
 */
@ApplicationScoped
public class PlaybackCatalog {

    /** One load per video at a time: a burst of requests after a drop waits for it instead of stampeding Redis. */
    private final Map<String, Uni<Optional<Video>>> loading = new ConcurrentHashMap<>();
    private final FreshVideos fresh;
    private final LastKnownVideos lastKnown;
    private final VideoCatalogClient client;

    public PlaybackCatalog(FreshVideos fresh, LastKnownVideos lastKnown, VideoCatalogClient client) {
        this.fresh = fresh;
        this.lastKnown = lastKnown;
        this.client = client;
    }

    /** The video if this replica has it in memory (the hot path: no Redis, no hop); else null. */
    public Video inMemory(String videoId) {
        return fresh.peek(videoId);
    }

    public Uni<Optional<Video>> video(String videoId) {
        Video known = fresh.peek(videoId);
        if (known != null) {
            return Uni.createFrom().item(Optional.of(known));
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
                .map(found -> Optional.ofNullable(found.get(videoId)));
    }

    /**
     * A video changed (or was banned): the caches drop it, and the fallback copy takes the change
     * at once, so that a ban or a switch to PRIVATE holds even while upload-service is down.
     */
    public Uni<Void> changed(String videoId, UnaryOperator<Video> change) {
        return fresh.invalidate(videoId)
                .call(() -> lastKnown.getOrLoad(List.of(videoId), ids -> Uni.createFrom().item(Map.<String, Video>of()))
                        .flatMap(found -> found.containsKey(videoId)
                                ? lastKnown.replace(videoId, change.apply(found.get(videoId)))
                                : Uni.createFrom().voidItem()));
    }

    /** A video is gone: nothing of it is kept, not even the fallback. */
    public Uni<Void> forget(String videoId) {
        return fresh.invalidate(videoId).call(() -> lastKnown.invalidate(videoId));
    }
}
