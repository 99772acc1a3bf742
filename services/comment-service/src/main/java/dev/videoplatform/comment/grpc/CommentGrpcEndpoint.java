package dev.videoplatform.comment.grpc;

import dev.videoplatform.comment.service.CommentReads;
import dev.videoplatform.comment.service.CommentVotes;
import dev.videoplatform.comment.service.CommentWrites;
import dev.videoplatform.comment.v1.AddCommentRequest;
import dev.videoplatform.comment.v1.AddCommentResponse;
import dev.videoplatform.comment.v1.CommentService;
import dev.videoplatform.comment.v1.DeleteCommentRequest;
import dev.videoplatform.comment.v1.DeleteCommentResponse;
import dev.videoplatform.comment.v1.EditCommentRequest;
import dev.videoplatform.comment.v1.EditCommentResponse;
import dev.videoplatform.comment.v1.ListCommentsRequest;
import dev.videoplatform.comment.v1.ListCommentsResponse;
import dev.videoplatform.comment.v1.ListRepliesRequest;
import dev.videoplatform.comment.v1.ListRepliesResponse;
import dev.videoplatform.comment.v1.PinCommentRequest;
import dev.videoplatform.comment.v1.PinCommentResponse;
import dev.videoplatform.comment.v1.VoteCommentRequest;
import dev.videoplatform.comment.v1.VoteCommentResponse;
import dev.videoplatform.platform.auth.Caller;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Uni;

/** gRPC face of comment-service: reads the caller on the call's context and delegates. */
@GrpcService
public class CommentGrpcEndpoint implements CommentService {

    private final CommentWrites writes;
    private final CommentVotes votes;
    private final CommentReads reads;

    public CommentGrpcEndpoint(CommentWrites writes, CommentVotes votes, CommentReads reads) {
        this.writes = writes;
        this.votes = votes;
        this.reads = reads;
    }

    @Override
    public Uni<AddCommentResponse> addComment(AddCommentRequest request) {
        return writes.add(request, Caller.current()).map(c -> AddCommentResponse.newBuilder().setComment(c).build());
    }

    @Override
    public Uni<ListCommentsResponse> listComments(ListCommentsRequest request) {
        return reads.listComments(request, Caller.current());
    }

    @Override
    public Uni<ListRepliesResponse> listReplies(ListRepliesRequest request) {
        return reads.listReplies(request, Caller.current());
    }

    @Override
    public Uni<EditCommentResponse> editComment(EditCommentRequest request) {
        return writes.edit(request, Caller.current()).map(c -> EditCommentResponse.newBuilder().setComment(c).build());
    }

    @Override
    public Uni<DeleteCommentResponse> deleteComment(DeleteCommentRequest request) {
        return writes.delete(request.getCommentId(), Caller.current());
    }

    @Override
    public Uni<PinCommentResponse> pinComment(PinCommentRequest request) {
        return writes.pin(request, Caller.current());
    }

    @Override
    public Uni<VoteCommentResponse> voteComment(VoteCommentRequest request) {
        return votes.vote(request, Caller.current());
    }
}
