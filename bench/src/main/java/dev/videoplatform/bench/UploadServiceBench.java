package dev.videoplatform.bench;

import com.google.protobuf.ByteString;
import dev.videoplatform.upload.v1.CompleteUploadRequest;
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
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * upload-service benchmark (bench/upload-service.sh starts user- and upload-service): upload
 * throughput of one large file over the gRPC stream and over the signed HTTP PUT, then GetVideo
 * served from the cache beside the gRPC health check. The script runs dd on the same disk in
 * the same run as the throughput baseline.
 *
 * <p>Arguments: user-port upload-port size-MiB seconds.
 */
public final class UploadServiceBench {

    private static final int CHUNK = 4 * 1024 * 1024;

    private UploadServiceBench() {
    }

    public static void main(String[] args) throws Exception {
        int userPort = Integer.parseInt(args[0]);
        int uploadPort = Integer.parseInt(args[1]);
        long size = Long.parseLong(args[2]) * 1024 * 1024;
        Duration measured = Duration.ofSeconds(Long.parseLong(args[3]));
        ManagedChannel users = NettyChannelBuilder.forAddress("127.0.0.1", userPort).usePlaintext().build();
        ManagedChannel uploads = NettyChannelBuilder.forAddress("127.0.0.1", uploadPort).usePlaintext()
                .maxInboundMessageSize(16 * 1024 * 1024).build();
        try {
            String token = login(users);
            Metadata headers = new Metadata();
            headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
            var auth = MetadataUtils.newAttachHeadersInterceptor(headers);
            var uploadStub = UploadServiceGrpc.newBlockingStub(uploads).withInterceptors(auth);
            byte[] block = new byte[CHUNK];
            new Random(42).nextBytes(block);

            InitiateUploadResponse grpcUpload = initiate(uploadStub, size);
            long start = System.nanoTime();
            streamUpload(UploadServiceGrpc.newStub(uploads).withInterceptors(auth), grpcUpload.getUploadId(), size, block);
            double grpcSeconds = (System.nanoTime() - start) / 1e9;
            double mib = size / 1048576.0;
            System.out.println("| path | MiB | seconds | MiB/s |\n| --- | --- | --- | --- |");
            System.out.printf(Locale.ROOT, "| gRPC UploadChunk stream (4 MiB messages) | %.0f | %.2f | %.0f |%n", mib, grpcSeconds, mib / grpcSeconds);
            start = System.nanoTime();
            String videoId = uploadStub.completeUpload(CompleteUploadRequest.newBuilder()
                    .setUploadId(grpcUpload.getUploadId()).build()).getVideo().getVideoId();
            double completeSeconds = (System.nanoTime() - start) / 1e9;

            InitiateUploadResponse httpUpload = initiate(uploadStub, size);
            start = System.nanoTime();
            int status = put(httpUpload.getUploadUrl(), uploadPort, size, block);
            double httpSeconds = (System.nanoTime() - start) / 1e9;
            if (status != 200) {
                throw new IllegalStateException("PUT answered " + status);
            }
            uploadStub.completeUpload(CompleteUploadRequest.newBuilder().setUploadId(httpUpload.getUploadId()).build());

            System.out.printf(Locale.ROOT, "| HTTP PUT to the signed URL (one request) | %.0f | %.2f | %.0f |%n", mib, httpSeconds, mib / httpSeconds);
            System.out.printf(Locale.ROOT, "| CompleteUpload (SHA-256 of the file, move to raw/) | %.0f | %.2f | %.0f |%n", mib, completeSeconds, mib / completeSeconds);

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

    private static String login(ManagedChannel users) {
        String name = "bench" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String password = "benchmark password 123";
        var stub = UserServiceGrpc.newBlockingStub(users);
        stub.register(RegisterRequest.newBuilder().setUsername(name).setEmail(name + "@example.com").setPassword(password).build());
        return stub.login(LoginRequest.newBuilder().setUsernameOrEmail(name).setPassword(password).build()).getAccessToken();
    }

    private static InitiateUploadResponse initiate(UploadServiceGrpc.UploadServiceBlockingStub stub, long size) {
        return stub.initiateUpload(InitiateUploadRequest.newBuilder().setTitle("bench").setSizeBytes(size)
                .setContentType("video/mp4").setVisibility(Visibility.VISIBILITY_PUBLIC).build());
    }

    /** Sends the file as fast as the stream's flow control allows. */
    private static void streamUpload(UploadServiceGrpc.UploadServiceStub stub, String uploadId, long size, byte[] block)
            throws Exception {
        CompletableFuture<UploadChunkResponse> done = new CompletableFuture<>();
        ByteString data = ByteString.copyFrom(block);
        stub.uploadChunk(new ClientResponseObserver<UploadChunkRequest, UploadChunkResponse>() {
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
    }

    private static int put(String url, int port, long size, byte[] block) throws Exception {
        String local = url.replaceFirst("^https?://[^/]+", "http://127.0.0.1:" + port);
        HttpRequest request = HttpRequest.newBuilder(URI.create(local))
                .header("Content-Range", "bytes 0-" + (size - 1) + "/" + size)
                .PUT(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> new RepeatingStream(block, size)), size))
                .build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** {@code size} bytes made of {@code block} repeated, without holding them in memory. */
    private static final class RepeatingStream extends InputStream {
        private final byte[] block;
        private final long size;
        private long position;

        RepeatingStream(byte[] block, long size) {
            this.block = block;
            this.size = size;
        }

        @Override
        public int read() {
            return position < size ? block[(int) (position++ % block.length)] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int start = (int) (position % block.length);
            int n = (int) Math.min(Math.min(len, block.length - start), size - position);
            System.arraycopy(block, start, buffer, off, n);
            position += n;
            return n;
        }
    }
}
