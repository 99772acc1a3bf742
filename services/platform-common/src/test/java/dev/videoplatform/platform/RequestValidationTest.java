package dev.videoplatform.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import dev.videoplatform.probe.v1.EchoRequest;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad strings from any gRPC client are INVALID_ARGUMENT with a field violation, before service code runs. */
@QuarkusTest
class RequestValidationTest {

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = ProbeClient.channel();
    }

    @AfterEach
    void disconnect() {
        channel.shutdownNow();
    }

    private static BadRequest badRequest(StatusRuntimeException e) throws Exception {
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
        for (Any detail : StatusProto.fromThrowable(e).getDetailsList()) {
            if (detail.is(BadRequest.class)) {
                return detail.unpack(BadRequest.class);
            }
        }
        throw new AssertionError("no BadRequest in " + e.getStatus());
    }

    @Test
    void aNulCharacterIsInvalidArgumentNamingTheField() throws Exception {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> ProbeClient.stub(channel, null)
                .publicEcho(EchoRequest.newBuilder().setText("ok").addReplies(EchoRequest.newBuilder().setText("a\u0000")).build()));
        BadRequest badRequest = badRequest(e);
        assertEquals("replies[0].text", badRequest.getFieldViolations(0).getField());
    }

    @Test
    void invalidUtf8OnTheWireIsInvalidArgument() throws Exception {
        // EchoRequest.text (field 1, length-delimited) holding 0xC3 0x28: not UTF-8.
        byte[] request = {0x0A, 0x02, (byte) 0xC3, 0x28};
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, RAW_ECHO, CallOptions.DEFAULT, request));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
    }

    @Test
    void authenticationIsCheckedFirst() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> ProbeClient.stub(channel, null).whoAmI(EchoRequest.newBuilder().setText("\u0000").build()));
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }

    private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    /** PublicEcho with hand-made bytes, as a client with a broken encoder would send them. */
    private static final MethodDescriptor<byte[], byte[]> RAW_ECHO = MethodDescriptor.<byte[], byte[]>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("videoplatform.probe.v1.ProbeService/PublicEcho")
            .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
}
