package dev.videoplatform.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.videoplatform.admin.v1.AdminServiceGrpc;
import dev.videoplatform.options.v1.Access;
import dev.videoplatform.platform.grpc.MethodPolicy;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every admin RPC refuses anonymous callers and signed-in non-admins; reporting needs a sign-in. */
@QuarkusTest
class AccessTest {

    private static final AdminClient client = new AdminClient();

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void everyAdminMethodRefusesAnonymousAndNonAdminCallers() {
        List<MethodDescriptor<?, ?>> adminMethods = AdminServiceGrpc.getServiceDescriptor().getMethods().stream()
                .filter(m -> MethodPolicy.of(m).access() == Access.ACCESS_ADMIN).toList();
        assertEquals(Set.of("ListReports", "DismissReport", "BanVideo", "UnbanVideo", "SuspendUser", "ReinstateUser",
                        "ListAuditLog", "VerifyAuditLog"),
                Set.copyOf(adminMethods.stream().map(MethodDescriptor::getBareMethodName).toList()));
        Channel asUser = ClientInterceptors.intercept(client.channel,
                MetadataUtils.newAttachHeadersInterceptor(AdminClient.bearer(AdminClient.newId(), Set.of("user"))));
        for (MethodDescriptor<?, ?> method : adminMethods) {
            assertEquals(Status.Code.UNAUTHENTICATED, callWithEmptyRequest(client.channel, method), method.getFullMethodName());
            assertEquals(Status.Code.PERMISSION_DENIED, callWithEmptyRequest(asUser, method), method.getFullMethodName());
        }
    }

    @Test
    void reportingNeedsASignIn() {
        assertEquals(Status.Code.UNAUTHENTICATED,
                callWithEmptyRequest(client.channel, AdminServiceGrpc.getReportVideoMethod()));
    }

    private static <Q, R> Status.Code callWithEmptyRequest(Channel channel, MethodDescriptor<Q, R> method) {
        @SuppressWarnings("unchecked")
        Q empty = ((MethodDescriptor.PrototypeMarshaller<Q>) method.getRequestMarshaller()).getMessagePrototype();
        return assertThrows(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, method, CallOptions.DEFAULT, empty)).getStatus().getCode();
    }
}
