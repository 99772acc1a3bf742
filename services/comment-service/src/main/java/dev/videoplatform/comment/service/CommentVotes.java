package dev.videoplatform.comment.service;

import dev.videoplatform.comment.repository.CommentRepository;
import dev.videoplatform.comment.repository.CommentRepository.Target;
import dev.videoplatform.comment.repository.VoteRepository;
import dev.videoplatform.comment.repository.VoteRepository.Counts;
import dev.videoplatform.comment.v1.Vote;
import dev.videoplatform.comment.v1.VoteCommentRequest;
import dev.videoplatform.comment.v1.VoteCommentResponse;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.error.Violations;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * VoteComment: one vote per user and comment, idempotent, with exact counts. Each voter's votes
 * on a comment are applied one after another; different voters meet only on the comment's count
 * row, at the end of their transactions.
 * A vote that changes the counts drops the video's shared first pages once committed.
 */
@ApplicationScoped
public class CommentVotes {

    private final Pool pool;
    private final CommentRepository comments;
    private final VoteRepository votes;
    private final FirstPages firstPages;

    public CommentVotes(Pool pool, CommentRepository comments, VoteRepository votes, FirstPages firstPages) {
        this.pool = pool;
        this.comments = comments;
        this.votes = votes;
        this.firstPages = firstPages;
    }

    /** The counts after the vote, and the video whose first pages they change. */
    private record Counted(Counts counts, String videoId) {
    }

    public Uni<VoteCommentResponse> vote(VoteCommentRequest request, Caller caller) {
        Violations v = new Violations();
        CommentRules.commentId(v, request.getCommentId(), "comment_id");
        v.check(request.getVote() == Vote.VOTE_UNSPECIFIED || request.getVote() == Vote.UNRECOGNIZED, "vote",
                "must be VOTE_UP, VOTE_DOWN or VOTE_NONE");
        v.throwIfAny();
        UUID id = CommentRules.commentId(request.getCommentId());
        int wanted = request.getVote() == Vote.VOTE_NONE ? 0 : request.getVote().getNumber();
        return pool.withTransaction(tx -> comments.target(tx, id).flatMap(found -> {
            Target target = CommentWrites.live(found);
            return votes.lockVoter(tx, id, caller.userId()).flatMap(x -> votes.swap(tx, id, caller.userId(), wanted))
                    .flatMap(before -> {
                        if (before == wanted) {
                            return votes.counts(tx, id).map(counts -> new Counted(counts, null));
                        }
                        int up = (wanted == Vote.VOTE_UP_VALUE ? 1 : 0) - (before == Vote.VOTE_UP_VALUE ? 1 : 0);
                        int down = (wanted == Vote.VOTE_DOWN_VALUE ? 1 : 0) - (before == Vote.VOTE_DOWN_VALUE ? 1 : 0);
                        return votes.count(tx, id, up, down).map(counts -> new Counted(
                                counts.orElseThrow(() -> DomainException.notFound("COMMENT_NOT_FOUND", "comment not found")),
                                // (first pages list top-level comments only)
                                target.parentId() == null ? target.videoId() : null));
                    });
        })).call(counted -> counted.videoId() == null ? Uni.createFrom().voidItem() : firstPages.drop(counted.videoId()))
                .map(counted -> VoteCommentResponse.newBuilder().setCommentId(request.getCommentId())
                        .setVote(CommentViews.vote(wanted)).setUpVoteCount(counted.counts().up())
                        .setDownVoteCount(counted.counts().down()).build());
    }
}
