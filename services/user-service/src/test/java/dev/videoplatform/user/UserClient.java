package dev.videoplatform.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import dev.videoplatform.devstack.TestServiceIdentity;
import dev.videoplatform.user.v1.LoginRequest;
import dev.videoplatform.user.v1.LoginResponse;
import dev.videoplatform.user.v1.RegisterRequest;
import dev.videoplatform.user.v1.User;
import dev.videoplatform.user.v1.UserServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** A gRPC client of the service under test, with the helpers the tests share. */
final class UserClient implements AutoCloseable {

    static final String PASSWORD = "correct horse battery staple";

    final ManagedChannel channel;

    UserClient() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    UserServiceGrpc.UserServiceBlockingStub anonymous() {
        return UserServiceGrpc.newBlockingStub(channel);
    }

    UserServiceGrpc.UserServiceBlockingStub as(String accessToken) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + accessToken);
        return anonymous().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** UserService as another service calls it: with that service's token for user-service. */
    UserServiceGrpc.UserServiceBlockingStub asService(String service) {
        return as(TestServiceIdentity.token(service, "user"));
    }

    static String uniqueName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    User register(String username) {
        return anonymous().register(RegisterRequest.newBuilder().setUsername(username)
                .setEmail(username + "@example.com").setPassword(PASSWORD).build()).getUser();
    }

    LoginResponse login(String username) {
        return anonymous().login(LoginRequest.newBuilder().setUsernameOrEmail(username).setPassword(PASSWORD).build());
    }

    static StatusRuntimeException assertStatus(Status.Code code, String reason, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        if (reason != null) {
            assertEquals(reason, errorInfo(e).getReason());
        }
        return e;
    }

    static ErrorInfo errorInfo(StatusRuntimeException e) {
        return detail(e, ErrorInfo.class);
    }

    static List<String> violatedFields(StatusRuntimeException e) {
        return detail(e, BadRequest.class).getFieldViolationsList().stream()
                .map(BadRequest.FieldViolation::getField).toList();
    }

    static <T extends com.google.protobuf.Message> T detail(StatusRuntimeException e, Class<T> type) {
        for (Any any : StatusProto.fromThrowable(e).getDetailsList()) {
            if (any.is(type)) {
                try {
                    return any.unpack(type);
                } catch (com.google.protobuf.InvalidProtocolBufferException ex) {
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
