package dev.videoplatform.comment.events;

import dev.videoplatform.comment.repository.CommentRepository;
import dev.videoplatform.comment.repository.VideoThreads;
import dev.videoplatform.comment.service.AuthorNames;
import dev.videoplatform.comment.service.CommentableVideos;
import dev.videoplatform.comment.service.FirstPages;
import dev.videoplatform.events.v1.EventVisibility;
import dev.videoplatform.events.v1.UserUpdated;
import dev.videoplatform.events.v1.VideoDeleted;
import dev.videoplatform.events.v1.VideoUpdated;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.events.IdempotentConsumer;
import dev.videoplatform.platform.events.TracedConsumer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The catalog's and the user directory's changes: a deleted video's thread is removed; an
 * updated video's visibility is recorded on its thread (a PRIVATE video's comments are read by
 * its owner only) and the video, like an updated user, is dropped from the caches (the next use
 * asks again); the first pages of a deleted or updated video are dropped once that is committed.
 */
@ApplicationScoped
public class CatalogConsumer {

    private final Pool pool;
    private final IdempotentConsumer idempotent;
    private final TracedConsumer traced;
    private final CommentRepository comments;
    private final VideoThreads threads;
    private final CommentableVideos videos;
    private final AuthorNames names;
    private final FirstPages firstPages;

    public CatalogConsumer(Pool pool, IdempotentConsumer idempotent, TracedConsumer traced, CommentRepository comments,
            VideoThreads threads, CommentableVideos videos, AuthorNames names, FirstPages firstPages) {
        this.pool = pool;
        this.idempotent = idempotent;
        this.traced = traced;
        this.comments = comments;
        this.threads = threads;
        this.videos = videos;
        this.names = names;
        this.firstPages = firstPages;
    }

    @Incoming("video-deleted")
    public Uni<Void> onVideoDeleted(byte[] record) {
        Set<String> deleted = ConcurrentHashMap.newKeySet();
        return idempotent.consume(ModerationConsumer.GROUP, record, VideoDeleted.class, call -> {
            String videoId = EventEnvelopes.requiredId(call.envelope(), call.event().getVideoId(), "video_id");
            return comments.deleteVideo(call.tx(), videoId)
                    .flatMap(x -> threads.delete(call.tx(), videoId))
                    .call(() -> videos.invalidate(videoId))
                    .invoke(() -> deleted.add(videoId));
        }).call(() -> firstPages.drop(deleted)).replaceWithVoid();
    }

    @Incoming("video-updated")
    public Uni<Void> onVideoUpdated(byte[] record) {
        return traced.consume(ModerationConsumer.GROUP, record, VideoUpdated.class,
                event -> threads.follow(pool, event.getVideoId(), event.getChannelId(),
                                event.getVisibility() == EventVisibility.EVENT_VISIBILITY_PRIVATE, event.getUpdateTime())
                        .call(() -> videos.invalidate(event.getVideoId()))
                        .call(() -> firstPages.drop(event.getVideoId())));
    }

    @Incoming("user-updated")
    public Uni<Void> onUserUpdated(byte[] record) {
        return traced.consume(ModerationConsumer.GROUP, record, UserUpdated.class,
                event -> names.invalidate(event.getUserId()));
    }
}
