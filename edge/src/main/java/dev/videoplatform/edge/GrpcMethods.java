package dev.videoplatform.edge;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** grpc-java method descriptors for RPCs known only by their protobuf descriptors. */
final class GrpcMethods {

    private final Map<String, MethodDescriptor<DynamicMessage, DynamicMessage>> methods = new ConcurrentHashMap<>();

    MethodDescriptor<DynamicMessage, DynamicMessage> of(com.google.protobuf.Descriptors.MethodDescriptor method) {
        return methods.computeIfAbsent(method.getFullName(), name -> MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(method.isServerStreaming() ? MethodDescriptor.MethodType.SERVER_STREAMING : MethodDescriptor.MethodType.UNARY)
                .setFullMethodName(MethodDescriptor.generateFullMethodName(method.getService().getFullName(), method.getName()))
                .setRequestMarshaller(new DynamicMessageMarshaller(method.getInputType()))
                .setResponseMarshaller(new DynamicMessageMarshaller(method.getOutputType()))
                .build());
    }

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
                throw Status.INTERNAL.withDescription("unparseable " + type.getFullName() + " from upstream").withCause(e).asRuntimeException();
            }
        }
    }
}
