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
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;

/**
 * Upload sessions on a store with multipart uploads (S3): a session is a multipart upload of its
 * raw key, and the committed count is the sum of the parts the store acknowledged, so a session
 * lives in the bucket and the database, not on one replica. Writers gather bytes in memory until
 * they fill a part (or end the upload), never on local disk; bytes that never became a part are
 * not committed, so a client resumes at the last part boundary. Completion assembles the parts into the raw key
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

    /** The length of the part that starts at the committed count {@code offset}: a whole part, or the rest of the upload. */
    public long partLength(UploadSession session, long offset) {
        return Math.min(partSize(session), session.sizeBytes() - offset);
    }

    /**
     * Uploads {@code part}, the {@link #partLength} bytes that start at the committed count
     * {@code offset}, and moves the committed count over them once the store acknowledged them.
     * Returns the session with its multipart upload started (by this writer or an earlier one),
     * for the next part.
     */
    @WithSpan
    public Uni<UploadSession> commitPart(UploadSession session, long offset, ByteBuffer part) {
        return started(session).flatMap(s -> {
            long length = part.remaining();
            if (offset % partSize(s) != 0 || length != partLength(s, offset)) {
                throw new IllegalArgumentException("bytes [" + offset + ", " + (offset + length) + ") are no part of upload "
                        + s.id() + " (parts of " + partSize(s) + " bytes)");
            }
            int number = Math.toIntExact(offset / partSize(s)) + 1;
            String key = BlobKeys.raw(s.videoId());
            return UploadSessions.blocking(() -> store().uploadPart(key, s.multipartUploadId(), number, part))
                    .flatMap(etag -> sessions.advance(s.id(), offset, offset + length,
                            new MultipartUploads.Part(number, etag, length)))
                    .map(moved -> {
                        if (!moved) {
                            throw DomainException.failedPrecondition("CONCURRENT_WRITE",
                                    "another writer moved this upload on; ask GetUploadStatus where to resume");
                        }
                        return s;
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
