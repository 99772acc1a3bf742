package dev.videoplatform.platform.grpc;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The client's IP: the {@code x-forwarded-for} address when a trusted proxy sent the call, else
 * the peer address. {@link ForwardedForInterceptor} has already replaced the header by the one
 * address it vouches for, so what is read here was never written by an untrusted client.
 */
public final class ClientAddress {

    static final Metadata.Key<String> FORWARDED_FOR = Metadata.Key.of("x-forwarded-for", Metadata.ASCII_STRING_MARSHALLER);

    private ClientAddress() {
    }

    public static String of(ServerCall<?, ?> call, Metadata headers) {
        String forwarded = headers.get(FORWARDED_FOR);
        if (forwarded != null) {
            return forwarded;
        }
        SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        if (peer instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress();
        }
        return "unknown";
    }
}
