package dev.videoplatform.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import dev.videoplatform.admin.v1.AdminServiceGrpc;
import dev.videoplatform.devstack.TestIdentity;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** A gRPC client of admin-service under test, as anybody, a user or an admin. */
final class AdminClient implements AutoCloseable {

    final ManagedChannel channel;

    AdminClient() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    AdminServiceGrpc.AdminServiceBlockingStub anonymous() {
        return AdminServiceGrpc.newBlockingStub(channel);
    }

    AdminServiceGrpc.AdminServiceBlockingStub asUser(String userId) {
        return anonymous().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(userId, Set.of("user"))));
    }

    AdminServiceGrpc.AdminServiceBlockingStub asAdmin(String userId) {
        return anonymous().withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(userId, Set.of("user", "admin"))));
    }

    static Metadata bearer(String userId, Set<String> roles) {
        return authorization(TestIdentity.shared().token(userId, roles));
    }

    static Metadata authorization(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return headers;
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    static StatusRuntimeException assertStatus(Status.Code code, String reason, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        if (reason != null) {
            assertEquals(reason, detail(e, ErrorInfo.class).getReason());
        }
        return e;
    }

    static List<String> violatedFields(StatusRuntimeException e) {
        return detail(e, BadRequest.class).getFieldViolationsList().stream().map(BadRequest.FieldViolation::getField).toList();
    }

    static <T extends Message> T detail(StatusRuntimeException e, Class<T> type) {
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
