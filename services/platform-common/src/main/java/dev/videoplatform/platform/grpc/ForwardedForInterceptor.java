package dev.videoplatform.platform.grpc;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The trust boundary for {@code x-forwarded-for}: before any other interceptor reads it, the header
 * is replaced by the one client address {@link TrustedProxies} vouches for: an entry the trusted
 * proxy appended, or the peer itself when the peer is not a trusted proxy. A client calling a
 * service directly therefore cannot pick the address it is rate-limited and throttled by.
 */
@GlobalInterceptor
@ApplicationScoped
public class ForwardedForInterceptor implements ServerInterceptor, Prioritized {

    /** Before authentication and rate limiting, which read the client address. */
    public static final int PRIORITY = 1000;

    private final TrustedProxies proxies;

    public ForwardedForInterceptor(TrustedProxiesConfig config) {
        this.proxies = new TrustedProxies(config.trustedProxies().orElse(List.of()), config.trustedHops());
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Iterable<String> values = headers.getAll(ClientAddress.FORWARDED_FOR);
        if (values != null) {
            // Read before discarding: getAll is a live view of the headers.
            List<String> entries = entries(values);
            headers.discardAll(ClientAddress.FORWARDED_FOR);
            SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
            if (peer instanceof InetSocketAddress inet && inet.getAddress() != null) {
                headers.put(ClientAddress.FORWARDED_FOR, proxies.clientOf(inet.getAddress(), entries).getHostAddress());
            }
        }
        return next.startCall(call, headers);
    }

    /** Every comma-separated entry of every header value, left to right. */
    private static List<String> entries(Iterable<String> values) {
        List<String> entries = new ArrayList<>();
        for (String value : values) {
            for (String entry : value.split(",")) {
                if (!entry.isBlank()) {
                    entries.add(entry.trim());
                }
            }
        }
        return entries;
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
