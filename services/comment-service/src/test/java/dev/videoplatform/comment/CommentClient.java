package dev.videoplatform.comment;

import dev.videoplatform.comment.v1.AddCommentRequest;
import dev.videoplatform.comment.v1.Comment;
import dev.videoplatform.comment.v1.CommentServiceGrpc;
import dev.videoplatform.devstack.GrpcStatusAssertions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/** A gRPC client of the comment-service under test, for one member or anonymous. */
final class CommentClient implements AutoCloseable {

    private final ManagedChannel channel;
    final CommentServiceGrpc.CommentServiceBlockingStub stub;

    private CommentClient(String token) {
        channel = Platform.channel(ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class));
        CommentServiceGrpc.CommentServiceBlockingStub plain = CommentServiceGrpc.newBlockingStub(channel);
        if (token == null) {
            stub = plain;
        } else {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
            stub = plain.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
    }

    static CommentClient as(Platform.Member member) {
        return new CommentClient(member.token());
    }

    static CommentClient anonymous() {
        return new CommentClient(null);
    }

    Comment add(String videoId, String text) {
        return stub.addComment(AddCommentRequest.newBuilder().setVideoId(videoId).setText(text).build()).getComment();
    }

    Comment reply(String videoId, String parentId, String text) {
        return stub.addComment(AddCommentRequest.newBuilder().setVideoId(videoId).setParentCommentId(parentId)
                .setText(text).build()).getComment();
    }

    static StatusRuntimeException assertStatus(Status.Code code, String reason, Runnable call) {
        return GrpcStatusAssertions.assertStatus(code, reason, call);
    }

    /** The fields of the INVALID_ARGUMENT that {@code call} fails with. */
    static List<String> violatedFields(Runnable call) {
        return GrpcStatusAssertions.violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null, call));
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
