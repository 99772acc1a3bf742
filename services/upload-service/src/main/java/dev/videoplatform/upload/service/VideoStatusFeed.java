package dev.videoplatform.upload.service;

import dev.videoplatform.platform.cache.ChangeFeed;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells every replica that a video's status changed, so that WatchVideoStatus streams on any
 * replica wake up at once. A nudge only: watchers re-read the database. It rides the platform's
 * change feed, so a replica holds one Redis subscription however many streams are open; after a
 * gap in the feed every watcher is woken, since a nudge may have been lost.
 */
@ApplicationScoped
public class VideoStatusFeed implements ChangeFeed.Listener {

    static final String TOPIC = "vp:video-status:";

    private final ChangeFeed feed;
    private final Map<String, List<MultiEmitter<? super String>>> watchers = new ConcurrentHashMap<>();

    public VideoStatusFeed(ChangeFeed feed) {
        this.feed = feed;
        feed.listen(TOPIC, this);
    }

    /** Nudges every replica's watchers of {@code videoId}. */
    public Uni<Void> publish(String videoId) {
        return feed.publish(TOPIC, videoId);
    }

    /** A wake-up each time the video's status may have changed, until the subscriber cancels. */
    public Multi<String> changes(String videoId) {
        return Multi.createFrom().emitter(emitter -> {
            watchers.computeIfAbsent(videoId, id -> new CopyOnWriteArrayList<>()).add(emitter);
            emitter.onTermination(() -> watchers.computeIfPresent(videoId, (id, list) -> {
                list.remove(emitter);
                return list.isEmpty() ? null : list;
            }));
        });
    }

    @Override
    public void changed(String videoId) {
        List<MultiEmitter<? super String>> interested = watchers.get(videoId);
        if (interested != null) {
            interested.forEach(emitter -> emitter.emit(videoId));
        }
    }

    @Override
    public void gap() {
        watchers.forEach((videoId, list) -> list.forEach(emitter -> emitter.emit(videoId)));
    }
}
