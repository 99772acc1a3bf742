package dev.videoplatform.edge;

import dev.videoplatform.gateway.Upstream;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * One plaintext HTTP/2 channel per upstream address (two services of one module share it), for
 * every service the http rules expose. A service without an upstream stops the edge at start-up.
 */
@Singleton
public class UpstreamChannels {

    private final Map<String, ManagedChannel> byService = new HashMap<>();
    private final Map<Upstream, ManagedChannel> byAddress = new HashMap<>();

    public UpstreamChannels(EdgeConfig config, EdgeContracts contracts) {
        Set<String> missing = new TreeSet<>(contracts.rules().services());
        missing.removeAll(config.upstreams().keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no edge.upstreams.\"<service>\" for " + missing);
        }
        for (String service : contracts.rules().services()) {
            Upstream address = Upstream.parse(config.upstreams().get(service));
            byService.put(service, byAddress.computeIfAbsent(address, a -> NettyChannelBuilder.forAddress(a.host(), a.port())
                    .usePlaintext()
                    .build()));
        }
    }

    ManagedChannel forService(String service) {
        return byService.get(service);
    }

    @PreDestroy
    void shutdown() throws InterruptedException {
        byAddress.values().forEach(ManagedChannel::shutdown);
        for (ManagedChannel channel : byAddress.values()) {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        }
    }
}
