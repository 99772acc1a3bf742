package dev.videoplatform.comment.service;

import dev.videoplatform.comment.repository.CommentRepository;
import dev.videoplatform.comment.repository.CommentRow;
import dev.videoplatform.comment.repository.VideoThreads;
import dev.videoplatform.comment.repository.VideoThreads.Thread;
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
 * author's name (one user-service call per page at most) and the caller's own vote. Reads never
 * call upload-service: what they hide (banned videos, suspended authors) comes from events.
 */
@ApplicationScoped
public class CommentReads {

    private final Pool pool;
    private final CommentRepository comments;
    private final VideoThreads threads;
    private final AuthorNames names;
    private final PageTokens tokens;

    public CommentReads(Pool pool, CommentRepository comments, VideoThreads threads, AuthorNames names, PageTokens tokens) {
        this.pool = pool;
        this.comments = comments;
        this.threads = threads;
        this.names = names;
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
        String viewer = caller.userId();
        return threads.find(pool, request.getVideoId()).flatMap(found -> {
            Optional<Thread> thread = found.filter(t -> !t.banned());
            if (thread.isEmpty()) {
                return Uni.createFrom().item(ListCommentsResponse.getDefaultInstance());
            }
            UUID pinnedId = thread.get().pinnedCommentId();
            Uni<Optional<CommentRow>> pinned = firstPage && pinnedId != null
                    ? comments.findListed(pool, pinnedId, viewer) : Uni.createFrom().item(Optional.empty());
            Uni<List<CommentRow>> page = newest
                    ? comments.newestPage(pool, request.getVideoId(), viewer, cursor.id(), size + 1)
                    : comments.topPage(pool, request.getVideoId(), viewer, cursor.score(), cursor.id(), size + 1);
            return Uni.combine().all().unis(pinned, page).asTuple().flatMap(both -> {
                List<CommentRow> rows = new ArrayList<>();
                both.getItem1().ifPresent(rows::add);
                List<CommentRow> ordered = both.getItem2();
                rows.addAll(ordered.subList(0, Math.min(size, ordered.size())));
                String next = ordered.size() > size
                        ? tokens.encode(scope, PageCursor.after(ordered.get(size - 1)).encode()) : "";
                return names.lookup(CommentViews.people(rows)).map(authors -> ListCommentsResponse.newBuilder()
                        .addAllComments(CommentViews.comments(rows, authors, pinnedId))
                        .setNextPageToken(next)
                        .setTotalCount(thread.get().commentCount())
                        .build());
            });
        });
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
            if (parent.isReply()) {
                throw DomainException.invalidArgument("comment_id", "is a reply; replies are listed under their top-level comment");
            }
            return comments.repliesPage(pool, parentId, viewer, cursor.id(), size + 1).flatMap(page -> {
                List<CommentRow> rows = page.subList(0, Math.min(size, page.size()));
                String next = page.size() > size ? tokens.encode(scope, PageCursor.after(page.get(size - 1)).encode()) : "";
                return names.lookup(CommentViews.people(rows)).map(authors -> ListRepliesResponse.newBuilder()
                        .addAllReplies(CommentViews.comments(rows, authors, null))
                        .setNextPageToken(next)
                        .build());
            });
        });
    }
}
