package dev.videoplatform.bench;

import com.google.protobuf.ByteString;
import dev.videoplatform.upload.v1.AbortUploadRequest;
import dev.videoplatform.upload.v1.CompleteUploadRequest;
import dev.videoplatform.upload.v1.DeleteVideoRequest;
import dev.videoplatform.upload.v1.GetVideoRequest;
import dev.videoplatform.upload.v1.InitiateUploadRequest;
import dev.videoplatform.upload.v1.InitiateUploadResponse;
import dev.videoplatform.upload.v1.UploadChunkRequest;
import dev.videoplatform.upload.v1.UploadChunkResponse;
import dev.videoplatform.upload.v1.UploadServiceGrpc;
import dev.videoplatform.upload.v1.VideoServiceGrpc;
import dev.videoplatform.upload.v1.Visibility;
import dev.videoplatform.user.v1.LoginRequest;
import dev.videoplatform.user.v1.RegisterRequest;
import dev.videoplatform.user.v1.UserServiceGrpc;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * upload-service benchmark (bench/upload-service.sh starts user- and upload-service): upload
 * throughput of one large file over the gRPC stream and over the signed HTTP PUT, each beside
 * {@code dd} writing the same size into the same directory, in alternating rounds after a warm-up
 * (the server's JIT and the page cache make single runs swing widely); then GetVideo served from
 * the cache beside the gRPC health check. Every upload is completed with the SHA-256 of what was
 * sent, so a fast but lossy path cannot pass, and deleted before the next round.
 *
 * <p>Arguments: user-port upload-port size-MiB seconds-per-load-row work-dir rounds.
 */
public final class UploadServiceBench {

    private static final long WARM_UP_BYTES = 256L * 1024 * 1024;
    private static final long DD_BLOCK = 4L * 1024 * 1024;

    private final UploadServiceGrpc.UploadServiceBlockingStub uploadStub;
    private final UploadServiceGrpc.UploadServiceStub uploadStream;
    private final VideoServiceGrpc.VideoServiceBlockingStub videoStub;
    private final int uploadPort;
    private final byte[] block;

    UploadServiceBench(ManagedChannel uploads, ClientInterceptor auth, int uploadPort, byte[] block) {
        this.uploadStub = UploadServiceGrpc.newBlockingStub(uploads).withInterceptors(auth);
        this.uploadStream = UploadServiceGrpc.newStub(uploads).withInterceptors(auth);
        this.videoStub = VideoServiceGrpc.newBlockingStub(uploads).withInterceptors(auth);
        this.uploadPort = uploadPort;
        this.block = block;
    }

    public static void main(String[] args) throws Exception {
        int userPort = Integer.parseInt(args[0]);
        int uploadPort = Integer.parseInt(args[1]);
        long size = Long.parseLong(args[2]) * 1024 * 1024;
        Duration measured = Duration.ofSeconds(Long.parseLong(args[3]));
        Path workDir = Path.of(args[4]);
        int rounds = Integer.parseInt(args[5]);
        ManagedChannel users = NettyChannelBuilder.forAddress("127.0.0.1", userPort).usePlaintext().build();
        ManagedChannel uploads = NettyChannelBuilder.forAddress("127.0.0.1", uploadPort).usePlaintext()
                .maxInboundMessageSize(16 * 1024 * 1024).build();
        try {
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + login(users));
            ClientInterceptor auth = MetadataUtils.newAttachHeadersInterceptor(headers);
            // Chunks of the size the service asks for, as a client would send them.
            byte[] block = new byte[chunkSize(uploads, auth)];
            new Random(42).nextBytes(block);
            UploadServiceBench bench = new UploadServiceBench(uploads, auth, uploadPort, block);

            bench.delete(bench.complete(bench.grpcUpload(WARM_UP_BYTES), sha256(block, WARM_UP_BYTES)));
            bench.delete(bench.complete(bench.httpUpload(WARM_UP_BYTES), sha256(block, WARM_UP_BYTES)));

            String sha = sha256(block, size);
            double mib = size / 1048576.0;
            List<Double> dd = new ArrayList<>();
            List<Double> grpc = new ArrayList<>();
            List<Double> http = new ArrayList<>();
            List<Double> complete = new ArrayList<>();
            String videoId = null;
            System.out.println("| round | dd MiB/s | gRPC stream MiB/s | vs dd | HTTP PUT MiB/s | vs dd | CompleteUpload MiB/s |");
            System.out.println("| --- | --- | --- | --- | --- | --- | --- |");
            settle();
            for (int round = 1; round <= rounds; round++) {
                dd.add(mib / dd(workDir, size));
                settle();
                long start = System.nanoTime();
                String grpcUpload = bench.grpcUpload(size);
                grpc.add(mib / seconds(start));
                start = System.nanoTime();
                bench.delete(bench.complete(grpcUpload, sha));
                complete.add(mib / seconds(start));
                settle();
                start = System.nanoTime();
                String httpUpload = bench.httpUpload(size);
                http.add(mib / seconds(start));
                if (videoId != null) {
                    bench.delete(videoId);
                }
                videoId = bench.complete(httpUpload, sha);
                settle();
                int i = round - 1;
                System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.0f %% | %.0f | %.0f %% | %.0f |%n", round, dd.get(i),
                        grpc.get(i), 100 * grpc.get(i) / dd.get(i), http.get(i), 100 * http.get(i) / dd.get(i), complete.get(i));
            }
            System.out.printf(Locale.ROOT, "| median | %.0f | %.0f | %.0f %% | %.0f | %.0f %% | %.0f |%n", median(dd),
                    median(grpc), 100 * median(grpc) / median(dd), median(http), 100 * median(http) / median(dd),
                    median(complete));

            var videos = VideoServiceGrpc.newFutureStub(uploads).withInterceptors(auth);
            var health = HealthGrpc.newFutureStub(uploads);
            GetVideoRequest get = GetVideoRequest.newBuilder().setVideoId(videoId).build();
            System.out.println();
            System.out.println(LoadResult.header());
            for (int concurrency : new int[] {1, 32}) {
                System.out.println(ClosedLoopLoad.run("grpc.health.v1.Health/Check (baseline)", concurrency,
                        Duration.ofSeconds(3), measured, () -> health.check(HealthCheckRequest.getDefaultInstance())).row());
                System.out.println(ClosedLoopLoad.run("VideoService/GetVideo (cached)", concurrency, Duration.ofSeconds(3),
                        measured, () -> videos.getVideo(get)).row());
            }
        } finally {
            users.shutdownNow();
            uploads.shutdownNow();
        }
    }

    /** Writes back what earlier steps left dirty, so that no step pays for the one before. */
    private static void settle() throws Exception {
        if (new ProcessBuilder("sync").start().waitFor() != 0) {
            throw new IllegalStateException("sync failed");
        }
    }

    /** Seconds dd takes to write {@code size} bytes into {@code dir} and force them to disk. */
    private static double dd(Path dir, long size) throws Exception {
        Path target = dir.resolve("dd.bin");
        long start = System.nanoTime();
        Process dd = new ProcessBuilder("dd", "if=/dev/zero", "of=" + target, "bs=4M", "count=" + size / DD_BLOCK, "conv=fsync")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (dd.waitFor() != 0) {
            throw new IllegalStateException("dd failed");
        }
        double seconds = seconds(start);
        Files.delete(target);
        return seconds;
    }

    static String login(ManagedChannel users) {
        String name = "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String password = "benchmark password 123";
        var stub = UserServiceGrpc.newBlockingStub(users);
        stub.register(RegisterRequest.newBuilder().setUsername(name).setEmail(name + "@example.com").setPassword(password).build());
        return stub.login(LoginRequest.newBuilder().setUsernameOrEmail(name).setPassword(password).build()).getAccessToken();
    }

    static int chunkSize(ManagedChannel uploads, ClientInterceptor auth) {
        var stub = UploadServiceGrpc.newBlockingStub(uploads).withInterceptors(auth);
        InitiateUploadResponse probe = stub.initiateUpload(InitiateUploadRequest.newBuilder().setTitle("bench probe").setSizeBytes(1)
                .setContentType("video/mp4").setVisibility(Visibility.VISIBILITY_PRIVATE).build());
        stub.abortUpload(AbortUploadRequest.newBuilder().setUploadId(probe.getUploadId()).build());
        return Math.toIntExact(probe.getChunkSizeBytes());
    }

    private InitiateUploadResponse initiate(long size) {
        return uploadStub.initiateUpload(InitiateUploadRequest.newBuilder().setTitle("bench").setSizeBytes(size)
                .setContentType("video/mp4").setVisibility(Visibility.VISIBILITY_PUBLIC).build());
    }

    String complete(String uploadId, String sha256) {
        return uploadStub.completeUpload(CompleteUploadRequest.newBuilder().setUploadId(uploadId).setSha256(sha256).build())
                .getVideo().getVideoId();
    }

    /** Deleting removes the file, so the rounds do not fill the disk. */
    void delete(String videoId) {
        videoStub.deleteVideo(DeleteVideoRequest.newBuilder().setVideoId(videoId).build());
    }

    /** Sends {@code size} bytes as fast as the stream's flow control allows; returns the upload id. */
    String grpcUpload(long size) throws Exception {
        String uploadId = initiate(size).getUploadId();
        CompletableFuture<UploadChunkResponse> done = new CompletableFuture<>();
        ByteString data = ByteString.copyFrom(block);
        uploadStream.uploadChunk(new ClientResponseObserver<UploadChunkRequest, UploadChunkResponse>() {
            private long offset;

            @Override
            public void beforeStart(ClientCallStreamObserver<UploadChunkRequest> requests) {
                requests.setOnReadyHandler(() -> {
                    while (requests.isReady() && offset < size) {
                        int length = (int) Math.min(block.length, size - offset);
                        requests.onNext(UploadChunkRequest.newBuilder().setUploadId(uploadId).setOffset(offset)
                                .setData(length == block.length ? data : data.substring(0, length)).build());
                        offset += length;
                        if (offset == size) {
                            requests.onCompleted();
                        }
                    }
                });
            }

            @Override
            public void onNext(UploadChunkResponse value) {
                done.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(null);
            }
        });
        UploadChunkResponse response = done.get(30, TimeUnit.MINUTES);
        if (response == null || response.getCommittedBytes() != size) {
            throw new IllegalStateException("stream ended at " + (response == null ? "?" : response.getCommittedBytes()));
        }
        return uploadId;
    }

    /**
     * One PUT of {@code size} bytes to the signed URL; returns the upload id. The sender writes
     * straight from direct memory to the socket, as curl would: on two shared cores every cycle
     * a heavier client spends is taken from the server under test.
     */
    String httpUpload(long size) throws Exception {
        InitiateUploadResponse upload = initiate(size);
        URI url = URI.create(upload.getUploadUrl());
        String head = "PUT " + url.getRawPath() + "?" + url.getRawQuery() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Length: " + size + "\r\nContent-Range: bytes 0-" + (size - 1) + "/" + size + "\r\n\r\n";
        ByteBuffer body = ByteBuffer.allocateDirect(block.length);
        try (SocketChannel socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", uploadPort))) {
            socket.write(ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            for (long sent = 0; sent < size; ) {
                body.clear().put(block, 0, (int) Math.min(block.length, size - sent)).flip();
                while (body.hasRemaining()) {
                    sent += socket.write(body);
                }
            }
            ByteBuffer answer = ByteBuffer.allocate(4096);
            socket.read(answer);
            String status = new String(answer.array(), 0, answer.position(), StandardCharsets.US_ASCII).lines().findFirst().orElse("");
            if (!status.startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException("PUT answered " + status);
            }
        }
        return upload.getUploadId();
    }

    /** SHA-256 (hex) of {@code size} bytes made of {@code block} repeated, as the uploads send them. */
    static String sha256(byte[] block, long size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        for (long at = 0; at < size; at += block.length) {
            digest.update(block, 0, (int) Math.min(block.length, size - at));
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
