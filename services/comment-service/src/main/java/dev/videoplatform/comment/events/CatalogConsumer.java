package dev.videoplatform.comment.events;

import dev.videoplatform.comment.repository.CommentRepository;
import dev.videoplatform.comment.repository.VideoThreads;
import dev.videoplatform.comment.service.AuthorNames;
import dev.videoplatform.comment.service.CommentableVideos;
import dev.videoplatform.events.v1.UserUpdated;
import dev.videoplatform.events.v1.VideoDeleted;
import dev.videoplatform.events.v1.VideoUpdated;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.events.IdempotentConsumer;
import dev.videoplatform.platform.events.TracedConsumer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The catalog's and the user directory's changes: a deleted video's thread is removed; an
 * updated video or user is dropped from the caches (the next use asks again).
 */
@ApplicationScoped
public class CatalogConsumer {

    private final IdempotentConsumer idempotent;
    private final TracedConsumer traced;
    private final CommentRepository comments;
    private final VideoThreads threads;
    private final CommentableVideos videos;
    private final AuthorNames names;

    public CatalogConsumer(IdempotentConsumer idempotent, TracedConsumer traced, CommentRepository comments,
            VideoThreads threads, CommentableVideos videos, AuthorNames names) {
        this.idempotent = idempotent;
        this.traced = traced;
        this.comments = comments;
        this.threads = threads;
        this.videos = videos;
        this.names = names;
    }

    @Incoming("video-deleted")
    public Uni<Void> onVideoDeleted(byte[] record) {
        return idempotent.consume(ModerationConsumer.GROUP, record, VideoDeleted.class, call -> {
            String videoId = EventEnvelopes.requiredId(call.envelope(), call.event().getVideoId(), "video_id");
            return comments.deleteVideo(call.tx(), videoId)
                    .flatMap(x -> threads.delete(call.tx(), videoId))
                    .call(() -> videos.invalidate(videoId));
        }).replaceWithVoid();
    }

    @Incoming("video-updated")
    public Uni<Void> onVideoUpdated(byte[] record) {
        return traced.consume(ModerationConsumer.GROUP, record, VideoUpdated.class,
                event -> videos.invalidate(event.getVideoId()));
    }

    @Incoming("user-updated")
    public Uni<Void> onUserUpdated(byte[] record) {
        return traced.consume(ModerationConsumer.GROUP, record, UserUpdated.class,
                event -> names.invalidate(event.getUserId()));
    }
}
