package dev.videoplatform.comment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import dev.videoplatform.comment.v1.AddCommentRequest;
import dev.videoplatform.comment.v1.Comment;
import dev.videoplatform.comment.v1.CommentServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
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
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        if (reason != null) {
            assertEquals(reason, detail(e, ErrorInfo.class).getReason(), e.getStatus().toString());
        }
        return e;
    }

    static List<String> violatedFields(Runnable call) {
        StatusRuntimeException e = assertStatus(Status.Code.INVALID_ARGUMENT, null, call);
        return detail(e, BadRequest.class).getFieldViolationsList().stream().map(BadRequest.FieldViolation::getField).toList();
    }

    static <T extends com.google.protobuf.Message> T detail(StatusRuntimeException e, Class<T> type) {
        for (Any any : StatusProto.fromThrowable(e).getDetailsList()) {
            if (any.is(type)) {
                try {
                    return any.unpack(type);
                } catch (InvalidProtocolBufferException ex) {
                    throw new AssertionError(ex);
                }
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + e.getStatus());
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
