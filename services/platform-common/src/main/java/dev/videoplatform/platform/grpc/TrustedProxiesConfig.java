package dev.videoplatform.platform.grpc;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/**
 * Which peers may speak for a client through {@code x-forwarded-for}: the gateway (Envoy) and the
 * edge. Calls from any other peer are attributed to the peer itself, whatever the header says.
 */
@ConfigMapping(prefix = "videoplatform.grpc")
public interface TrustedProxiesConfig {

    /** CIDRs of the trusted proxies, e.g. {@code 127.0.0.1/32,10.0.0.0/8}; none by default. */
    Optional<List<String>> trustedProxies();

    /**
     * How many proxies append to {@code x-forwarded-for} (as Envoy's {@code xff_num_trusted_hops}):
     * the client is that many entries from the right.
     */
    @WithDefault("1")
    int trustedHops();
}
