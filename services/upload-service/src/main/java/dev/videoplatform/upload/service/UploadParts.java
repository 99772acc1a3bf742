package dev.videoplatform.upload.service;

import dev.videoplatform.platform.blob.BlobKeys;
import dev.videoplatform.platform.blob.BlobStore;
import dev.videoplatform.platform.blob.MultipartUploads;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.upload.config.UploadConfig;
import dev.videoplatform.upload.repository.UploadSession;
import dev.videoplatform.upload.repository.UploadSessionRepository;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Upload sessions on a store with multipart uploads (S3): a session is a multipart upload of its
 * raw key, and the committed count is the sum of the parts the store acknowledged, so a session
 * lives in the bucket and the database, not on one replica. Bytes wait in a local scratch file
 * until they fill a part (or end the upload); bytes that never became a part are not committed,
 * so a client resumes at the last part boundary. Completion assembles the parts into the raw key
 * and hashes the object as stored.
 */
@ApplicationScoped
public class UploadParts {

    private final BlobStore blobs;
    private final UploadSessionRepository sessions;
    private final UploadConfig config;

    public UploadParts(BlobStore blobs, UploadSessionRepository sessions, UploadConfig config) {
        this.blobs = blobs;
        this.sessions = sessions;
        this.config = config;
    }

    /** Whether sessions are multipart uploads (else a partial file, {@link UploadStorage}). */
    public boolean active() {
        return blobs.multipartUploads().isPresent();
    }

    private MultipartUploads store() {
        return blobs.multipartUploads().orElseThrow();
    }

    /** The part size of a session: fixed when its multipart upload started. */
    public long partSize(UploadSession session) {
        return session.partSizeBytes() > 0 ? session.partSizeBytes() : config.partSizeBytes();
    }

    /** A fresh scratch file for bytes on their way into parts (one per writer, so writers never share one). */
    public Path scratchFile(String uploadId) throws IOException {
        Path directory = Files.createDirectories(blobs.scratchDirectory().resolve("uploads"));
        return Files.createTempFile(directory, uploadId + ".", ".parts");
    }

    /**
     * Uploads bytes {@code [fileOffset, fileOffset + length)} of {@code file} as the parts that
     * start at the committed count {@code offset}, part by part, each counted once acknowledged.
     * A tail shorter than a part that does not end the upload is left uncounted. Returns the
     * committed count.
     */
    @WithSpan
    public Uni<Long> commit(UploadSession session, long offset, Path file, long fileOffset, long length) {
        return started(session).flatMap(s -> {
            long partSize = partSize(s);
            long end = offset + length;
            long partEnd = Math.min(offset + partSize, s.sizeBytes());
            if (partEnd > end) {
                return Uni.createFrom().item(offset);
            }
            int number = Math.toIntExact(offset / partSize) + 1;
            long partLength = partEnd - offset;
            String key = BlobKeys.raw(s.videoId());
            return UploadSessions.blocking(() -> store()
                            .uploadPart(key, s.multipartUploadId(), number, file, fileOffset, partLength))
                    .flatMap(etag -> sessions.advance(s.id(), offset, partEnd, new MultipartUploads.Part(number, etag, partLength)))
                    .flatMap(moved -> {
                        if (!moved) {
                            throw DomainException.failedPrecondition("CONCURRENT_WRITE",
                                    "another writer moved this upload on; ask GetUploadStatus where to resume");
                        }
                        return partEnd == end ? Uni.createFrom().item(partEnd)
                                : commit(s, partEnd, file, fileOffset + partLength, end - partEnd);
                    });
        });
    }

    /** The session with its multipart upload started (by this writer or an earlier one). */
    private Uni<UploadSession> started(UploadSession session) {
        if (session.multipartUploadId() != null) {
            return Uni.createFrom().item(session);
        }
        String key = BlobKeys.raw(session.videoId());
        return UploadSessions.blocking(() -> store().create(key))
                .flatMap(created -> sessions.startMultipart(session.id(), created, config.partSizeBytes())
                        .call(now -> created.equals(now.multipartUploadId()) ? Uni.createFrom().voidItem()
                                : UploadSessions.blocking(() -> {
                                    // another writer started one first: the session uses theirs
                                    store().abort(key, created);
                                    return null;
                                })));
    }

    /**
     * Assembles the parts into the raw key and returns the SHA-256 of the stored object. On a
     * mismatch with {@code expected} the object is deleted and the session starts again at byte 0.
     */
    @WithSpan
    public Uni<String> complete(UploadSession session, String expected) {
        String key = BlobKeys.raw(session.videoId());
        return sessions.parts(session.id()).flatMap(parts -> UploadSessions.blocking(() -> {
            try {
                store().complete(key, session.multipartUploadId(), parts);
            } catch (IOException e) {
                // a retry after a completion whose answer was lost finds the object already whole
                if (blobs.stat(key).filter(info -> info.size() == session.sizeBytes()).isEmpty()) {
                    throw e;
                }
            }
            try (SeekableByteChannel stored = blobs.open(key)) {
                return UploadStorage.sha256(stored);
            }
        })).flatMap(actual -> expected.isEmpty() || expected.equals(actual) ? Uni.createFrom().item(actual)
                : UploadSessions.blocking(() -> {
                    blobs.delete(key);
                    return null;
                }).flatMap(x -> sessions.resetMultipart(session.id())).map(x -> {
                    throw DomainException.failedPrecondition("CHECKSUM_MISMATCH", "the received bytes have SHA-256 "
                            + actual + ", not " + expected + "; they were discarded, upload again from byte 0");
                }));
    }

    /** Drops the session's multipart upload and its parts, if it started one. */
    public void abort(UploadSession session) throws IOException {
        if (active() && session.multipartUploadId() != null) {
            store().abort(BlobKeys.raw(session.videoId()), session.multipartUploadId());
        }
    }
}
