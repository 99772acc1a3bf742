package dev.videoplatform.comment.service;

import dev.videoplatform.comment.config.CommentConfig;
import dev.videoplatform.comment.repository.CommentRepository;
import dev.videoplatform.comment.repository.CommentRepository.NewComment;
import dev.videoplatform.comment.repository.CommentRepository.Target;
import dev.videoplatform.comment.repository.CommentRow;
import dev.videoplatform.comment.repository.VideoThreads;
import dev.videoplatform.comment.service.AuthorNames.Authors;
import dev.videoplatform.comment.v1.AddCommentRequest;
import dev.videoplatform.comment.v1.Comment;
import dev.videoplatform.comment.v1.DeleteCommentResponse;
import dev.videoplatform.comment.v1.EditCommentRequest;
import dev.videoplatform.comment.v1.PinCommentRequest;
import dev.videoplatform.comment.v1.PinCommentResponse;
import dev.videoplatform.events.v1.CommentCreated;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.error.Violations;
import dev.videoplatform.platform.ids.Uuid7;
import dev.videoplatform.platform.outbox.OutboxWriter;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.Visibility;
import dev.videoplatform.user.v1.UserSummary;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * AddComment, EditComment, DeleteComment and PinComment: rights, the spam guard, idempotent
 * retries, exact counts, and comment.created in the same transaction as the comment. Each drops
 * the video's shared first pages once committed.
 */
@ApplicationScoped
public class CommentWrites {

    /** One author's writes run one at a time, so the spam guard and retries see each other. */
    private static final String LOCK_AUTHOR = "SELECT 1 FROM pg_advisory_xact_lock(hashtextextended($1, 18))";

    private final Pool pool;
    private final CommentRepository comments;
    private final VideoThreads threads;
    private final CommentableVideos videos;
    private final AuthorNames names;
    private final OutboxWriter outbox;
    private final FirstPages firstPages;
    private final CommentConfig config;

    public CommentWrites(Pool pool, CommentRepository comments, VideoThreads threads, CommentableVideos videos,
            AuthorNames names, OutboxWriter outbox, FirstPages firstPages, CommentConfig config) {
        this.pool = pool;
        this.comments = comments;
        this.threads = threads;
        this.videos = videos;
        this.names = names;
        this.outbox = outbox;
        this.firstPages = firstPages;
        this.config = config;
    }

    public Uni<Comment> add(AddCommentRequest request, Caller caller) {
        Violations v = new Violations();
        CommentRules.videoId(v, request.getVideoId(), "video_id");
        CommentRules.text(v, request.getText(), "text");
        CommentRules.optionalCommentId(v, request.getParentCommentId(), "parent_comment_id");
        CommentRules.requestId(v, request.getRequestId());
        v.throwIfAny();
        String requestId = request.getRequestId().isEmpty() ? null : request.getRequestId();
        Uni<Optional<UUID>> earlier = requestId == null ? Uni.createFrom().item(Optional.empty())
                : comments.byRequest(pool, caller.userId(), requestId);
        return earlier.flatMap(done -> done.isPresent() ? view(done.get(), caller)
                : videos.requireOpen(request.getVideoId(), caller.userId())
                        .flatMap(video -> names.lookup(List.of(caller.userId()))
                                .flatMap(authors -> insert(request, requestId, video, authors, caller))));
    }

    private Uni<Comment> insert(AddCommentRequest request, String requestId, Video video, Authors authors, Caller caller) {
        String text = CommentRules.text(request.getText());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        UUID id = UUID.fromString(Uuid7.next());
        // The catalog's answer is recorded on its own (autocommit): inside the transaction, the
        // upsert would hold the video's thread row, which every comment on the video needs, to the end.
        return threads.follow(pool, video.getVideoId(), video.getChannelId(),
                        video.getVisibility() == Visibility.VISIBILITY_PRIVATE, video.getUpdateTime())
                .flatMap(followed -> pool.withTransaction(tx -> tx.preparedQuery(LOCK_AUTHOR)
                        .execute(Tuple.of(caller.userId()))
                        .flatMap(locked -> requestId == null ? Uni.createFrom().item(Optional.<UUID>empty())
                                : comments.byRequest(tx, caller.userId(), requestId))
                        .flatMap(done -> {
                            if (done.isPresent()) {
                                return Uni.createFrom().item(new Added(done.get(), null));
                            }
                            return comments.postedSince(tx, caller.userId(), text, now.minus(config.duplicateWindow()))
                                    .flatMap(duplicate -> {
                                        if (duplicate) {
                                            throw DomainException.alreadyExists("DUPLICATE_COMMENT",
                                                    "you posted the same text a moment ago");
                                        }
                                        return threads.find(tx, video.getVideoId());
                                    })
                                    .flatMap(thread -> {
                                        if (thread.orElseThrow().banned()) {
                                            throw DomainException.notFound("VIDEO_NOT_FOUND", "video not found");
                                        }
                                        return parent(tx, request, video.getVideoId());
                                    })
                                    .flatMap(parent -> {
                                        UUID topId = parent.map(p -> p.parentId() == null ? p.commentId() : p.parentId())
                                                .orElse(null);
                                        String answered = parent.map(Target::authorId).orElse(null);
                                        NewComment comment = new NewComment(id, video.getVideoId(), topId, answered,
                                                caller.userId(), text, now, requestId);
                                        return comments.insert(tx, comment)
                                                .flatMap(x -> topId == null ? Uni.createFrom().voidItem()
                                                        : comments.countReply(tx, topId, 1))
                                                .flatMap(x -> outbox.append(tx, video.getVideoId(),
                                                        created(comment, video, authors.get(caller.userId()))))
                                                // the hot rows last, so their locks are held only to the commit
                                                .flatMap(x -> threads.count(tx, video.getVideoId(), 1))
                                                .replaceWith(new Added(id, comment));
                                    });
                        })))
                .call(added -> added.comment() == null ? Uni.createFrom().voidItem() : firstPages.drop(video.getVideoId()))
                .flatMap(added -> added.comment() == null ? view(added.id(), caller) : fresh(added.comment()));
    }

    /** The comment AddComment answers with; {@code comment} is null when a retry found it already made. */
    private record Added(UUID id, NewComment comment) {
    }

    /** A comment just added, as its author sees it: nothing on it yet, so nothing to read back. */
    private Uni<Comment> fresh(NewComment added) {
        Comment comment = CommentViews.comment(new CommentRow(added.commentId(), added.videoId(), added.parentId(),
                added.replyToAuthorId(), added.authorId(), added.text(), added.createdAt(), null, false, 0, 0, 0, 0, 0,
                false), null);
        return names.lookup(CommentViews.people(List.of(comment))).map(authors -> CommentViews.named(comment, authors));
    }

    /** The comment replied to, locked: on the same video and not deleted, else NOT_FOUND. */
    private Uni<Optional<Target>> parent(SqlClient tx, AddCommentRequest request, String videoId) {
        if (request.getParentCommentId().isEmpty()) {
            return Uni.createFrom().item(Optional.empty());
        }
        return comments.lock(tx, CommentRules.commentId(request.getParentCommentId())).map(found -> {
            Target parent = found.filter(p -> p.videoId().equals(videoId) && !p.deleted())
                    .orElseThrow(() -> DomainException.notFound("COMMENT_NOT_FOUND", "the comment replied to was not found"));
            return Optional.of(parent);
        });
    }

    private static CommentCreated created(NewComment comment, Video video, UserSummary author) {
        CommentCreated.Builder event = CommentCreated.newBuilder()
                .setCommentId(comment.commentId().toString())
                .setVideoId(comment.videoId())
                .setVideoChannelId(video.getChannelId())
                .setAuthorId(comment.authorId())
                .setText(comment.text())
                .setVideoTitle(video.getTitle());
        if (author != null) {
            event.setAuthorDisplayName(author.getDisplayName());
        }
        if (comment.parentId() != null) {
            event.setParentCommentId(comment.parentId().toString()).setParentAuthorId(comment.replyToAuthorId());
        }
        return event.build();
    }

    public Uni<Comment> edit(EditCommentRequest request, Caller caller) {
        Violations v = new Violations();
        CommentRules.commentId(v, request.getComment().getCommentId(), "comment.comment_id");
        List<String> paths = request.getUpdateMask().getPathsList();
        v.check(!paths.equals(List.of("text")), "update_mask", "must be exactly [\"text\"]");
        CommentRules.text(v, request.getComment().getText(), "comment.text");
        v.throwIfAny();
        UUID id = CommentRules.commentId(request.getComment().getCommentId());
        String text = CommentRules.text(request.getComment().getText());
        return pool.withTransaction(tx -> comments.lock(tx, id).flatMap(found -> {
            Target target = live(found);
            if (!target.authorId().equals(caller.userId())) {
                throw DomainException.permissionDenied("NOT_AUTHOR", "only the author can edit a comment");
            }
            return comments.editText(tx, id, text, Instant.now().truncatedTo(ChronoUnit.MICROS)).replaceWith(target.videoId());
        })).call(firstPages::drop).flatMap(edited -> view(id, caller));
    }

    public Uni<DeleteCommentResponse> delete(String commentId, Caller caller) {
        Violations v = new Violations();
        CommentRules.commentId(v, commentId, "comment_id");
        v.throwIfAny();
        UUID id = CommentRules.commentId(commentId);
        return pool.withTransaction(tx -> comments.lock(tx, id).flatMap(found -> {
            Target target = live(found);
            if (!caller.isSelfOrAdmin(target.authorId()) && !caller.userId().equals(target.channelId())) {
                throw DomainException.permissionDenied("NOT_ALLOWED",
                        "only the author, the video's owner or an admin can delete a comment");
            }
            Uni<Void> reply = target.parentId() == null ? threads.unpin(tx, target.videoId(), id)
                    : comments.countReply(tx, target.parentId(), -1);
            return comments.markDeleted(tx, id)
                    .flatMap(x -> reply)
                    .flatMap(x -> threads.count(tx, target.videoId(), -1))
                    .replaceWith(target);
        })).call(target -> firstPages.drop(target.videoId()))
                .map(target -> DeleteCommentResponse.newBuilder().setCommentId(commentId)
                        .setTombstoned(target.parentId() == null && target.replyCount() > 0).build());
    }

    public Uni<PinCommentResponse> pin(PinCommentRequest request, Caller caller) {
        Violations v = new Violations();
        CommentRules.commentId(v, request.getCommentId(), "comment_id");
        v.throwIfAny();
        UUID id = CommentRules.commentId(request.getCommentId());
        return pool.withTransaction(tx -> comments.lock(tx, id).flatMap(found -> {
            Target target = live(found);
            if (!caller.isSelfOrAdmin(target.channelId())) {
                throw DomainException.permissionDenied("NOT_VIDEO_OWNER", "only the video's owner can pin comments");
            }
            if (target.parentId() != null) {
                throw DomainException.invalidArgument("comment_id", "is a reply; only top-level comments can be pinned");
            }
            return (request.getPinned() ? threads.pin(tx, target.videoId(), id) : threads.unpin(tx, target.videoId(), id))
                    .replaceWith(target.videoId());
        })).call(firstPages::drop).map(x -> PinCommentResponse.newBuilder().setCommentId(request.getCommentId())
                .setPinned(request.getPinned()).build());
    }

    /** The comment a write acts on: NOT_FOUND when unknown, deleted, or on a banned video. */
    static Target live(Optional<Target> found) {
        return found.filter(t -> !t.deleted() && !t.banned())
                .orElseThrow(() -> DomainException.notFound("COMMENT_NOT_FOUND", "comment not found"));
    }

    /** A comment as the caller now sees it, names included. */
    private Uni<Comment> view(UUID id, Caller caller) {
        return comments.find(pool, id, caller.userId()).flatMap(found -> {
            var row = found.orElseThrow(() -> DomainException.notFound("COMMENT_NOT_FOUND", "comment not found"));
            return threads.find(pool, row.videoId()).flatMap(thread -> {
                Comment comment = CommentViews.comment(row, thread.map(VideoThreads.Thread::pinnedCommentId).orElse(null));
                return names.lookup(CommentViews.people(List.of(comment))).map(authors -> CommentViews.named(comment, authors));
            });
        });
    }
}
