package dev.videoplatform.platform;

import dev.videoplatform.probe.v1.ProbeServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import org.eclipse.microprofile.config.ConfigProvider;

/** A plain gRPC client of the probe application under test, as another service would call it. */
final class ProbeClient {

    static ManagedChannel channel() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    static ProbeServiceGrpc.ProbeServiceBlockingStub stub(ManagedChannel channel, String token) {
        ProbeServiceGrpc.ProbeServiceBlockingStub stub = ProbeServiceGrpc.newBlockingStub(channel);
        if (token == null) {
            return stub;
        }
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private ProbeClient() {
    }
}
