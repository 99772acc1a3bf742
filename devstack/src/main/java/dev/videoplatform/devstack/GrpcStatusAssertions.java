package dev.videoplatform.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;

/** For service tests: what a failed gRPC call said, in the platform's error shape (google.rpc details). */
public final class GrpcStatusAssertions {

    private GrpcStatusAssertions() {
    }

    /** Asserts that {@code call} fails with {@code code} and, unless null, the ErrorInfo {@code reason}. */
    public static StatusRuntimeException assertStatus(Status.Code code, String reason, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        if (reason != null) {
            assertEquals(reason, detail(e, ErrorInfo.class).getReason(), e.getStatus().toString());
        }
        return e;
    }

    /** The fields named by the failure's BadRequest, in order. */
    public static List<String> violatedFields(StatusRuntimeException e) {
        return detail(e, BadRequest.class).getFieldViolationsList().stream().map(BadRequest.FieldViolation::getField).toList();
    }

    /** The failure's google.rpc detail of {@code type}; fails the test when there is none. */
    public static <T extends Message> T detail(StatusRuntimeException e, Class<T> type) {
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
}
