package dev.videoplatform.comment.events;

import dev.videoplatform.comment.repository.AuthorModeration;
import dev.videoplatform.comment.repository.CommentRepository;
import dev.videoplatform.comment.repository.VideoThreads;
import dev.videoplatform.comment.service.CommentableVideos;
import dev.videoplatform.comment.service.FirstPages;
import dev.videoplatform.events.v1.AdminUserReinstated;
import dev.videoplatform.events.v1.AdminUserSuspended;
import dev.videoplatform.events.v1.AdminVideoBanned;
import dev.videoplatform.events.v1.AdminVideoUnbanned;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.platform.events.IdempotentConsumer;
import dev.videoplatform.platform.events.IdempotentConsumer.HandlerCall;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Admin's decisions: a banned video's thread is hidden (and takes no new comments), a suspended
 * author's comments are hidden; un-banning and reinstating show them again. The later decision
 * wins whatever the order the events arrive in. The first pages of the videos concerned are
 * dropped once the decision is committed.
 */
@ApplicationScoped
public class ModerationConsumer {

    static final String GROUP = "comment-service";

    private final IdempotentConsumer consumer;
    private final VideoThreads threads;
    private final AuthorModeration authors;
    private final CommentRepository comments;
    private final CommentableVideos videos;
    private final FirstPages firstPages;

    public ModerationConsumer(IdempotentConsumer consumer, VideoThreads threads, AuthorModeration authors,
            CommentRepository comments, CommentableVideos videos, FirstPages firstPages) {
        this.consumer = consumer;
        this.threads = threads;
        this.authors = authors;
        this.comments = comments;
        this.videos = videos;
        this.firstPages = firstPages;
    }

    @Incoming("admin-video-banned")
    public Uni<Void> onVideoBanned(byte[] record) {
        Set<String> touched = ConcurrentHashMap.newKeySet();
        return consumer.consume(GROUP, record, AdminVideoBanned.class,
                        call -> moderate(call, call.event().getVideoId(), call.event().getChannelId(), true, touched))
                .call(() -> firstPages.drop(touched)).replaceWithVoid();
    }

    @Incoming("admin-video-unbanned")
    public Uni<Void> onVideoUnbanned(byte[] record) {
        Set<String> touched = ConcurrentHashMap.newKeySet();
        return consumer.consume(GROUP, record, AdminVideoUnbanned.class,
                        call -> moderate(call, call.event().getVideoId(), call.event().getChannelId(), false, touched))
                .call(() -> firstPages.drop(touched)).replaceWithVoid();
    }

    @Incoming("admin-user-suspended")
    public Uni<Void> onUserSuspended(byte[] record) {
        Set<String> touched = ConcurrentHashMap.newKeySet();
        return consumer.consume(GROUP, record, AdminUserSuspended.class,
                        call -> suspend(call, call.event().getUserId(), true, touched))
                .call(() -> firstPages.drop(touched)).replaceWithVoid();
    }

    @Incoming("admin-user-reinstated")
    public Uni<Void> onUserReinstated(byte[] record) {
        Set<String> touched = ConcurrentHashMap.newKeySet();
        return consumer.consume(GROUP, record, AdminUserReinstated.class,
                        call -> suspend(call, call.event().getUserId(), false, touched))
                .call(() -> firstPages.drop(touched)).replaceWithVoid();
    }

    /** Bans or un-bans; adds the video to {@code touched}. */
    private Uni<Void> moderate(HandlerCall<?> call, String videoId, String channelId, boolean banned, Set<String> touched) {
        String id = EventEnvelopes.requiredId(call.envelope(), videoId, "video_id");
        return threads.moderate(call.tx(), id, channelId, banned, EventEnvelopes.occurredAt(call.envelope()))
                .call(() -> videos.invalidate(id))
                .invoke(() -> touched.add(id));
    }

    /** Suspends or reinstates; adds the videos the user commented on to {@code touched}. */
    private Uni<Void> suspend(HandlerCall<?> call, String userId, boolean suspended, Set<String> touched) {
        String id = EventEnvelopes.requiredId(call.envelope(), userId, "user_id");
        return authors.set(call.tx(), id, suspended, EventEnvelopes.occurredAt(call.envelope()))
                .flatMap(x -> comments.videosOf(call.tx(), id))
                .invoke(touched::addAll)
                .replaceWithVoid();
    }
}
