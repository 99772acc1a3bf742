package dev.videoplatform.bench;

import com.google.common.util.concurrent.ListenableFuture;
import dev.videoplatform.upload.v1.CompleteUploadRequest;
import dev.videoplatform.upload.v1.GetVideoRequest;
import dev.videoplatform.upload.v1.InitiateUploadResponse;
import dev.videoplatform.upload.v1.InitiateUploadRequest;
import dev.videoplatform.upload.v1.UploadServiceGrpc;
import dev.videoplatform.upload.v1.VideoServiceGrpc;
import dev.videoplatform.upload.v1.Visibility;
import dev.videoplatform.user.v1.GetUserRequest;
import dev.videoplatform.user.v1.LoginRequest;
import dev.videoplatform.user.v1.RegisterRequest;
import dev.videoplatform.user.v1.UserServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The cached read paths as production runs them, rate limiting on (bench/read-paths.sh starts the
 * services with the default read budget): GetUser and GetVideo from many users, each user reading
 * its own video, at concurrency 32, over 1, 4 and 16 connections, beside the gRPC health check of
 * the same server in the same round, interleaved with it (see {@link #measure}). Every row is
 * judged against the health check of its own round (a paired ratio); a refused or failed call is
 * an error. An uncounted round 0 warms up the JIT first.
 *
 * <p>Arguments: user-port upload-port seconds rounds users.
 */
public final class ReadPathBench {

    private static final int CONCURRENCY = 32;
    private static final int SLICES = 3;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final int[] CONNECTIONS = {1, 4, 16};
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    /** One bench user: its token, its id and a video it owns. */
    private record Reader(String token, String userId, String videoId) {
    }

    private ReadPathBench() {
    }

    public static void main(String[] args) throws Exception {
        int userPort = Integer.parseInt(args[0]);
        int uploadPort = Integer.parseInt(args[1]);
        Duration measured = Duration.ofSeconds(Long.parseLong(args[2]));
        int rounds = Integer.parseInt(args[3]);
        int userCount = Integer.parseInt(args[4]);
        Duration warmup = Duration.ofMillis(500);
        List<Reader> readers = readers(userPort, uploadPort, userCount);
        System.out.printf(Locale.ROOT, "# %d users, each reading its own video and its own profile; concurrency %d%n%n",
                readers.size(), CONCURRENCY);
        System.out.println("| round | call | connections | req/s | vs health (1 conn) | vs same call over 1 conn | p50 ms | p99 ms | errors |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        List<Row> rows = new ArrayList<>();
        // Round 0 warms the JIT of both servers and the client; it is not counted.
        for (int round = 0; round <= rounds; round++) {
            List<Row> measuredRows = new ArrayList<>();
            measuredRows.addAll(measure(round, "UserService/GetUser", userPort, readers, warmup, measured,
                    (channel, reader) -> UserServiceGrpc.newFutureStub(channel).withInterceptors(auth(reader))
                            .getUser(GetUserRequest.newBuilder().setUserId(reader.userId()).build())));
            measuredRows.addAll(measure(round, "VideoService/GetVideo", uploadPort, readers, warmup, measured,
                    (channel, reader) -> VideoServiceGrpc.newFutureStub(channel).withInterceptors(auth(reader))
                            .getVideo(GetVideoRequest.newBuilder().setVideoId(reader.videoId()).build())));
            if (round > 0) {
                rows.addAll(measuredRows);
            }
        }
        System.out.println();
        System.out.println("| call | connections | worst round vs health | worst round vs 1 conn | worst p99 ms | errors |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        for (String call : new String[] {"UserService/GetUser", "VideoService/GetVideo"}) {
            for (int connections : CONNECTIONS) {
                List<Row> mine = rows.stream().filter(r -> r.call().equals(call) && r.connections() == connections).toList();
                System.out.printf(Locale.ROOT, "| %s | %d | %.0f %% | %.0f %% | %.2f | %d |%n", call, connections,
                        100 * mine.stream().mapToDouble(Row::vsHealth).min().orElse(0),
                        100 * mine.stream().mapToDouble(Row::vsOneConnection).min().orElse(0),
                        mine.stream().mapToDouble(Row::p99).max().orElse(0),
                        mine.stream().mapToLong(Row::errors).sum());
            }
        }
    }

    private record Row(String call, int connections, double vsHealth, double vsOneConnection, double p99, long errors) {
    }

    /**
     * One round for one call: the health check over one connection and the call over 1, 4 and 16,
     * in three interleaved slices each (H C1 C4 C16 H C1 C4 C16 …), so that drift on a shared
     * machine hits all four alike; each variant's slices are then added up.
     */
    private static List<Row> measure(int round, String call, int port, List<Reader> readers, Duration warmup,
            Duration measured, CallOf callOf) throws InterruptedException {
        List<Row> rows = new ArrayList<>();
        List<ManagedChannel> channels = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS[CONNECTIONS.length - 1]; i++) {
                channels.add(NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build());
            }
            // One call first: a setup fault shows as its status, not as a row of errors.
            try {
                callOf.call(channels.get(0), readers.get(0)).get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(call + " fails: " + e.getCause().getMessage(), e.getCause());
            }
            var health = HealthGrpc.newFutureStub(channels.get(0));
            Duration slice = measured.dividedBy(SLICES);
            List<LoadResult> healthSlices = new ArrayList<>();
            Map<Integer, List<LoadResult>> callSlices = new HashMap<>();
            for (int i = 0; i < SLICES; i++) {
                healthSlices.add(ClosedLoopLoad.run("grpc.health.v1.Health/Check", CONCURRENCY, warmup, slice,
                        () -> health.check(HealthCheckRequest.getDefaultInstance())));
                for (int connections : CONNECTIONS) {
                    List<ManagedChannel> used = channels.subList(0, connections);
                    AtomicInteger next = new AtomicInteger();
                    callSlices.computeIfAbsent(connections, c -> new ArrayList<>()).add(ClosedLoopLoad.run(call, CONCURRENCY,
                            warmup, slice, () -> {
                                int n = next.getAndIncrement() & Integer.MAX_VALUE;
                                return callOf.call(used.get(n % connections), readers.get(n % readers.size()));
                            }));
                }
            }
            LoadResult baseline = LoadResult.merge(healthSlices);
            print(round, "Health/Check (baseline)", 1, baseline, baseline.requestsPerSecond(), baseline.requestsPerSecond());
            double overOne = LoadResult.merge(callSlices.get(1)).requestsPerSecond();
            for (int connections : CONNECTIONS) {
                LoadResult result = LoadResult.merge(callSlices.get(connections));
                print(round, call, connections, result, baseline.requestsPerSecond(), overOne);
                rows.add(new Row(call, connections, result.requestsPerSecond() / baseline.requestsPerSecond(),
                        result.requestsPerSecond() / overOne, result.percentileMillis(99), result.errors()));
            }
        } finally {
            channels.forEach(ManagedChannel::shutdownNow);
        }
        return rows;
    }

    private static void print(int round, String call, int connections, LoadResult result, double health, double overOne) {
        System.out.printf(Locale.ROOT, "| %d | %s | %d | %.0f | %.0f %% | %.0f %% | %.2f | %.2f | %d |%n", round, call, connections,
                result.requestsPerSecond(), 100 * result.requestsPerSecond() / health, 100 * result.requestsPerSecond() / overOne,
                result.percentileMillis(50), result.percentileMillis(99), result.errors());
    }

    @FunctionalInterface
    private interface CallOf {
        ListenableFuture<?> call(ManagedChannel channel, Reader reader);
    }

    private static io.grpc.ClientInterceptor auth(Reader reader) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + reader.token());
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    /** A one-byte upload sent through its signed URL and completed: a video the reader owns. */
    private static String ownVideo(ManagedChannel uploads, Reader owner, int i) {
        var stub = UploadServiceGrpc.newBlockingStub(uploads).withInterceptors(auth(owner));
        InitiateUploadResponse upload = stub.initiateUpload(InitiateUploadRequest.newBuilder().setTitle("bench " + i)
                .setSizeBytes(1).setContentType("video/mp4").setVisibility(Visibility.VISIBILITY_PUBLIC).build());
        try {
            HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(URI.create(upload.getUploadUrl())).header("Content-Range", "bytes 0-0/1")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[] {42})).build(), HttpResponse.BodyHandlers.ofString());
            if (put.statusCode() != 200) {
                throw new IllegalStateException("PUT answered " + put.statusCode() + ": " + put.body());
            }
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return stub.completeUpload(CompleteUploadRequest.newBuilder().setUploadId(upload.getUploadId())
                .setSha256(HexFormat.of().formatHex(sha256(new byte[] {42}))).build()).getVideo().getVideoId();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Registers and logs in {@code count} users, each with a video of its own. */
    private static List<Reader> readers(int userPort, int uploadPort, int count) {
        ManagedChannel users = NettyChannelBuilder.forAddress("127.0.0.1", userPort).usePlaintext().build();
        ManagedChannel uploads = NettyChannelBuilder.forAddress("127.0.0.1", uploadPort).usePlaintext().build();
        try {
            var userStub = UserServiceGrpc.newBlockingStub(users);
            String run = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
            String password = "benchmark password 123";
            List<Reader> readers = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = "bench" + run + i;
                String userId = userStub.register(RegisterRequest.newBuilder().setUsername(name).setEmail(name + "@example.com")
                        .setPassword(password).build()).getUser().getUserId();
                String token = userStub.login(LoginRequest.newBuilder().setUsernameOrEmail(name).setPassword(password).build())
                        .getAccessToken();
                readers.add(new Reader(token, userId, ownVideo(uploads, new Reader(token, userId, null), i)));
            }
            return readers;
        } finally {
            users.shutdownNow();
            uploads.shutdownNow();
        }
    }
}
