package dev.videoplatform.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnknownFieldSet;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import dev.videoplatform.probe.v1.EchoRequest;
import dev.videoplatform.probe.v1.FailRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ErrorMappingTest {

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = ProbeClient.channel();
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    private com.google.rpc.Status fail(String kind, Status.Code expected) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> ProbeClient.stub(channel, null).fail(FailRequest.newBuilder().setKind(kind).build()));
        assertEquals(expected, e.getStatus().getCode(), e.getStatus().toString());
        com.google.rpc.Status details = StatusProto.fromThrowable(e);
        assertTrue(details != null, "google.rpc.Status details are attached");
        return details;
    }

    private static <T extends com.google.protobuf.Message> T detail(com.google.rpc.Status status, Class<T> type)
            throws Exception {
        for (Any any : status.getDetailsList()) {
            if (any.is(type)) {
                return any.unpack(type);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + status);
    }

    @Test
    void invalidInputIsInvalidArgumentWithEveryFieldViolation() throws Exception {
        com.google.rpc.Status status = fail("invalid", Status.Code.INVALID_ARGUMENT);
        BadRequest badRequest = detail(status, BadRequest.class);
        assertEquals(2, badRequest.getFieldViolationsCount());
        assertEquals("title", badRequest.getFieldViolations(0).getField());
        assertEquals("tags[3]", badRequest.getFieldViolations(1).getField());
        assertEquals("INVALID_ARGUMENT", detail(status, ErrorInfo.class).getReason());
    }

    @Test
    void aMissingThingIsNotFoundWithItsReason() throws Exception {
        com.google.rpc.Status status = fail("not-found", Status.Code.NOT_FOUND);
        ErrorInfo info = detail(status, ErrorInfo.class);
        assertEquals("VIDEO_NOT_FOUND", info.getReason());
        assertEquals("videoplatform.dev", info.getDomain());
        assertEquals("video v1 does not exist", status.getMessage());
    }

    @Test
    void exhaustionCarriesRetryInfo() throws Exception {
        com.google.rpc.Status status = fail("exhausted", Status.Code.RESOURCE_EXHAUSTED);
        assertEquals(42, detail(status, RetryInfo.class).getRetryDelay().getSeconds());
    }

    @Test
    void aGrpcStatusPassesThroughUnchanged() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> ProbeClient.stub(channel, null).fail(FailRequest.newBuilder().setKind("status").build()));
        assertEquals(Status.Code.ABORTED, e.getStatus().getCode());
        assertEquals("optimistic lock lost", e.getStatus().getDescription());
    }

    @Test
    void anUnexpectedFailureIsInternalAndLeaksNothing() throws Exception {
        com.google.rpc.Status status = fail("boom", Status.Code.INTERNAL);
        assertFalse(status.getMessage().contains("hunter2"), status.getMessage());
        assertFalse(status.toString().contains("IllegalStateException"), status.toString());
        assertTrue(detail(status, ErrorInfo.class).getMetadataMap().containsKey("trace_id"));
    }

    @Test
    void aNulCharacterAnywhereIsInvalidArgumentNamingTheField() throws Exception {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> ProbeClient.stub(channel, null)
                .publicEcho(EchoRequest.newBuilder().setText("ok").addReplies(EchoRequest.newBuilder().setText("a\u0000")).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
        BadRequest badRequest = detail(StatusProto.fromThrowable(e), BadRequest.class);
        assertEquals("replies[0].text", badRequest.getFieldViolations(0).getField());
    }

    @Test
    void invalidUtf8OnTheWireIsInvalidArgument() {
        // EchoRequest.text (field 1) holding 0xC3 0x28, which is not UTF-8, as a client with a broken encoder sends it.
        EchoRequest request = EchoRequest.newBuilder().setUnknownFields(UnknownFieldSet.newBuilder().addField(1,
                UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFrom(new byte[] {(byte) 0xC3, 0x28})).build())
                .build()).build();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> ProbeClient.stub(channel, null).publicEcho(request));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
    }

    @Test
    void authenticationIsCheckedBeforeTheStrings() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> ProbeClient.stub(channel, null).whoAmI(EchoRequest.newBuilder().setText("\u0000").build()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }
}
