package dev.videoplatform.platform;

import dev.videoplatform.probe.v1.ProbeServiceGrpc;
import io.grpc.Attributes;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.eclipse.microprofile.config.ConfigProvider;

/** A plain gRPC client of the probe application under test, as another service would call it. */
final class ProbeClient {

    static ManagedChannel channel() {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    /** A channel whose connections come from {@code localAddress} (any 127.x address works on Linux). */
    static ManagedChannel channelFrom(String localAddress) {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext()
                .localSocketPicker(new NettyChannelBuilder.LocalSocketPicker() {
                    @Override
                    public InetSocketAddress createSocketAddress(SocketAddress remote, Attributes attrs) {
                        return new InetSocketAddress(localAddress, 0);
                    }
                }).build();
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
