package dev.videoplatform.bench;

import dev.videoplatform.devstack.Devstack;
import dev.videoplatform.devstack.DevstackSettings;
import dev.videoplatform.devstack.ServiceProcess;
import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.devstack.TopicProbe;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.RenditionOutput;
import dev.videoplatform.events.v1.TraceContext;
import dev.videoplatform.events.v1.VideoTranscoded;
import dev.videoplatform.upload.v1.CompleteUploadRequest;
import dev.videoplatform.upload.v1.GetVideoRequest;
import dev.videoplatform.upload.v1.InitiateUploadRequest;
import dev.videoplatform.upload.v1.InitiateUploadResponse;
import dev.videoplatform.upload.v1.UploadServiceGrpc;
import dev.videoplatform.upload.v1.VideoServiceGrpc;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.IntFunction;

/**
 * The JSON edge's cost: GetVideo (cached) as JSON through the edge beside the same call over
 * gRPC straight to upload-service, same video, same run, after a warm-up of both. Two loads:
 * <ul>
 *   <li>a fixed rate ({@code 1000/s}): that many calls per second to each side, interleaved in one
 *       window, so both meet the same machine (equal load, in this VM's drift too);
 *   <li>a closed-loop concurrency ({@code 16}), one side after the other in alternating rounds:
 *       each side as fast as it can go, which on shared cores compares capacity.
 * </ul>
 * Both sides are driven alike: threads making blocking calls, grpc-java stubs for gRPC and
 * keep-alive HTTP/1.1 connections (as wrk would) for JSON. Starts its own devstack (in this JVM),
 * upload-service and edge (rate limits off: they would measure rejections) and makes a READY
 * PUBLIC video. Arguments: work-dir seconds load...
 */
public final class EdgeBench {

    private static final int ROUNDS = 3;
    private static final int RATE_THREADS = 32;
    private static final Duration WARM_UP = Duration.ofSeconds(15);
    private static final Duration SETTLE = Duration.ofSeconds(3);
    private static final String DIRECT = "GetVideo, gRPC straight to upload-service";
    private static final String EDGE = "GET /v1/videos/{id}, JSON through the edge";

    private EdgeBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]).toAbsolutePath();
        Duration measured = Duration.ofSeconds(Long.parseLong(args[1]));
        DevstackSettings stack = Devstack.shared().settings();
        Devstack.shared().createDatabase("videos");
        Map<String, String> uploadConfig = new HashMap<>(stack.quarkusConfig("videos"));
        uploadConfig.putAll(Map.of("quarkus.grpc.clients.user.host", "127.0.0.1", "quarkus.grpc.clients.user.port", "1"));
        uploadConfig.putAll(Map.of("videoplatform.blob.root", work.resolve("blobs").toString(),
                "videoplatform.page-token.secret", "bench", "videoplatform.upload.url-secret", "bench",
                "videoplatform.auth.jwks-url", TestIdentity.shared().jwksUrl(), "videoplatform.rate-limit.enabled", "false",
                "quarkus.log.level", "WARN"));
        try (ServiceProcess upload = ServiceProcess.start(jar("services/upload-service"), uploadConfig, work.resolve("upload.log"));
                ServiceProcess edge = ServiceProcess.start(jar("edge"), Map.of(
                        "edge.upstreams.\"videoplatform.upload.v1.VideoService\"", "127.0.0.1:" + upload.port(),
                        "edge.rate-limit.requests-per-second", "1000000", "edge.rate-limit.burst", "1000000",
                        "quarkus.log.level", "WARN"), work.resolve("edge.log"), "/healthz")) {
            ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", upload.port()).usePlaintext().build();
            List<KeepAliveHttp> connections = new ArrayList<>();
            try {
                String videoId = readyVideo(channel, upload.baseUrl(), stack);
                URI get = URI.create(edge.baseUrl() + "/v1/videos/" + videoId);
                var videos = VideoServiceGrpc.newBlockingStub(channel);
                GetVideoRequest request = GetVideoRequest.newBuilder().setVideoId(videoId).build();
                ClosedLoopLoad.BlockingCall grpcCall = () -> videos.getVideo(request);
                IntFunction<ClosedLoopLoad.BlockingCall> direct = thread -> grpcCall;
                // Load thread t always uses connection t: loads run one after another, so a
                // connection opened once serves every round (new ones per round piled up idle).
                IntFunction<ClosedLoopLoad.BlockingCall> viaEdge = thread -> {
                    while (connections.size() <= thread) {
                        connections.add(open(get));
                    }
                    return connections.get(thread)::get;
                };
                // Three JVMs to compile, and thread pools to grow, before the first round means
                // anything: a first round of 32 threads once ran at a third of later rounds' pace.
                ClosedLoopLoad.runThreads("", RATE_THREADS, Duration.ZERO, WARM_UP, direct);
                ClosedLoopLoad.runThreads("", RATE_THREADS, Duration.ZERO, WARM_UP, viaEdge);
                System.out.println("| round | call | load | req/s | p50 ms | p99 ms | max ms | errors | p50 vs direct |");
                System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
                for (int i = 2; i < args.length; i++) {
                    String load = args[i];
                    List<Double> ratios = new ArrayList<>();
                    for (int round = 1; round <= ROUNDS; round++) {
                        List<LoadResult> pair;
                        if (load.endsWith("/s")) {
                            FixedRateLoad.Interleaved both = FixedRateLoad.runInterleaved(List.of(DIRECT, EDGE),
                                    Integer.parseInt(load.substring(0, load.length() - 2)), RATE_THREADS, SETTLE, measured,
                                    thread -> List.of(grpcCall, viaEdge.apply(thread)));
                            pair = both.sides();
                            long calls = pair.get(0).latenciesNanos().length + pair.get(1).latenciesNanos().length;
                            if (both.lateStarts() * 100 > calls) {
                                System.out.printf("| %d | %d calls started over 1 ms late: for a while every load thread was busy, and "
                                        + "both sides' latencies include that wait |%n", round, both.lateStarts());
                            }
                        } else {
                            pair = List.of(ClosedLoopLoad.runThreads(DIRECT, Integer.parseInt(load), SETTLE, measured, direct),
                                    ClosedLoopLoad.runThreads(EDGE, Integer.parseInt(load), SETTLE, measured, viaEdge));
                        }
                        double ratio = pair.get(1).percentileMillis(50) / pair.get(0).percentileMillis(50);
                        ratios.add(ratio);
                        System.out.println("| " + round + " " + pair.get(0).row() + " — |");
                        System.out.println("| " + round + " " + pair.get(1).row() + String.format(Locale.ROOT, " %+.0f%% |", (ratio - 1) * 100));
                    }
                    Collections.sort(ratios);
                    System.out.printf(Locale.ROOT, "| median | p50 through the edge vs direct | %s | | | | | | %+.0f%% |%n",
                            args[i], (ratios.get(ratios.size() / 2) - 1) * 100);
                }
            } finally {
                for (KeepAliveHttp connection : connections) {
                    connection.close();
                }
                channel.shutdownNow();
            }
        }
        System.exit(0); // the in-JVM devstack's threads
    }

    private static Path jar(String module) {
        return Path.of(module, "target", "quarkus-app", "quarkus-run.jar");
    }

    /** Uploads a few bytes (a PUT to the signed URL) and reports them transcoded, as transcode-service would: a READY PUBLIC video. */
    private static String readyVideo(ManagedChannel channel, String uploadBaseUrl, DevstackSettings stack) throws Exception {
        Metadata auth = new Metadata();
        auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + TestIdentity.shared().token("bench-user", Set.of("user")));
        var uploads = UploadServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
        byte[] file = new byte[1024];
        InitiateUploadResponse session = uploads.initiateUpload(InitiateUploadRequest.newBuilder().setTitle("edge bench")
                .setSizeBytes(file.length).setContentType("video/mp4").setVisibility(Visibility.VISIBILITY_PUBLIC).build());
        HttpResponse<String> put = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(session.getUploadUrl().replaceFirst("^https?://[^/]+", uploadBaseUrl)))
                .header("Content-Range", "bytes 0-" + (file.length - 1) + "/" + file.length)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT answered " + put.statusCode() + ": " + put.body());
        }
        String videoId = uploads.completeUpload(CompleteUploadRequest.newBuilder().setUploadId(session.getUploadId()).build())
                .getVideo().getVideoId();
        VideoTranscoded transcoded = VideoTranscoded.newBuilder().setVideoId(videoId).setJobId(UUID.randomUUID().toString())
                .setAttempt(1).addRenditions(RenditionOutput.newBuilder().setName("240p").setWidth(426).setHeight(240)
                        .setBandwidthBps(900_000).setCodecs("avc1.64001e,mp4a.40.2"))
                .setDuration(com.google.protobuf.Duration.newBuilder().setSeconds(4)).setHlsPrefix("hls/" + videoId + "/")
                .setPosterKey("hls/" + videoId + "/poster.jpg").build();
        EventEnvelope envelope = EventEnvelope.newBuilder().setEventId(UUID.randomUUID().toString())
                .setEventType("video.transcoded").setProducer("bench").setAggregateKey(videoId)
                .setTrace(TraceContext.getDefaultInstance()).setVideoTranscoded(transcoded).build();
        new TopicProbe(stack.kafkaBootstrapServers()).publish("video.transcoded", videoId, envelope.toByteArray());
        var videos = VideoServiceGrpc.newBlockingStub(channel);
        for (int i = 0; i < 200; i++) {
            if (videos.getVideo(GetVideoRequest.newBuilder().setVideoId(videoId).build()).getStatus()
                    == VideoStatus.VIDEO_STATUS_READY) {
                return videoId;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the bench video never became READY");
    }

    private static KeepAliveHttp open(URI url) {
        try {
            return new KeepAliveHttp(url);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
