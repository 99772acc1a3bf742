package dev.videoplatform.upload;

import com.google.protobuf.ByteString;
import dev.videoplatform.devstack.GrpcStatusAssertions;
import dev.videoplatform.devstack.TestIdentity;
import dev.videoplatform.devstack.TestServiceIdentity;
import dev.videoplatform.devstack.TopicProbe;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.upload.v1.CompleteUploadRequest;
import dev.videoplatform.upload.v1.InitiateUploadRequest;
import dev.videoplatform.upload.v1.InitiateUploadResponse;
import dev.videoplatform.upload.v1.UploadChunkRequest;
import dev.videoplatform.upload.v1.UploadChunkResponse;
import dev.videoplatform.upload.v1.UploadServiceGrpc;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoServiceGrpc;
import dev.videoplatform.upload.v1.Visibility;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.microprofile.config.ConfigProvider;

/** A gRPC client of the service under test, acting for one user, with shared test helpers. */
final class UploadClient implements AutoCloseable {

    static final int CHUNK = 65536;

    final ManagedChannel channel;
    final String userId;
    private final String token;

    UploadClient(String userId, Set<String> roles) {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        this.userId = userId;
        this.token = TestIdentity.shared().token(userId, roles);
    }

    static UploadClient newUser() {
        return new UploadClient("user-" + UUID.randomUUID(), Set.of("user"));
    }

    private Metadata headers() {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return headers;
    }

    UploadServiceGrpc.UploadServiceBlockingStub uploads() {
        return UploadServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers()));
    }

    UploadServiceGrpc.UploadServiceStub uploadsAsync() {
        return UploadServiceGrpc.newStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers()));
    }

    VideoServiceGrpc.VideoServiceBlockingStub videos() {
        return VideoServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers()));
    }

    /** VideoService as another service calls it: with that service's token, for upload-service. */
    VideoServiceGrpc.VideoServiceBlockingStub videosAsService(String service) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
                "Bearer " + TestServiceIdentity.token(service, "upload"));
        return VideoServiceGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    /** VideoService called with no token at all. */
    VideoServiceGrpc.VideoServiceBlockingStub videosAnonymously() {
        return VideoServiceGrpc.newBlockingStub(channel);
    }

    static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    InitiateUploadResponse initiate(byte[] file, Visibility visibility) {
        return uploads().initiateUpload(InitiateUploadRequest.newBuilder().setTitle("Test clip").setSizeBytes(file.length)
                .setContentType("video/mp4").setVisibility(visibility).setSha256(sha256(file)).build());
    }

    /** Streams {@code bytes[from..to)} in CHUNK-sized messages starting at {@code from}. */
    UploadChunkResponse stream(String uploadId, byte[] bytes, int from, int to) throws Exception {
        CompletableFuture<UploadChunkResponse> result = new CompletableFuture<>();
        StreamObserver<UploadChunkRequest> requests = uploadsAsync().uploadChunk(observer(result));
        for (int offset = from; offset < to; offset += CHUNK) {
            int end = Math.min(to, offset + CHUNK);
            requests.onNext(UploadChunkRequest.newBuilder().setUploadId(uploadId).setOffset(offset)
                    .setData(ByteString.copyFrom(bytes, offset, end - offset)).build());
        }
        requests.onCompleted();
        try {
            return result.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    static <T> StreamObserver<T> observer(CompletableFuture<T> result) {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
                result.complete(value);
            }

            @Override
            public void onError(Throwable t) {
                result.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                result.complete(null);
            }
        };
    }

    /** A video in PROCESSING: uploaded over gRPC and completed. */
    Video uploadVideo(Visibility visibility) throws Exception {
        byte[] file = randomBytes(3 * CHUNK + 17);
        InitiateUploadResponse upload = initiate(file, visibility);
        stream(upload.getUploadId(), file, 0, file.length);
        return uploads().completeUpload(CompleteUploadRequest.newBuilder().setUploadId(upload.getUploadId()).build()).getVideo();
    }

    static TopicProbe topics() {
        return new TopicProbe(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    static void publish(EventEnvelope envelope) {
        topics().publish(envelope.getEventType(), envelope.getAggregateKey(), envelope.toByteArray());
    }

    static List<EventEnvelope> events(String topic, Predicate<EventEnvelope> wanted) {
        return topics().collect(topic, bytes -> wanted.test(EventEnvelopes.parse(bytes)), Duration.ofSeconds(2),
                Duration.ofSeconds(30)).stream().map(EventEnvelopes::parse).toList();
    }

    static StatusRuntimeException assertStatus(Status.Code code, String reason, Runnable call) {
        return GrpcStatusAssertions.assertStatus(code, reason, call);
    }

    static List<String> violatedFields(StatusRuntimeException e) {
        return GrpcStatusAssertions.violatedFields(e);
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
