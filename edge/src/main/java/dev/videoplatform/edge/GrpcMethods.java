package dev.videoplatform.edge;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * grpc-java method descriptors for RPCs known only by their protobuf descriptors. Responses stay
 * wire bytes: {@link WireJsonPrinter} turns them into JSON without building a message.
 */
final class GrpcMethods {

    private final Map<String, MethodDescriptor<DynamicMessage, byte[]>> methods = new ConcurrentHashMap<>();

    MethodDescriptor<DynamicMessage, byte[]> of(com.google.protobuf.Descriptors.MethodDescriptor method) {
        return methods.computeIfAbsent(method.getFullName(), name -> MethodDescriptor.<DynamicMessage, byte[]>newBuilder()
                .setType(method.isServerStreaming() ? MethodDescriptor.MethodType.SERVER_STREAMING : MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(method.getService().getFullName(), method.getName()))
                .setRequestMarshaller(new DynamicMessageMarshaller(method.getInputType()))
                .setResponseMarshaller(new WireBytes())
                .build());
    }

    /** Requests: built by {@link JsonTranscoder}, sent as their encoding. */
    private record DynamicMessageMarshaller(Descriptor type) implements MethodDescriptor.Marshaller<DynamicMessage> {

        @Override
        public InputStream stream(DynamicMessage value) {
            return value.toByteString().newInput();
        }

        @Override
        public DynamicMessage parse(InputStream stream) {
            try {
                return DynamicMessage.parseFrom(type, stream);
            } catch (IOException e) {
                throw Status.INTERNAL.withDescription("unparseable " + type.getFullName()).withCause(e).asRuntimeException();
            }
        }
    }

    /** Responses: their bytes as received. */
    private static final class WireBytes implements MethodDescriptor.Marshaller<byte[]> {

        @Override
        public InputStream stream(byte[] value) {
            return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
            try {
                return stream.readAllBytes();
            } catch (IOException e) {
                throw Status.INTERNAL.withDescription("unreadable response from upstream").withCause(e).asRuntimeException();
            }
        }
    }
}
