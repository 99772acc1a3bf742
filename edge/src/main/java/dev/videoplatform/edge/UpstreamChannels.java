package dev.videoplatform.edge;

import dev.videoplatform.gateway.Upstream;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * Plaintext HTTP/2 channels to the upstreams, one per upstream address (two services of one
 * module share it) and Vert.x event loop. Each channel's connection lives on its event loop, so
 * a request is read, sent upstream, answered and written back on one thread, with no hand-off
 * between the HTTP server's threads and gRPC's. The edge runs one event loop by default, so
 * each upstream sees one connection (application.properties says why). A service without an
 * upstream stops the edge at start-up.
 */
@Singleton
public class UpstreamChannels {

    /** The channels of one upstream address, one per event loop, in the event loop group's order. */
    private record LoopChannels(List<EventLoop> loops, List<ManagedChannel> channels) {
        ManagedChannel forCurrentThread() {
            for (int i = 0; i < loops.size(); i++) {
                if (loops.get(i).inEventLoop()) {
                    return channels.get(i);
                }
            }
            // Not called from an event loop (not the case for HTTP handlers): any channel works.
            return channels.get(0);
        }
    }

    private final Map<String, LoopChannels> byService = new HashMap<>();
    private final Map<Upstream, LoopChannels> byAddress = new HashMap<>();

    public UpstreamChannels(EdgeConfig config, EdgeContracts contracts, Vertx vertx) {
        Set<String> missing = new TreeSet<>(contracts.rules().services());
        missing.removeAll(config.upstreams().keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no edge.upstreams.\"<service>\" for " + missing);
        }
        List<EventLoop> loops = new ArrayList<>();
        for (EventExecutor executor : vertx.nettyEventLoopGroup()) {
            loops.add((EventLoop) executor);
        }
        // A channel must match its event loop's transport: epoll when Vert.x runs on it, else NIO.
        Class<? extends SocketChannel> channelType = vertx.isNativeTransportEnabled() ? EpollSocketChannel.class : NioSocketChannel.class;
        for (String service : contracts.rules().services()) {
            Upstream address = Upstream.parse(config.upstreams().get(service));
            byService.put(service, byAddress.computeIfAbsent(address, a -> new LoopChannels(loops, loops.stream()
                    .map(loop -> NettyChannelBuilder.forAddress(a.host(), a.port())
                            .usePlaintext()
                            .eventLoopGroup(loop)
                            .channelType(channelType)
                            .build())
                    .toList())));
        }
    }

    /** The channel to the service's upstream that runs on the calling event loop. */
    ManagedChannel forService(String service) {
        return byService.get(service).forCurrentThread();
    }

    @PreDestroy
    void shutdown() throws InterruptedException {
        List<ManagedChannel> all = byAddress.values().stream().flatMap(c -> c.channels().stream()).toList();
        all.forEach(ManagedChannel::shutdown);
        for (ManagedChannel channel : all) {
            if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
                channel.shutdownNow();
            }
        }
    }
}
