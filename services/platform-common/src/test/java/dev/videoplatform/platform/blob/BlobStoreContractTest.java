package dev.videoplatform.platform.blob;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.S3ProxyProcess;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** What every {@link BlobStore} promises, checked on a directory and on a real S3 API server (S3Proxy). */
class BlobStoreContractTest {

    enum Backend {
        FILESYSTEM,
        S3
    }

    /** A store on a fresh bucket; small multipart threshold so multipart puts run on small files. */
    static final long TEST_MULTIPART_THRESHOLD = 6L << 20;

    @TempDir
    Path tmp;

    private final List<AutoCloseable> opened = new java.util.ArrayList<>();

    record TestS3(Optional<String> bucket, Optional<URI> endpoint, String region, boolean pathStyle,
            Optional<String> accessKeyId, Optional<String> secretAccessKey) implements BlobStoreProducer.S3Config {
    }

    /** The backends each test runs on; a subclass that hides this runs on fewer. */
    static Stream<Backend> backends() {
        return Stream.of(Backend.values());
    }

    /** A fresh bucket on the JVM's S3Proxy, path-style (the server is 127.0.0.1). */
    TestS3 s3Config(String bucket) {
        S3ProxyProcess server = S3ProxyProcess.shared();
        return new TestS3(Optional.of(server.createBucket(bucket)), Optional.of(URI.create(server.endpoint())),
                S3ProxyProcess.REGION, true, Optional.of(S3ProxyProcess.ACCESS_KEY), Optional.of(S3ProxyProcess.SECRET_KEY));
    }

    BlobStore store(Backend backend) throws IOException {
        if (backend == Backend.FILESYSTEM) {
            return new FilesystemBlobStore(tmp.resolve("blobs"));
        }
        TestS3 config = s3Config("contract-" + UUID.randomUUID());
        S3Client client = BlobStoreProducer.client(config);
        opened.add(client);
        S3Presigner presigner = BlobStoreProducer.presigner(config);
        opened.add(presigner);
        return new S3BlobStore(client, presigner, config.bucket().orElseThrow(), tmp.resolve("scratch"),
                TEST_MULTIPART_THRESHOLD);
    }

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void multipartUploadsAreAssembledFromPartsAndAbortedWithoutTrace(Backend backend) throws IOException {
        BlobStore store = store(backend);
        assertEquals(backend == Backend.S3, store.multipartUploads().isPresent(), "only S3 has multipart uploads");
        if (store.multipartUploads().isEmpty()) {
            return;
        }
        MultipartUploads uploads = store.multipartUploads().get();
        byte[] bytes = new byte[(int) MultipartUploads.MIN_PART_SIZE + 1234];
        new Random(7).nextBytes(bytes);
        String key = "raw/multipart";
        String id = uploads.create(key);
        assertEquals(List.of(id), uploads.inProgress(key));
        int first = (int) MultipartUploads.MIN_PART_SIZE;
        ByteBuffer firstPart = ByteBuffer.wrap(bytes, 0, first);
        List<MultipartUploads.Part> parts = List.of(
                new MultipartUploads.Part(1, uploads.uploadPart(key, id, 1, firstPart), first),
                // A direct buffer, as a caller holding off-heap memory would pass.
                new MultipartUploads.Part(2, uploads.uploadPart(key, id, 2,
                        ByteBuffer.allocateDirect(bytes.length - first).put(bytes, first, bytes.length - first).flip()),
                        bytes.length - first));
        assertEquals(first, firstPart.remaining(), "the part is read, not consumed");
        assertTrue(store.stat(key).isEmpty(), "nothing is readable before completion");
        uploads.complete(key, id, parts);
        assertEquals(List.of(), uploads.inProgress(key));
        try (SeekableByteChannel channel = store.open(key)) {
            assertArrayEquals(bytes, java.nio.channels.Channels.newInputStream(channel).readAllBytes());
        }

        String aborted = uploads.create("raw/aborted");
        uploads.uploadPart("raw/aborted", aborted, 1, ByteBuffer.wrap(bytes, 0, 1000));
        uploads.abort("raw/aborted", aborted);
        uploads.abort("raw/aborted", aborted);
        assertEquals(List.of(), uploads.inProgress("raw/aborted"));
        assertTrue(store.stat("raw/aborted").isEmpty());
    }

    @Test
    void aRangedReadOfAnObjectThatChangedSizeFails() throws IOException {
        BlobStore store = store(Backend.S3);
        store.put("hls/v1/seg.ts", Files.writeString(store.scratchDirectory().resolve("a"), "0123456789"));
        long statSize = store.stat("hls/v1/seg.ts").orElseThrow().size();
        store.put("hls/v1/seg.ts", Files.writeString(store.scratchDirectory().resolve("b"), "01234"));
        IOException failure = assertThrows(IOException.class, () -> store.readRange("hls/v1/seg.ts", 2, statSize - 2).close());
        assertTrue(failure.getMessage().contains("the object changed"), failure.getMessage());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void putStatRangedReadListDelete(Backend backend) throws IOException {
        BlobStore store = store(backend);
        Path file = Files.writeString(store.scratchDirectory().resolve("upload"), "0123456789");
        store.put("raw/v1", file);
        assertEquals(10, store.stat("raw/v1").orElseThrow().size());
        assertFalse(Files.exists(file), "put consumes the local file");
        try (SeekableByteChannel channel = store.open("raw/v1")) {
            assertEquals(10, channel.size());
            ByteBuffer buffer = ByteBuffer.allocate(3);
            channel.position(4).read(buffer);
            assertEquals("456", new String(buffer.array(), StandardCharsets.US_ASCII));
            buffer.clear();
            channel.position(1).read(buffer);
            assertEquals("123", new String(buffer.array(), StandardCharsets.US_ASCII), "a seek back reads from there");
            assertEquals(-1, channel.position(10).read(ByteBuffer.allocate(1)));
        }
        try (InputStream range = store.readRange("raw/v1", 3, 4)) {
            assertEquals("3456", new String(range.readNBytes(4), StandardCharsets.US_ASCII));
        }
        assertEquals(List.of("raw/v1"), store.list("raw/"));
        store.delete("raw/v1");
        assertTrue(store.stat("raw/v1").isEmpty());
        assertThrows(NoSuchFileException.class, () -> store.open("raw/v1"));
        assertThrows(NoSuchFileException.class, () -> store.readRange("raw/v1", 0, 4).close());
        store.delete("raw/never-there");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aLargeFileArrivesWhole(Backend backend) throws IOException {
        BlobStore store = store(backend);
        byte[] content = new byte[(int) TEST_MULTIPART_THRESHOLD + S3BlobStore.PART_SIZE / 2 + 17];
        new Random(7).nextBytes(content);
        store.put("raw/big", Files.write(store.scratchDirectory().resolve("big"), content));
        assertEquals(content.length, store.stat("raw/big").orElseThrow().size());
        try (SeekableByteChannel channel = store.open("raw/big")) {
            ByteBuffer all = ByteBuffer.allocate(content.length);
            while (all.hasRemaining() && channel.read(all) > 0) {
                // read to the end
            }
            assertArrayEquals(content, all.array());
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aPublishedDirectoryReplacesThePreviousOneWhole(Backend backend) throws IOException {
        BlobStore store = store(backend);
        Path first = Files.createDirectories(store.scratchDirectory().resolve("first"));
        Files.createDirectories(first.resolve("240p"));
        Files.writeString(first.resolve("master.m3u8"), "#EXTM3U v1");
        Files.writeString(first.resolve("240p/old.ts"), "x");
        store.publishDirectory(first, "hls/v1/", List.of("master.m3u8"));
        assertEquals(List.of("hls/v1/240p/old.ts", "hls/v1/master.m3u8"), store.list("hls/v1/"));
        assertFalse(Files.exists(first), "publishing consumes the directory");
        Path second = Files.createDirectories(store.scratchDirectory().resolve("second"));
        Files.writeString(second.resolve("master.m3u8"), "#EXTM3U v2");
        store.publishDirectory(second, "hls/v1/", List.of("master.m3u8"));
        assertEquals(List.of("hls/v1/master.m3u8"), store.list("hls/v1/"));
        try (SeekableByteChannel channel = store.open("hls/v1/master.m3u8")) {
            ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
            channel.read(buffer);
            assertEquals("#EXTM3U v2", new String(buffer.array(), StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void deletingAVideoRemovesEveryObjectUnderItsKeys(Backend backend) throws IOException {
        BlobStore store = store(backend);
        String video = "v" + UUID.randomUUID();
        store.put(BlobKeys.raw(video), Files.writeString(store.scratchDirectory().resolve("raw"), "raw"));
        Path ladder = Files.createDirectories(store.scratchDirectory().resolve("ladder"));
        for (String rung : List.of("240p", "360p")) {
            Files.createDirectories(ladder.resolve(rung));
            for (int i = 0; i < 5; i++) {
                Files.writeString(ladder.resolve(rung).resolve(String.format(BlobKeys.SEGMENT_PATTERN, i)), "ts");
            }
        }
        Files.writeString(ladder.resolve(BlobKeys.MASTER_PLAYLIST), "#EXTM3U");
        store.publishDirectory(ladder, BlobKeys.ladder(video), BlobKeys.publishedLast());
        store.put("raw/other", Files.writeString(store.scratchDirectory().resolve("other"), "keep"));
        assertEquals(11, store.list(BlobKeys.ladder(video)).size());
        for (String key : BlobKeys.ofVideo(video)) {
            store.delete(key);
        }
        assertEquals(List.of(), store.list(BlobKeys.ladder(video)));
        assertTrue(store.stat(BlobKeys.raw(video)).isEmpty());
        assertTrue(store.stat("raw/other").isPresent(), "another video's blobs stay");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void invalidKeysAreRefusedBeforeAnyRequest(Backend backend) throws IOException {
        BlobStore store = store(backend);
        for (String key : Stream.of("../etc/passwd", "raw/../../x", "/abs", "raw//x", "raw/.hidden", "", "a/b c",
                "raw/%2e%2e").toList()) {
            assertThrows(IllegalArgumentException.class, () -> store.stat(key), key);
            assertThrows(IllegalArgumentException.class, () -> store.delete(key), key);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aPresignedUrlReadsOneObjectAndATamperedOneIsRefused(Backend backend) throws Exception {
        BlobStore store = store(backend);
        store.put("hls/v1/240p/seg_00000.ts", Files.writeString(store.scratchDirectory().resolve("seg"), "segment"));
        Optional<URI> url = store.presignedGet("hls/v1/240p/seg_00000.ts", Duration.ofMinutes(1));
        if (backend == Backend.FILESYSTEM) {
            assertTrue(url.isEmpty(), "a directory has no URLs of its own");
            return;
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(url.orElseThrow()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode());
        assertEquals("segment", ok.body());
        URI tampered = URI.create(url.get().toString().replace("seg_00000.ts", "seg_00001.ts"));
        assertEquals(403, http.send(HttpRequest.newBuilder(tampered).build(), HttpResponse.BodyHandlers.ofString()).statusCode(),
                "a signature covers one object only");
    }
}
