package dev.videoplatform.comment.service;

import dev.videoplatform.comment.repository.CommentRepository;
import dev.videoplatform.comment.repository.CommentRepository.Target;
import dev.videoplatform.comment.repository.VoteRepository;
import dev.videoplatform.comment.repository.VoteRepository.Counts;
import dev.videoplatform.comment.v1.Vote;
import dev.videoplatform.comment.v1.VoteCommentRequest;
import dev.videoplatform.comment.v1.VoteCommentResponse;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.Violations;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * VoteComment: one vote per user and comment, idempotent, with exact counts. The comment's row
 * is locked while its vote and counts change, so concurrent voters are applied one after another.
 */
@ApplicationScoped
public class CommentVotes {

    private final Pool pool;
    private final CommentRepository comments;
    private final VoteRepository votes;

    public CommentVotes(Pool pool, CommentRepository comments, VoteRepository votes) {
        this.pool = pool;
        this.comments = comments;
        this.votes = votes;
    }

    public Uni<VoteCommentResponse> vote(VoteCommentRequest request, Caller caller) {
        Violations v = new Violations();
        CommentRules.commentId(v, request.getCommentId(), "comment_id");
        v.check(request.getVote() == Vote.VOTE_UNSPECIFIED || request.getVote() == Vote.UNRECOGNIZED, "vote",
                "must be VOTE_UP, VOTE_DOWN or VOTE_NONE");
        v.throwIfAny();
        UUID id = CommentRules.commentId(request.getCommentId());
        int wanted = request.getVote() == Vote.VOTE_NONE ? 0 : request.getVote().getNumber();
        return pool.withTransaction(tx -> comments.lock(tx, id).flatMap(found -> {
            Target target = CommentWrites.live(found);
            return votes.current(tx, target.commentId(), caller.userId()).flatMap(before -> {
                if (before == wanted) {
                    return votes.counts(tx, id);
                }
                int up = (wanted == Vote.VOTE_UP_VALUE ? 1 : 0) - (before == Vote.VOTE_UP_VALUE ? 1 : 0);
                int down = (wanted == Vote.VOTE_DOWN_VALUE ? 1 : 0) - (before == Vote.VOTE_DOWN_VALUE ? 1 : 0);
                return votes.set(tx, id, caller.userId(), wanted).flatMap(x -> votes.count(tx, id, up, down));
            });
        })).map((Counts counts) -> VoteCommentResponse.newBuilder().setCommentId(request.getCommentId())
                .setVote(CommentViews.vote(wanted)).setUpVoteCount(counts.up()).setDownVoteCount(counts.down()).build());
    }
}
