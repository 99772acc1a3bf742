package dev.videoplatform.comment.events;

import dev.videoplatform.comment.repository.AuthorModeration;
import dev.videoplatform.comment.repository.VideoThreads;
import dev.videoplatform.comment.service.CommentableVideos;
import dev.videoplatform.events.v1.AdminUserReinstated;
import dev.videoplatform.events.v1.AdminUserSuspended;
import dev.videoplatform.events.v1.AdminVideoBanned;
import dev.videoplatform.events.v1.AdminVideoUnbanned;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.events.IdempotentConsumer;
import dev.videoplatform.platform.events.IdempotentConsumer.HandlerCall;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Admin's decisions: a banned video's thread is hidden (and takes no new comments), a suspended
 * author's comments are hidden; un-banning and reinstating show them again. The later decision
 * wins whatever the order the events arrive in.
 */
@ApplicationScoped
public class ModerationConsumer {

    static final String GROUP = "comment-service";

    private final IdempotentConsumer consumer;
    private final VideoThreads threads;
    private final AuthorModeration authors;
    private final CommentableVideos videos;

    public ModerationConsumer(IdempotentConsumer consumer, VideoThreads threads, AuthorModeration authors,
            CommentableVideos videos) {
        this.consumer = consumer;
        this.threads = threads;
        this.authors = authors;
        this.videos = videos;
    }

    @Incoming("admin-video-banned")
    public Uni<Void> onVideoBanned(byte[] record) {
        return consumer.consume(GROUP, record, AdminVideoBanned.class,
                call -> moderate(call, call.event().getVideoId(), call.event().getChannelId(), true)).replaceWithVoid();
    }

    @Incoming("admin-video-unbanned")
    public Uni<Void> onVideoUnbanned(byte[] record) {
        return consumer.consume(GROUP, record, AdminVideoUnbanned.class,
                call -> moderate(call, call.event().getVideoId(), call.event().getChannelId(), false)).replaceWithVoid();
    }

    @Incoming("admin-user-suspended")
    public Uni<Void> onUserSuspended(byte[] record) {
        return consumer.consume(GROUP, record, AdminUserSuspended.class, call -> authors.set(call.tx(),
                EventEnvelopes.requiredId(call.envelope(), call.event().getUserId(), "user_id"), true,
                EventEnvelopes.occurredAt(call.envelope()))).replaceWithVoid();
    }

    @Incoming("admin-user-reinstated")
    public Uni<Void> onUserReinstated(byte[] record) {
        return consumer.consume(GROUP, record, AdminUserReinstated.class, call -> authors.set(call.tx(),
                EventEnvelopes.requiredId(call.envelope(), call.event().getUserId(), "user_id"), false,
                EventEnvelopes.occurredAt(call.envelope()))).replaceWithVoid();
    }

    private Uni<Void> moderate(HandlerCall<?> call, String videoId, String channelId, boolean banned) {
        String id = EventEnvelopes.requiredId(call.envelope(), videoId, "video_id");
        return threads.moderate(call.tx(), id, channelId, banned, EventEnvelopes.occurredAt(call.envelope()))
                .call(() -> videos.invalidate(id));
    }
}
