package dev.videoplatform.comment.service;

import dev.videoplatform.comment.repository.CommentRepository;
import dev.videoplatform.comment.repository.CommentRow;
import dev.videoplatform.comment.repository.VideoThreads;
import dev.videoplatform.comment.repository.VideoThreads.Thread;
import dev.videoplatform.comment.repository.VoteRepository;
import dev.videoplatform.comment.v1.Comment;
import dev.videoplatform.comment.v1.CommentOrder;
import dev.videoplatform.comment.v1.ListCommentsRequest;
import dev.videoplatform.comment.v1.ListCommentsResponse;
import dev.videoplatform.comment.v1.ListRepliesRequest;
import dev.videoplatform.comment.v1.ListRepliesResponse;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.error.Violations;
import dev.videoplatform.platform.paging.PageTokens;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * ListComments and ListReplies: keyset pages in the requested order, each comment with its
 * author's name (one user-service call per page at most) and the caller's own vote. The first
 * page of the default size is shared by every caller ({@link FirstPages}); the caller's votes are
 * added to it. Reads never call upload-service: what they hide (banned videos, suspended authors,
 * PRIVATE videos from all but their owner and admins) comes from events and the catalog's
 * answers to AddComment.
 */
@ApplicationScoped
public class CommentReads {

    /** Where a page of top-level comments starts (the first page also shows the pinned one), in which order, how long. */
    private record PageOf(String videoId, boolean newest, String scope, boolean first, PageCursor cursor, int size) {
    }

    private final Pool pool;
    private final CommentRepository comments;
    private final VideoThreads threads;
    private final VoteRepository votes;
    private final AuthorNames names;
    private final FirstPages firstPages;
    private final PageTokens tokens;

    public CommentReads(Pool pool, CommentRepository comments, VideoThreads threads, VoteRepository votes,
            AuthorNames names, FirstPages firstPages, PageTokens tokens) {
        this.pool = pool;
        this.comments = comments;
        this.threads = threads;
        this.votes = votes;
        this.names = names;
        this.firstPages = firstPages;
        this.tokens = tokens;
    }

    public Uni<ListCommentsResponse> listComments(ListCommentsRequest request, Caller caller) {
        Violations v = new Violations();
        CommentRules.videoId(v, request.getVideoId(), "video_id");
        v.check(request.getOrder() == CommentOrder.UNRECOGNIZED, "order", "must be COMMENT_ORDER_TOP or COMMENT_ORDER_NEWEST");
        v.throwIfAny();
        int size = PageTokens.pageSize(request.getPageSize(), CommentRules.DEFAULT_PAGE_SIZE, CommentRules.MAX_PAGE_SIZE,
                "page_size");
        boolean newest = request.getOrder() == CommentOrder.COMMENT_ORDER_NEWEST;
        String scope = "comments:" + request.getVideoId() + ":" + (newest ? "newest" : "top");
        boolean firstPage = request.getPageToken().isEmpty();
        PageCursor cursor = firstPage ? PageCursor.HIGHEST
                : PageCursor.decode(tokens.decode(scope, request.getPageToken(), "page_token"));
        PageOf page = new PageOf(request.getVideoId(), newest, scope, firstPage, cursor, size);
        if (firstPage && size == CommentRules.DEFAULT_PAGE_SIZE && firstPages.enabled()) {
            String key = FirstPages.key(page.videoId(), newest);
            return firstPages.page(key, () -> sharedPage(page))
                    .flatMap(shared -> shared.isPresent() ? withOwnVotes(shared.get(), caller) : viewersPage(page, caller))
                    .flatMap(this::named);
        }
        return viewersPage(page, caller).flatMap(this::named);
    }

    /** The page as an anonymous viewer sees it, if everyone may see it (not while the video is PRIVATE). */
    private Uni<Optional<ListCommentsResponse>> sharedPage(PageOf page) {
        return threads.find(pool, page.videoId()).flatMap(thread -> thread.isPresent() && thread.get().ownerOnly()
                ? Uni.createFrom().item(Optional.empty()) : read(thread, page, null).map(Optional::of));
    }

    /** The page as the caller sees it, straight from the database; NOT_FOUND if they may not read the thread. */
    private Uni<ListCommentsResponse> viewersPage(PageOf page, Caller caller) {
        return threads.find(pool, page.videoId()).flatMap(thread -> {
            if (thread.isPresent() && !thread.get().readableBy(caller)) {
                throw DomainException.notFound("VIDEO_NOT_FOUND", "video not found");
            }
            return read(thread, page, caller.userId());
        });
    }

    /** A page as {@code viewerId} (null: anonymous) sees it, without names; empty while the video is banned. */
    private Uni<ListCommentsResponse> read(Optional<Thread> found, PageOf page, String viewerId) {
        Optional<Thread> thread = found.filter(t -> !t.banned());
        if (thread.isEmpty()) {
            return Uni.createFrom().item(ListCommentsResponse.getDefaultInstance());
        }
        UUID pinnedId = thread.get().pinnedCommentId();
        Uni<Optional<CommentRow>> pinned = page.first() && pinnedId != null
                ? comments.findListed(pool, pinnedId, viewerId) : Uni.createFrom().item(Optional.empty());
        int size = page.size();
        Uni<List<CommentRow>> ordered = page.newest()
                ? comments.newestPage(pool, page.videoId(), viewerId, page.cursor().id(), size + 1)
                : comments.topPage(pool, page.videoId(), viewerId, page.cursor().score(), page.cursor().id(), size + 1);
        return Uni.combine().all().unis(pinned, ordered).asTuple().map(both -> {
            List<CommentRow> rows = new ArrayList<>();
            both.getItem1().ifPresent(rows::add);
            List<CommentRow> after = both.getItem2();
            rows.addAll(after.subList(0, Math.min(size, after.size())));
            String next = after.size() > size
                    ? tokens.encode(page.scope(), PageCursor.after(after.get(size - 1)).encode()) : "";
            return ListCommentsResponse.newBuilder()
                    .addAllComments(CommentViews.comments(rows, pinnedId))
                    .setNextPageToken(next)
                    .setTotalCount(thread.get().commentCount())
                    .build();
        });
    }

    /** The shared page with the caller's own votes on it. */
    private Uni<ListCommentsResponse> withOwnVotes(ListCommentsResponse shared, Caller caller) {
        if (!caller.authenticated() || shared.getCommentsCount() == 0) {
            return Uni.createFrom().item(shared);
        }
        List<UUID> ids = shared.getCommentsList().stream().map(c -> UUID.fromString(c.getCommentId())).toList();
        return votes.votesOf(pool, caller.userId(), ids).map(own -> {
            ListCommentsResponse.Builder page = shared.toBuilder();
            for (int i = 0; i < page.getCommentsCount(); i++) {
                Integer vote = own.get(ids.get(i));
                if (vote != null) {
                    page.setComments(i, page.getComments(i).toBuilder().setViewerVote(CommentViews.vote(vote)));
                }
            }
            return page.build();
        });
    }

    private Uni<ListCommentsResponse> named(ListCommentsResponse page) {
        List<Comment> listed = page.getCommentsList();
        return names.lookup(CommentViews.people(listed)).map(authors -> page.toBuilder().clearComments()
                .addAllComments(CommentViews.named(listed, authors)).build());
    }

    public Uni<ListRepliesResponse> listReplies(ListRepliesRequest request, Caller caller) {
        Violations v = new Violations();
        CommentRules.commentId(v, request.getCommentId(), "comment_id");
        v.throwIfAny();
        int size = PageTokens.pageSize(request.getPageSize(), CommentRules.DEFAULT_PAGE_SIZE, CommentRules.MAX_PAGE_SIZE,
                "page_size");
        UUID parentId = CommentRules.commentId(request.getCommentId());
        String scope = "replies:" + parentId;
        PageCursor cursor = request.getPageToken().isEmpty() ? PageCursor.LOWEST
                : PageCursor.decode(tokens.decode(scope, request.getPageToken(), "page_token"));
        String viewer = caller.userId();
        return comments.find(pool, parentId, viewer).flatMap(found -> {
            CommentRow parent = found.orElseThrow(() -> DomainException.notFound("COMMENT_NOT_FOUND", "comment not found"));
            return threads.find(pool, parent.videoId()).map(thread -> {
                if (thread.isPresent() && !thread.get().readableBy(caller)) {
                    throw DomainException.notFound("COMMENT_NOT_FOUND", "comment not found");
                }
                return parent;
            });
        }).flatMap(parent -> {
            if (parent.isReply()) {
                throw DomainException.invalidArgument("comment_id", "is a reply; replies are listed under their top-level comment");
            }
            return comments.repliesPage(pool, parentId, viewer, cursor.id(), size + 1).flatMap(page -> {
                List<Comment> replies = CommentViews.comments(page.subList(0, Math.min(size, page.size())), null);
                String next = page.size() > size ? tokens.encode(scope, PageCursor.after(page.get(size - 1)).encode()) : "";
                return names.lookup(CommentViews.people(replies)).map(authors -> ListRepliesResponse.newBuilder()
                        .addAllReplies(CommentViews.named(replies, authors))
                        .setNextPageToken(next)
                        .build());
            });
        });
    }
}
