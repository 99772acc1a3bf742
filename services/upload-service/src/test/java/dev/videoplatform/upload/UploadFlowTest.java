package dev.videoplatform.upload;

import static dev.videoplatform.upload.UploadClient.CHUNK;
import static dev.videoplatform.upload.UploadClient.assertStatus;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.FieldMask;
import dev.videoplatform.events.v1.EventEnvelope;
import dev.videoplatform.events.v1.VideoTranscodeRequested;
import dev.videoplatform.events.v1.VideoUploaded;
import dev.videoplatform.platform.blob.BlobKeys;
import dev.videoplatform.platform.blob.BlobStore;
import dev.videoplatform.platform.events.EventEnvelopes;
import dev.videoplatform.upload.service.UploadSweeper;
import dev.videoplatform.upload.v1.AbortUploadRequest;
import dev.videoplatform.upload.v1.CompleteUploadRequest;
import dev.videoplatform.upload.v1.GetUploadStatusRequest;
import dev.videoplatform.upload.v1.GetVideoRequest;
import dev.videoplatform.upload.v1.InitiateUploadRequest;
import dev.videoplatform.upload.v1.InitiateUploadResponse;
import dev.videoplatform.upload.v1.UpdateVideoRequest;
import dev.videoplatform.upload.v1.UploadChunkRequest;
import dev.videoplatform.upload.v1.UploadChunkResponse;
import dev.videoplatform.upload.v1.UploadState;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Resumable uploads over gRPC and HTTP against real PostgreSQL, Redis, Kafka and disk. */
@QuarkusTest
class UploadFlowTest {

    @Inject
    Pool pool;

    @Inject
    UploadSweeper sweeper;

    UploadClient client;

    @BeforeEach
    void open() {
        client = UploadClient.newUser();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Inject
    BlobStore blobs;

    /** The bytes stored under a key, read through the store (a directory or a bucket). */
    byte[] stored(String key) throws IOException {
        try (SeekableByteChannel channel = blobs.open(key); InputStream in = Channels.newInputStream(channel)) {
            return in.readAllBytes();
        }
    }

    @Test
    void aMultiChunkGrpcUploadBecomesOneVideoAndExactlyOnePairOfEvents() throws Exception {
        byte[] file = UploadClient.randomBytes(4 * CHUNK + 123);
        InitiateUploadResponse upload = client.initiate(file, Visibility.VISIBILITY_PUBLIC);
        assertEquals(CHUNK, upload.getChunkSizeBytes());
        assertEquals(file.length, client.stream(upload.getUploadId(), file, 0, file.length).getCommittedBytes());

        Video video = client.uploads().completeUpload(CompleteUploadRequest.newBuilder()
                .setUploadId(upload.getUploadId()).build()).getVideo();
        assertEquals(upload.getVideoId(), video.getVideoId());
        assertEquals(VideoStatus.VIDEO_STATUS_PROCESSING, video.getStatus());
        assertEquals(client.userId, video.getChannelId());
        assertArrayEquals(file, stored(BlobKeys.raw(video.getVideoId())));
        // Completing again answers the same video and creates nothing new.
        assertEquals(video.getVideoId(), client.uploads().completeUpload(CompleteUploadRequest.newBuilder()
                .setUploadId(upload.getUploadId()).build()).getVideo().getVideoId());

        List<EventEnvelope> transcodes = UploadClient.events("video.transcode",
                e -> EventEnvelopes.payload(e, VideoTranscodeRequested.class).getVideoId().equals(video.getVideoId()));
        List<EventEnvelope> uploaded = UploadClient.events("video.uploaded",
                e -> EventEnvelopes.payload(e, VideoUploaded.class).getVideoId().equals(video.getVideoId()));
        assertEquals(1, transcodes.size(), "exactly one video.transcode");
        assertEquals(1, uploaded.size(), "exactly one video.uploaded");
        VideoTranscodeRequested request = EventEnvelopes.payload(transcodes.get(0), VideoTranscodeRequested.class);
        assertEquals("raw/" + video.getVideoId(), request.getRawBlobKey());
        assertEquals(5, request.getRenditionsCount(), "the whole ladder by default");
        assertEquals(UploadClient.sha256(file), EventEnvelopes.payload(uploaded.get(0), VideoUploaded.class).getSha256());
    }

    @Test
    void rawBytesCanBePutToTheSignedUrlInRanges() throws Exception {
        // Over 1 MiB and not a multiple of anything: the route gathers the body into 1 MiB
        // writes, so ranges cross write boundaries and end in partial writes.
        byte[] file = UploadClient.randomBytes(3 * 1024 * 1024 + 12_345);
        InitiateUploadResponse upload = client.initiate(file, Visibility.VISIBILITY_PRIVATE);
        HttpClient http = HttpClient.newHttpClient();
        String url = localUrl(upload.getUploadUrl());
        int half = 1024 * 1024 + 524_295;
        HttpResponse<String> first = put(http, url, file, 0, half);
        assertEquals(200, first.statusCode());
        // A filesystem store counts the whole range; S3 counts whole parts, the client goes on from the answer.
        int resume = Math.toIntExact(uploadOffset(first));
        assertEquals(blobs.hasLocalFiles() ? half : half - half % PART, resume);
        HttpResponse<String> second = put(http, url, file, resume, file.length);
        assertEquals(200, second.statusCode(), second.body());
        assertTrue(second.body().contains("\"committed_bytes\":" + file.length), second.body());
        // The same range again overlaps committed bytes: refused.
        assertEquals(409, put(http, url, file, resume, file.length).statusCode());
        // A forged signature is refused before any byte is read.
        assertEquals(403, put(http, url.replaceAll("sig=[0-9a-f]+", "sig=" + "0".repeat(64)), file, 0, half).statusCode());

        Video video = client.uploads().completeUpload(CompleteUploadRequest.newBuilder()
                .setUploadId(upload.getUploadId()).build()).getVideo();
        assertArrayEquals(file, stored(BlobKeys.raw(video.getVideoId())));
    }

    @Test
    void aBrokenPutCountsNothingAndTheUploadResumes() throws Exception {
        byte[] file = UploadClient.randomBytes(3 * 1024 * 1024);
        InitiateUploadResponse upload = client.initiate(file, Visibility.VISIBILITY_PRIVATE);
        String url = localUrl(upload.getUploadUrl());
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> firstPut = put(http, url, file, 0, 1024 * 1024 + 1);
        assertEquals(200, firstPut.statusCode());
        int first = Math.toIntExact(uploadOffset(firstPut));

        // The rest announced, 1.5 MiB of it sent (more than one gathered write), then the connection drops.
        URI target = URI.create(url);
        try (Socket socket = new Socket("127.0.0.1", target.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + target.getRawPath() + "?" + target.getRawQuery() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: " + (file.length - first) + "\r\nContent-Range: bytes " + first + "-"
                    + (file.length - 1) + "/" + file.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(file, first, 1536 * 1024);
            out.flush();
            Thread.sleep(300);
        }
        Thread.sleep(300);
        assertEquals(first, client.uploads().getUploadStatus(GetUploadStatusRequest.newBuilder()
                .setUploadId(upload.getUploadId()).build()).getCommittedBytes(), "nothing of the broken body counts");

        assertEquals(200, put(http, url, file, first, file.length).statusCode());
        Video video = client.uploads().completeUpload(CompleteUploadRequest.newBuilder()
                .setUploadId(upload.getUploadId()).setSha256(UploadClient.sha256(file)).build()).getVideo();
        assertArrayEquals(file, stored(BlobKeys.raw(video.getVideoId())));
    }

    /** Test part size on S3 (application.properties): the committed count moves a part at a time. */
    static final int PART = 5 * 1024 * 1024;

    /** The smallest write that moves the committed count: a chunk on a filesystem store, a part on S3. */
    private int unit() {
        return blobs.hasLocalFiles() ? CHUNK : PART;
    }

    dev.videoplatform.upload.v1.Upload status(InitiateUploadResponse upload) {
        return client.uploads().getUploadStatus(GetUploadStatusRequest.newBuilder().setUploadId(upload.getUploadId()).build());
    }

    private static long uploadOffset(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("Upload-Offset").orElseThrow());
    }

    /** Multipart uploads in progress for a video's raw key (S3); none on a filesystem store. */
    private List<String> multipartUploads(String videoId) throws IOException {
        return blobs.multipartUploads().isEmpty() ? List.of()
                : blobs.multipartUploads().get().inProgress(BlobKeys.raw(videoId));
    }

    static String localUrl(String uploadUrl) {
        return uploadUrl.replace("http://localhost:8102", "http://127.0.0.1:"
                + org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class));
    }

    static HttpResponse<String> put(HttpClient http, String url, byte[] file, int from, int to) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + file.length)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Arrays.copyOfRange(file, from, to))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anInterruptedStreamResumesFromTheCommittedCount() throws Exception {
        int sent = blobs.hasLocalFiles() ? 3 * CHUNK : PART + CHUNK;
        byte[] file = UploadClient.randomBytes(sent + 3 * CHUNK);
        InitiateUploadResponse upload = client.initiate(file, Visibility.VISIBILITY_PRIVATE);
        CompletableFuture<UploadChunkResponse> broken = new CompletableFuture<>();
        StreamObserver<UploadChunkRequest> requests = client.uploadsAsync().uploadChunk(UploadClient.observer(broken));
        for (int offset = 0; offset < sent; offset += CHUNK) {
            requests.onNext(UploadChunkRequest.newBuilder().setUploadId(upload.getUploadId()).setOffset(offset)
                    .setData(ByteString.copyFrom(file, offset, CHUNK)).build());
        }
        if (blobs.hasLocalFiles()) {
            Thread.sleep(500); // the chunks reach the partial file; they count when the stream breaks
        } else {
            // on S3 a part counts once acknowledged, while the stream is still open
            for (int i = 0; i < 200 && status(upload).getCommittedBytes() == 0; i++) {
                Thread.sleep(50);
            }
        }
        requests.onError(Status.CANCELLED.withDescription("network went away").asRuntimeException());

        long committed = -1;
        for (int i = 0; i < 50; i++) {
            long now = status(upload).getCommittedBytes();
            if (now == committed) {
                break;
            }
            committed = now;
            Thread.sleep(100);
        }
        assertTrue(committed > 0 && committed <= sent && committed % unit() == 0, "committed " + committed);
        client.stream(upload.getUploadId(), file, (int) committed, file.length);
        Video video = client.uploads().completeUpload(CompleteUploadRequest.newBuilder()
                .setUploadId(upload.getUploadId()).build()).getVideo();
        assertArrayEquals(file, stored(BlobKeys.raw(video.getVideoId())));
    }

    @Test
    void overlappingAndSkippingChunksAreRefused() throws Exception {
        int unit = unit();
        byte[] file = UploadClient.randomBytes(unit + 3 * CHUNK);
        InitiateUploadResponse upload = client.initiate(file, Visibility.VISIBILITY_PRIVATE);
        client.stream(upload.getUploadId(), file, 0, unit);
        StatusRuntimeException overlap = assertThrows(StatusRuntimeException.class,
                () -> client.stream(upload.getUploadId(), file, 0, CHUNK));
        assertEquals(Status.Code.FAILED_PRECONDITION, overlap.getStatus().getCode());
        assertTrue(overlap.getStatus().getDescription().contains("resume at " + unit), overlap.getStatus().getDescription());
        StatusRuntimeException gap = assertThrows(StatusRuntimeException.class,
                () -> client.stream(upload.getUploadId(), file, unit + CHUNK, unit + 2 * CHUNK));
        assertEquals(Status.Code.FAILED_PRECONDITION, gap.getStatus().getCode());
        assertEquals(unit, client.uploads().getUploadStatus(GetUploadStatusRequest.newBuilder()
                .setUploadId(upload.getUploadId()).build()).getCommittedBytes());
        assertStatus(Status.Code.FAILED_PRECONDITION, "UPLOAD_INCOMPLETE", () -> client.uploads()
                .completeUpload(CompleteUploadRequest.newBuilder().setUploadId(upload.getUploadId()).build()));
    }

    @Test
    void aChecksumMismatchIsRefused() throws Exception {
        byte[] file = UploadClient.randomBytes(CHUNK + 5);
        InitiateUploadResponse upload = client.uploads().initiateUpload(InitiateUploadRequest.newBuilder()
                .setTitle("t").setSizeBytes(file.length).setContentType("video/mp4")
                .setSha256(UploadClient.sha256(new byte[] {1, 2, 3})).build());
        client.stream(upload.getUploadId(), file, 0, file.length);
        assertStatus(Status.Code.FAILED_PRECONDITION, "CHECKSUM_MISMATCH", () -> client.uploads()
                .completeUpload(CompleteUploadRequest.newBuilder().setUploadId(upload.getUploadId()).build()));
        assertTrue(blobs.stat(BlobKeys.raw(upload.getVideoId())).isEmpty(), "nothing was published");
        if (!blobs.hasLocalFiles()) {
            // On S3 the refused bytes are gone: the same session takes the upload again from byte 0.
            assertEquals(0, client.uploads().getUploadStatus(GetUploadStatusRequest.newBuilder()
                    .setUploadId(upload.getUploadId()).build()).getCommittedBytes());
            assertEquals(List.of(), multipartUploads(upload.getVideoId()));
            client.stream(upload.getUploadId(), file, 0, file.length);
            assertStatus(Status.Code.FAILED_PRECONDITION, "CHECKSUM_MISMATCH", () -> client.uploads()
                    .completeUpload(CompleteUploadRequest.newBuilder().setUploadId(upload.getUploadId()).build()));
            client.stream(upload.getUploadId(), file, 0, file.length);
            Video video = client.uploads().completeUpload(CompleteUploadRequest.newBuilder()
                    .setUploadId(upload.getUploadId()).setSha256(UploadClient.sha256(file)).build()).getVideo();
            assertArrayEquals(file, stored(BlobKeys.raw(video.getVideoId())));
        }
    }

    @Test
    void oversizeIsRefusedAtInitiateAndAtUpload() throws Exception {
        StatusRuntimeException tooBig = assertStatus(Status.Code.INVALID_ARGUMENT, null, () -> client.uploads()
                .initiateUpload(InitiateUploadRequest.newBuilder().setTitle("big").setSizeBytes(10485761)
                        .setContentType("video/mp4").build()));
        assertEquals(List.of("size_bytes"), UploadClient.violatedFields(tooBig));
        byte[] file = UploadClient.randomBytes(1000);
        InitiateUploadResponse upload = client.initiate(Arrays.copyOf(file, 100), Visibility.VISIBILITY_PRIVATE);
        StatusRuntimeException beyond = assertThrows(StatusRuntimeException.class,
                () -> client.stream(upload.getUploadId(), file, 0, file.length));
        assertEquals(Status.Code.INVALID_ARGUMENT, beyond.getStatus().getCode());
    }

    @Test
    void badMetadataIsRefusedFieldByField() {
        StatusRuntimeException e = assertStatus(Status.Code.INVALID_ARGUMENT, null, () -> client.uploads()
                .initiateUpload(InitiateUploadRequest.newBuilder().setTitle("x".repeat(101)).setSizeBytes(10)
                        .setContentType("text/plain").addAllTags(java.util.Collections.nCopies(16, "tag"))
                        .addRenditions("4k").build()));
        assertEquals(List.of("title", "tags", "content_type", "renditions[0]"), UploadClient.violatedFields(e));
    }

    @Test
    void anExpiredSessionIsSweptWithItsBytes() throws Exception {
        byte[] file = UploadClient.randomBytes(unit() + CHUNK);
        InitiateUploadResponse upload = client.initiate(file, Visibility.VISIBILITY_PRIVATE);
        client.stream(upload.getUploadId(), file, 0, unit());
        Path partial = blobs.scratchDirectory().resolve("uploads").resolve(upload.getUploadId() + ".part");
        // Filesystem: a partial file; S3: a multipart upload in the bucket and nothing on this machine.
        assertEquals(blobs.hasLocalFiles(), Files.exists(partial));
        assertEquals(blobs.hasLocalFiles() ? 0 : 1, multipartUploads(upload.getVideoId()).size());
        assertEquals(blobs.hasLocalFiles() ? 1 : 0, localFiles(upload.getUploadId()));
        pool.preparedQuery("UPDATE upload_sessions SET expires_at = now() - interval '1 second' WHERE id = $1")
                .execute(Tuple.of(upload.getUploadId())).await().indefinitely();
        assertTrue(sweeper.sweep().await().indefinitely() >= 1);
        assertFalse(Files.exists(partial), "partial bytes removed");
        assertEquals(List.of(), multipartUploads(upload.getVideoId()), "multipart upload aborted");
        assertEquals(UploadState.UPLOAD_STATE_EXPIRED, client.uploads().getUploadStatus(GetUploadStatusRequest
                .newBuilder().setUploadId(upload.getUploadId()).build()).getState());
        assertStatus(Status.Code.FAILED_PRECONDITION, "UPLOAD_NOT_ACTIVE",
                () -> { try { client.stream(upload.getUploadId(), file, unit(), file.length); } catch (RuntimeException e) { throw e; } catch (Exception e) { throw new RuntimeException(e); } });
    }

    @Test
    void anAbortedSessionLeavesNoBytes() throws Exception {
        byte[] file = UploadClient.randomBytes(unit() + CHUNK);
        InitiateUploadResponse upload = client.initiate(file, Visibility.VISIBILITY_PRIVATE);
        client.stream(upload.getUploadId(), file, 0, unit());
        assertEquals(blobs.hasLocalFiles() ? 0 : 1, multipartUploads(upload.getVideoId()).size());
        assertEquals(UploadState.UPLOAD_STATE_ABORTED, client.uploads().abortUpload(AbortUploadRequest.newBuilder()
                .setUploadId(upload.getUploadId()).build()).getUpload().getState());
        assertEquals(List.of(), multipartUploads(upload.getVideoId()), "multipart upload aborted");
        assertEquals(0, localFiles(upload.getUploadId()), "no local bytes left");
        assertTrue(blobs.stat(BlobKeys.raw(upload.getVideoId())).isEmpty());
    }

    /** Files in the upload scratch area that belong to a session. */
    private long localFiles(String uploadId) throws IOException {
        Path uploads = blobs.scratchDirectory().resolve("uploads");
        if (!Files.isDirectory(uploads)) {
            return 0;
        }
        try (var files = Files.list(uploads)) {
            return files.filter(f -> f.getFileName().toString().startsWith(uploadId + ".")).count();
        }
    }

    @Test
    void anotherUsersUploadDoesNotExistForYou() throws Exception {
        byte[] file = UploadClient.randomBytes(100);
        InitiateUploadResponse upload = client.initiate(file, Visibility.VISIBILITY_PRIVATE);
        try (UploadClient other = UploadClient.newUser()) {
            assertStatus(Status.Code.NOT_FOUND, "UPLOAD_NOT_FOUND", () -> other.uploads()
                    .getUploadStatus(GetUploadStatusRequest.newBuilder().setUploadId(upload.getUploadId()).build()));
        }
    }

    @Test
    void aNulInAVideoIdIsInvalidArgument() {
        StatusRuntimeException e = assertStatus(Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT",
                () -> client.videos().getVideo(GetVideoRequest.newBuilder().setVideoId("\u0000").build()));
        assertEquals(List.of("video_id"), UploadClient.violatedFields(e));
    }

    @Test
    void aNulInANewTitleIsInvalidArgument() throws Exception {
        Video video = client.uploadVideo(Visibility.VISIBILITY_PRIVATE);
        StatusRuntimeException e = assertStatus(Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT",
                () -> client.videos().updateVideo(UpdateVideoRequest.newBuilder()
                        .setVideo(Video.newBuilder().setVideoId(video.getVideoId()).setTitle("nul\u0000title"))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("title")).build()));
        assertEquals(List.of("video.title"), UploadClient.violatedFields(e));
    }

    @Test
    void aNulInAStreamedChunkEndsTheStreamWithInvalidArgument() throws Exception {
        byte[] file = UploadClient.randomBytes(2 * CHUNK);
        String uploadId = client.initiate(file, Visibility.VISIBILITY_PRIVATE).getUploadId();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> client.stream(uploadId + "\u0000", file, 0, file.length));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), e.getStatus().toString());
        assertEquals(List.of("upload_id"), UploadClient.violatedFields(e));
        // The refused stream left the session as it was: it resumes from 0.
        assertEquals(file.length, client.stream(uploadId, file, 0, file.length).getCommittedBytes());
    }

    @Test
    void numbersTooLargeForTheSignedPutAre400WithAJsonError() throws Exception {
        byte[] file = UploadClient.randomBytes(1000);
        String url = localUrl(client.initiate(file, Visibility.VISIBILITY_PRIVATE).getUploadUrl());
        HttpClient http = HttpClient.newHttpClient();
        assertJsonError(put(http, url, "bytes 0-99999999999999999999/" + file.length));
        assertJsonError(put(http, url, "bytes 99999999999999999999-1/" + file.length));
        assertJsonError(put(http, url, "bytes 0-999/99999999999999999999"));
        assertJsonError(put(http, url.replaceFirst("max=\\d+", "max=99999999999999999999"), "bytes 0-999/1000"));
        assertJsonError(put(http, url.replaceFirst("expires=\\d+", "expires=99999999999999999999"), "bytes 0-999/1000"));
    }

    static HttpResponse<String> put(HttpClient http, String url, String contentRange) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Range", contentRange)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[1000])).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertJsonError(HttpResponse<String> response) {
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), response.body());
        assertEquals(400, new io.vertx.core.json.JsonObject(response.body()).getInteger("code"), response.body());
    }
}
