package dev.videoplatform.platform.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * {@link BlobStore} on an S3-compatible bucket (AWS, MinIO, Ceph RGW, GCS interoperability).
 * Objects never change in place for a reader: a put is one PutObject, or a multipart upload
 * completed at the end; a published ladder becomes reachable only when its master playlist is
 * written, after every object it points at. Local work (uploads being received, transcodes)
 * happens in a scratch directory on local disk.
 */
public class S3BlobStore implements BlobStore, MultipartUploads, AutoCloseable {

    /** Files above this go up as multipart uploads (a single PUT is limited to 5 GiB). */
    static final long MULTIPART_THRESHOLD = 64L << 20;
    /** S3's minimum for every part but the last is 5 MiB; larger parts mean fewer requests. */
    static final int PART_SIZE = 8 << 20;
    /** DeleteObjects takes at most this many keys per request. */
    static final int DELETE_BATCH = 1000;

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final Path scratch;
    private final long multipartThreshold;

    public S3BlobStore(S3Client s3, S3Presigner presigner, String bucket, Path scratch) throws IOException {
        this(s3, presigner, bucket, scratch, MULTIPART_THRESHOLD);
    }

    /** With a lower multipart threshold, so tests can exercise multipart puts on small files. */
    S3BlobStore(S3Client s3, S3Presigner presigner, String bucket, Path scratch, long multipartThreshold)
            throws IOException {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
        this.scratch = Files.createDirectories(scratch).toRealPath();
        this.multipartThreshold = multipartThreshold;
    }

    @Override
    public void put(String key, Path file) throws IOException {
        BlobKeys.segments(key);
        long size = Files.size(file);
        try {
            if (size > multipartThreshold) {
                putMultipart(key, file, size);
            } else {
                s3.putObject(b -> b.bucket(bucket).key(key).contentLength(size), RequestBody.fromFile(file));
            }
        } catch (SdkException e) {
            throw failure("writing", key, e);
        }
        Files.deleteIfExists(file);
    }

    private void putMultipart(String key, Path file, long size) throws IOException {
        String uploadId = create(key);
        try {
            List<Part> parts = new ArrayList<>();
            ByteBuffer part = ByteBuffer.allocate(PART_SIZE);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                for (long offset = 0; offset < size; offset += PART_SIZE) {
                    int number = parts.size() + 1;
                    part.clear().limit(Math.toIntExact(Math.min(PART_SIZE, size - offset)));
                    readFully(channel, offset, part);
                    parts.add(new Part(number, uploadPart(key, uploadId, number, part.flip()), part.remaining()));
                }
            }
            complete(key, uploadId, parts);
        } catch (IOException | RuntimeException e) {
            abortQuietly(key, uploadId);
            throw e;
        }
    }

    @Override
    public Optional<MultipartUploads> multipartUploads() {
        return Optional.of(this);
    }

    @Override
    public String create(String key) throws IOException {
        BlobKeys.segments(key);
        try {
            return s3.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        } catch (SdkException e) {
            throw failure("starting a multipart upload of", key, e);
        }
    }

    /** A heap buffer goes up without a copy (the SDK may read it more than once, for a retry). */
    @Override
    public String uploadPart(String key, String uploadId, int number, ByteBuffer part) throws IOException {
        ByteBuffer bytes = part.duplicate();
        int length = bytes.remaining();
        RequestBody body = bytes.hasArray()
                ? RequestBody.fromContentProvider(() -> new ByteArrayInputStream(bytes.array(),
                        bytes.arrayOffset() + bytes.position(), length), length, "application/octet-stream")
                : RequestBody.fromRemainingByteBuffer(bytes);
        try {
            return s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                    .contentLength((long) length), body).eTag();
        } catch (SdkException e) {
            throw failure("uploading part " + number + " of", key, e);
        }
    }

    @Override
    public void complete(String key, String uploadId, List<Part> parts) throws IOException {
        List<CompletedPart> completed = parts.stream()
                .map(p -> CompletedPart.builder().partNumber(p.number()).eTag(p.etag()).build()).toList();
        try {
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(completed)));
        } catch (SdkException e) {
            throw failure("completing the multipart upload of", key, e);
        }
    }

    @Override
    public void abort(String key, String uploadId) throws IOException {
        try {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (NoSuchUploadException gone) {
            // already completed or aborted
        } catch (SdkException e) {
            throw failure("aborting the multipart upload of", key, e);
        }
    }

    @Override
    public List<String> inProgress(String key) throws IOException {
        try {
            return s3.listMultipartUploadsPaginator(b -> b.bucket(bucket).prefix(key)).uploads().stream()
                    .filter(u -> u.key().equals(key)).map(MultipartUpload::uploadId).toList();
        } catch (SdkException e) {
            throw failure("listing multipart uploads of", key, e);
        }
    }

    private static void readFully(FileChannel channel, long offset, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position()) < 0) {
                throw new IOException("file shrank while being uploaded");
            }
        }
    }

    private void abortQuietly(String key, String uploadId) {
        try {
            abort(key, uploadId);
        } catch (IOException ignored) {
            // the bucket's lifecycle rule for incomplete multipart uploads is the second line
        }
    }

    @Override
    public Optional<BlobInfo> stat(String key) throws IOException {
        return head(key).map(h -> new BlobInfo(key, h.contentLength(), h.lastModified().toEpochMilli()));
    }

    private Optional<HeadObjectResponse> head(String key) throws IOException {
        BlobKeys.segments(key);
        try {
            return Optional.of(s3.headObject(b -> b.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("reading", key, e);
        } catch (SdkException e) {
            throw failure("reading", key, e);
        }
    }

    @Override
    public SeekableByteChannel open(String key) throws IOException {
        HeadObjectResponse head = head(key).orElseThrow(() -> new NoSuchFileException(key));
        return new S3ObjectChannel(s3, bucket, key, head.eTag(), head.contentLength());
    }

    /** One ranged GET; its length is checked, so a blob replaced by one of another size fails the read. */
    @Override
    public InputStream readRange(String key, long offset, long length) throws IOException {
        BlobKeys.segments(key);
        if (length <= 0) {
            return InputStream.nullInputStream();
        }
        ResponseInputStream<GetObjectResponse> body;
        try {
            body = s3.getObject(b -> b.bucket(bucket).key(key).range("bytes=" + offset + "-" + (offset + length - 1)));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(key);
        } catch (SdkException e) {
            throw failure("reading", key, e);
        }
        Long answered = body.response().contentLength();
        if (answered == null || answered != length) {
            body.abort();
            throw new IOException(key + ": asked for " + length + " bytes from " + offset + ", the store answers "
                    + answered + " (the object changed)");
        }
        return body;
    }

    @Override
    public Optional<Path> localFile(String key) {
        BlobKeys.segments(key);
        return Optional.empty();
    }

    /** Object keys only: "directory" markers some servers list (S3Proxy's filesystem backend) are no blobs. */
    /** SigV4 query-string signature: the URL works for {@code ttl}, for this one object, for GET only. */
    @Override
    public Optional<URI> presignedGet(String key, Duration ttl) {
        BlobKeys.segments(key);
        try {
            return Optional.of(presigner.presignGetObject(p -> p.signatureDuration(ttl)
                    .getObjectRequest(g -> g.bucket(bucket).key(key))).url().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("the SDK presigned an invalid URL", e);
        }
    }

    @Override
    public boolean hasLocalFiles() {
        return false;
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        BlobKeys.segments(prefix);
        String listed = prefix.endsWith("/") ? prefix : prefix + "/";
        try {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(listed)).contents().stream()
                    .map(S3Object::key).filter(key -> !key.endsWith("/")).sorted().toList();
        } catch (SdkException e) {
            throw failure("listing", prefix, e);
        }
    }

    @Override
    public void delete(String keyOrPrefix) throws IOException {
        BlobKeys.segments(keyOrPrefix);
        if (keyOrPrefix.endsWith("/")) {
            deleteAll(list(keyOrPrefix));
            return;
        }
        try {
            s3.deleteObject(b -> b.bucket(bucket).key(keyOrPrefix));
        } catch (SdkException e) {
            throw failure("deleting", keyOrPrefix, e);
        }
    }

    /** Deletes in batches of {@value #DELETE_BATCH} keys; a key S3 reports as not deleted is an error. */
    private void deleteAll(List<String> keys) throws IOException {
        for (int from = 0; from < keys.size(); from += DELETE_BATCH) {
            List<ObjectIdentifier> batch = keys.subList(from, Math.min(keys.size(), from + DELETE_BATCH)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            try {
                DeleteObjectsResponse response = s3.deleteObjects(b -> b.bucket(bucket)
                        .delete(Delete.builder().objects(batch).quiet(true).build()));
                if (response.hasErrors() && !response.errors().isEmpty()) {
                    throw new IOException("could not delete " + response.errors().size() + " objects, first "
                            + response.errors().get(0).key() + ": " + response.errors().get(0).message());
                }
            } catch (SdkException e) {
                throw failure("deleting", batch.get(0).key(), e);
            }
        }
    }

    /**
     * Everything but {@code lastInOrder} first, then those in order, then the previous
     * publication's leftovers. The old "last" objects are removed before anything is written, so
     * during a republication readers find no master (and a redelivered job no done-marker)
     * rather than a master over a half-replaced ladder.
     */
    @Override
    public void publishDirectory(Path directory, String prefix, List<String> lastInOrder) throws IOException {
        BlobKeys.segments(prefix);
        String base = prefix.endsWith("/") ? prefix : prefix + "/";
        Map<String, Path> files = new LinkedHashMap<>();
        try (Stream<Path> walk = Files.walk(directory)) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                files.put(directory.relativize(file).toString().replace('\\', '/'), file);
            }
        }
        Set<String> previous = new HashSet<>(list(base));
        for (int i = lastInOrder.size() - 1; i >= 0; i--) {
            String name = lastInOrder.get(i);
            if (previous.remove(base + name)) {
                delete(base + name);
            }
        }
        for (Map.Entry<String, Path> file : files.entrySet()) {
            if (!lastInOrder.contains(file.getKey())) {
                put(base + file.getKey(), file.getValue());
            }
        }
        for (String name : lastInOrder) {
            Path file = files.get(name);
            if (file != null) {
                put(base + name, file);
            }
        }
        files.keySet().forEach(name -> previous.remove(base + name));
        deleteAll(previous.stream().sorted().toList());
        FilesystemBlobStore.deleteTree(directory);
    }

    @Override
    public Path scratchDirectory() throws IOException {
        return Files.createDirectories(scratch);
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    private IOException failure(String action, String key, SdkException e) {
        return new IOException(action + " " + key + " in bucket " + bucket + " failed: " + e.getMessage(), e);
    }
}
