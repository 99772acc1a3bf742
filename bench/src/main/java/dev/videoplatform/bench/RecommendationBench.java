package dev.videoplatform.bench;

import com.google.common.util.concurrent.ListenableFuture;
import dev.videoplatform.analytics.v1.AnalyticsServiceGrpc;
import dev.videoplatform.analytics.v1.GetTrendingRequest;
import dev.videoplatform.analytics.v1.GetTrendingResponse;
import dev.videoplatform.analytics.v1.TrendingVideo;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.recommendation.v1.FeedReason;
import dev.videoplatform.recommendation.v1.GetHomeFeedRequest;
import dev.videoplatform.recommendation.v1.GetRelatedRequest;
import dev.videoplatform.recommendation.v1.RecommendationServiceGrpc;
import dev.videoplatform.upload.v1.BatchGetVideosRequest;
import dev.videoplatform.upload.v1.BatchGetVideosResponse;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoServiceGrpc;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * recommendation-service from its production jar (rate limiting on, budgets raised: every bench
 * client comes from 127.0.0.1) on the devstack's Kafka and Redis, fed VIDEOS published videos in
 * communities of 20, VIEWERS viewers with 8 views each and 3 subscriptions, as events. Its two
 * dependencies are played by this JVM from memory (upload's BatchGetVideos, analytics'
 * GetTrending), so what is measured is the service itself. Each round measures, at concurrency
 * 32 over 4 connections, the gRPC health check, then GetRelated and GetHomeFeed warm (a hot set
 * of keys the response caches hold) and cold (every call a key never asked before: the whole
 * ranking, and for the feed a new snapshot), interleaved.
 *
 * <p>Arguments: work kafka redis-port seconds rounds videos viewers.
 */
public final class RecommendationBench {

    private static final int CONCURRENCY = 32;
    private static final int CONNECTIONS = 4;
    private static final int COMMUNITY = 20;
    private static final int HOT_KEYS = 200;
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private RecommendationBench() {
    }

    public static void main(String[] args) {
        // Exits either way: the test identity's JWKS server would keep the JVM up.
        try {
            run(args);
            System.exit(0);
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        Duration measured = Duration.ofSeconds(Long.parseLong(args[3]));
        int rounds = Integer.parseInt(args[4]);
        int videoCount = Integer.parseInt(args[5]);
        int viewerCount = Integer.parseInt(args[6]);
        Random random = new Random(22);

        Map<String, Video> catalog = new HashMap<>();
        List<String> videos = new ArrayList<>();
        Instant now = Instant.now();
        try (CatalogEvents events = new CatalogEvents(args[1])) {
            for (int i = 0; i < videoCount; i++) {
                String id = "bench-video-" + i;
                String channel = "bench-channel-" + (i / 5);
                Instant published = now.minus(Duration.ofHours(random.nextInt(24 * 20)));
                videos.add(id);
                catalog.put(id, Video.newBuilder().setVideoId(id).setChannelId(channel).setTitle("Video " + i)
                        .setVisibility(Visibility.VISIBILITY_PUBLIC).setStatus(VideoStatus.VIDEO_STATUS_READY)
                        .setPosterUrl("/stream/" + id + "/poster.jpg").build());
                events.published(new SearchCorpus.Video(id, channel, "Video " + i, "", List.of("tag" + (i / COMMUNITY)),
                        Duration.ofMinutes(5), published, 0));
            }
            Zipf inCommunity = new Zipf(COMMUNITY, 1.0);
            for (int v = 0; v < viewerCount; v++) {
                int community = random.nextInt(videoCount / COMMUNITY);
                for (int k = 0; k < 8; k++) {
                    String video = videos.get(community * COMMUNITY + inCommunity.rank(random.nextDouble()));
                    events.viewed(viewer(v), video, now.minus(Duration.ofHours(2)).plusSeconds(300L * k));
                }
                for (int k = 0; k < 3; k++) {
                    events.subscribed(viewer(v), "bench-channel-" + random.nextInt(videoCount / 5));
                }
            }
            events.flush();
        }
        List<String> trending = videos.subList(0, Math.min(50, videos.size()));

        Server dependencies = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(new TrendingFromMemory(trending)).addService(new CatalogFromMemory(catalog)).build().start();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", args[1]);
        config.put("quarkus.redis.hosts", "redis://127.0.0.1:" + args[2]);
        config.put("videoplatform.page-token.secret", "bench");
        config.put("videoplatform.auth.jwks-url", TestIdentity.shared().jwksUrl());
        config.put("videoplatform.rate-limit.read-requests", "1000000");
        // Warm keys must stay warm for the whole run; cold keys are never asked twice.
        config.put("videoplatform.recommendation.caches.related", "1h");
        config.put("videoplatform.recommendation.caches.home-feed", "1h");
        for (String client : List.of("analytics", "upload")) {
            config.put("quarkus.grpc.clients." + client + ".host", "127.0.0.1");
            config.put("quarkus.grpc.clients." + client + ".port", Integer.toString(dependencies.getPort()));
        }
        config.putAll(Map.of("quarkus.otel.sdk.disabled", "true", "quarkus.log.level", "WARN"));
        List<ManagedChannel> channels = new ArrayList<>();
        try (ServiceProcess service = ServiceProcess.start(Path.of("services/recommendation-service/target/quarkus-app/quarkus-run.jar"),
                config, work.resolve("recommendation.log"))) {
            for (int i = 0; i < CONNECTIONS; i++) {
                channels.add(NettyChannelBuilder.forAddress("127.0.0.1", service.port()).usePlaintext().build());
            }
            Map<String, Metadata> tokens = new HashMap<>();
            awaitConsumed(channels.get(0), viewerCount, tokens);
            System.out.printf(Locale.ROOT, "# %d videos in communities of %d, %d viewers (8 views, 3 subscriptions each); "
                    + "concurrency %d over %d connections; upload and analytics answered from memory by the bench%n%n",
                    videoCount, COMMUNITY, viewerCount, CONCURRENCY, CONNECTIONS);
            System.out.println("| round | call | req/s | vs health | p50 ms | p99 ms | errors |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
            AtomicLong next = new AtomicLong();
            AtomicLong coldRelated = new AtomicLong();
            AtomicLong coldHome = new AtomicLong();
            Map<String, Supplier<ListenableFuture<?>>> calls = new java.util.LinkedHashMap<>();
            calls.put("Health/Check (baseline)", () -> HealthGrpc.newFutureStub(channel(channels, next))
                    .check(HealthCheckRequest.getDefaultInstance()));
            calls.put("GetRelated warm", () -> related(channel(channels, next), videos.get((int) (next.get() % HOT_KEYS)), 20));
            calls.put("GetRelated cold", () -> {
                long key = coldRelated.getAndIncrement();
                return related(channel(channels, next), videos.get((int) (key % videoCount)), 1 + (int) (key / videoCount) % 50);
            });
            calls.put("GetHomeFeed warm", () -> home(channel(channels, next), token(tokens, viewer((int) (next.get() % HOT_KEYS))), 24));
            calls.put("GetHomeFeed cold", () -> {
                long key = coldHome.getAndIncrement();
                return home(channel(channels, next), token(tokens, viewer((int) (key % viewerCount))), 1 + (int) (key / viewerCount) % 100);
            });
            warm(channels.get(0), videos, tokens);
            Duration warmup = Duration.ofMillis(500);
            Map<String, List<LoadResult>> all = new java.util.LinkedHashMap<>();
            // Round 0 warms the JIT; it is not counted.
            for (int round = 0; round <= rounds; round++) {
                LoadResult health = null;
                for (Map.Entry<String, Supplier<ListenableFuture<?>>> call : calls.entrySet()) {
                    LoadResult result = ClosedLoopLoad.run(call.getKey(), CONCURRENCY, warmup, measured, call.getValue());
                    health = health == null ? result : health;
                    if (round > 0) {
                        all.computeIfAbsent(call.getKey(), k -> new ArrayList<>()).add(result);
                        System.out.printf(Locale.ROOT, "| %d | %s | %.0f | %.0f %% | %.2f | %.2f | %d |%n", round, call.getKey(),
                                result.requestsPerSecond(), 100 * result.requestsPerSecond() / health.requestsPerSecond(),
                                result.percentileMillis(50), result.percentileMillis(99), result.errors());
                    }
                }
            }
            System.out.println();
            System.out.println("| call | req/s (all rounds) | p50 ms | p99 ms | errors |");
            System.out.println("| --- | --- | --- | --- | --- |");
            all.forEach((name, results) -> {
                LoadResult merged = LoadResult.merge(results);
                System.out.printf(Locale.ROOT, "| %s | %.0f | %.2f | %.2f | %d |%n", name, merged.requestsPerSecond(),
                        merged.percentileMillis(50), merged.percentileMillis(99), merged.errors());
            });
        } finally {
            channels.forEach(ManagedChannel::shutdownNow);
            dependencies.shutdownNow();
        }
    }

    private static String viewer(int i) {
        return "bench-viewer-" + i;
    }

    private static ManagedChannel channel(List<ManagedChannel> channels, AtomicLong next) {
        return channels.get((int) (next.getAndIncrement() % channels.size()));
    }

    private static Metadata token(Map<String, Metadata> tokens, String viewer) {
        synchronized (tokens) {
            return tokens.computeIfAbsent(viewer, v -> {
                Metadata headers = new Metadata();
                headers.put(AUTHORIZATION, "Bearer " + TestIdentity.shared().token(v, Set.of("user"), Duration.ofHours(2)));
                return headers;
            });
        }
    }

    private static ListenableFuture<?> related(ManagedChannel channel, String videoId, int size) {
        return RecommendationServiceGrpc.newFutureStub(channel)
                .getRelated(GetRelatedRequest.newBuilder().setVideoId(videoId).setPageSize(size).build());
    }

    private static ListenableFuture<?> home(ManagedChannel channel, Metadata token, int size) {
        return RecommendationServiceGrpc.newFutureStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(token))
                .getHomeFeed(GetHomeFeedRequest.newBuilder().setPageSize(size).build());
    }

    /**
     * Waits (at most 3 minutes) until the last viewers' feeds show what they watched together;
     * each try asks with another page size, a first page the cache has not kept.
     */
    private static void awaitConsumed(ManagedChannel channel, int viewerCount, Map<String, Metadata> tokens) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        int tries = 0;
        for (int v = Math.max(0, viewerCount - 5); v < viewerCount; v++) {
            String viewer = viewer(v);
            while (RecommendationServiceGrpc.newBlockingStub(channel).withInterceptors(
                            MetadataUtils.newAttachHeadersInterceptor(token(tokens, viewer)))
                    .getHomeFeed(GetHomeFeedRequest.newBuilder().setPageSize(25 + tries++ % 75).build()).getItemsList().stream()
                    .noneMatch(item -> item.getReason() == FeedReason.FEED_REASON_WATCHED_TOGETHER)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the events were not consumed within 3 minutes");
                }
                Thread.sleep(500);
            }
        }
    }

    /** Fills the response caches for the warm keys. */
    private static void warm(ManagedChannel channel, List<String> videos, Map<String, Metadata> tokens) {
        var stub = RecommendationServiceGrpc.newBlockingStub(channel);
        for (int i = 0; i < HOT_KEYS; i++) {
            stub.getRelated(GetRelatedRequest.newBuilder().setVideoId(videos.get(i)).setPageSize(20).build());
            stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(token(tokens, viewer(i))))
                    .getHomeFeed(GetHomeFeedRequest.newBuilder().setPageSize(24).build());
        }
    }

    /** analytics' GetTrending, from memory. */
    private static final class TrendingFromMemory extends AnalyticsServiceGrpc.AnalyticsServiceImplBase {
        private final GetTrendingResponse response;

        TrendingFromMemory(List<String> trending) {
            GetTrendingResponse.Builder answer = GetTrendingResponse.newBuilder();
            for (int i = 0; i < trending.size(); i++) {
                answer.addVideos(TrendingVideo.newBuilder().setVideoId(trending.get(i)).setRank(i + 1));
            }
            this.response = answer.build();
        }

        @Override
        public void getTrending(GetTrendingRequest request, StreamObserver<GetTrendingResponse> observer) {
            observer.onNext(response);
            observer.onCompleted();
        }
    }

    /** upload's BatchGetVideos, from memory. */
    private static final class CatalogFromMemory extends VideoServiceGrpc.VideoServiceImplBase {
        private final Map<String, Video> catalog;

        CatalogFromMemory(Map<String, Video> catalog) {
            this.catalog = catalog;
        }

        @Override
        public void batchGetVideos(BatchGetVideosRequest request, StreamObserver<BatchGetVideosResponse> observer) {
            BatchGetVideosResponse.Builder answer = BatchGetVideosResponse.newBuilder();
            for (String id : request.getVideoIdsList()) {
                Video video = catalog.get(id);
                if (video == null) {
                    answer.addMissingVideoIds(id);
                } else {
                    answer.addVideos(video);
                }
            }
            observer.onNext(answer.build());
            observer.onCompleted();
        }
    }
}
