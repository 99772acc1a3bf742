package dev.videoplatform.recommendation;

import dev.videoplatform.analytics.v1.AnalyticsServiceGrpc;
import dev.videoplatform.analytics.v1.GetTrendingRequest;
import dev.videoplatform.analytics.v1.GetTrendingResponse;
import dev.videoplatform.analytics.v1.TrendingVideo;
import dev.videoplatform.upload.v1.BatchGetVideosRequest;
import dev.videoplatform.upload.v1.BatchGetVideosResponse;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoServiceGrpc;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * analytics' and upload's contracts as real gRPC servers on loopback (neither service can be
 * started here with published videos and a trending list in seconds): GetTrending answers the
 * list a test sets, BatchGetVideos the catalog a test fills (only what anyone may see). Tests stop
 * and restart either server to take the dependency away.
 */
public class ContractServers implements QuarkusTestResourceLifecycleManager {

    /** upload-service's catalog as BatchGetVideos sees it. */
    static final Map<String, Video> CATALOG = new ConcurrentHashMap<>();
    /** analytics-service's trending list, best first. */
    static final List<String> TRENDING = new CopyOnWriteArrayList<>();

    static volatile Endpoint analytics;
    static volatile Endpoint upload;

    /** One server on a fixed loopback port that can be taken down and brought back. */
    static final class Endpoint {
        private final BindableService service;
        private final int port;
        private Server server;

        Endpoint(BindableService service, int port) throws IOException {
            this.service = service;
            this.port = port;
            start();
        }

        synchronized void start() throws IOException {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", port)).addService(service).build().start();
        }

        synchronized void stop() throws InterruptedException {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }

        int port() {
            return server.getPort();
        }
    }

    @Override
    public Map<String, String> start() {
        try {
            analytics = new Endpoint(new Analytics(), freePort());
            upload = new Endpoint(new Catalog(), freePort());
            // In tests a client goes to test-port, which otherwise means the application itself.
            return Map.of("quarkus.grpc.clients.analytics.host", "127.0.0.1",
                    "quarkus.grpc.clients.analytics.test-port", Integer.toString(analytics.port()),
                    "quarkus.grpc.clients.upload.host", "127.0.0.1",
                    "quarkus.grpc.clients.upload.test-port", Integer.toString(upload.port()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        try {
            analytics.stop();
            upload.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static final class Analytics extends AnalyticsServiceGrpc.AnalyticsServiceImplBase {
        @Override
        public void getTrending(GetTrendingRequest request, StreamObserver<GetTrendingResponse> response) {
            GetTrendingResponse.Builder answer = GetTrendingResponse.newBuilder();
            List<String> ids = List.copyOf(TRENDING);
            for (int i = 0; i < ids.size() && i < Math.max(1, request.getPageSize()); i++) {
                answer.addVideos(TrendingVideo.newBuilder().setVideoId(ids.get(i)).setRank(i + 1));
            }
            response.onNext(answer.build());
            response.onCompleted();
        }
    }

    private static final class Catalog extends VideoServiceGrpc.VideoServiceImplBase {
        @Override
        public void batchGetVideos(BatchGetVideosRequest request, StreamObserver<BatchGetVideosResponse> response) {
            BatchGetVideosResponse.Builder answer = BatchGetVideosResponse.newBuilder();
            for (String id : request.getVideoIdsList()) {
                Video video = CATALOG.get(id);
                if (video == null) {
                    answer.addMissingVideoIds(id);
                } else {
                    answer.addVideos(video);
                }
            }
            response.onNext(answer.build());
            response.onCompleted();
        }
    }
}
