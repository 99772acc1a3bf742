package dev.videoplatform.upload.service;

import com.google.protobuf.ByteString;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.upload.repository.UploadSession;
import io.smallrye.mutiny.Uni;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One UploadChunk call: chunks are written in order, and the committed count moves only over
 * bytes that are durable. On a filesystem store they go into the session's partial file and
 * count once forced to disk — every {@code syncBytes} and when the stream ends, however it ends
 * (syncing per batch rather than per chunk keeps the stream near disk speed; a crash loses at
 * most the unsynced tail, which was never counted). On S3 they gather in a scratch file until
 * they fill a part (or end the upload) and count once the part is acknowledged; a tail that
 * never became a part is dropped when the stream ends.
 * Not thread-safe: the endpoint feeds it one chunk at a time.
 */
public final class ChunkStream {

    private final UploadSessions sessions;
    private final UploadStorage storage;
    private final UploadParts parts;
    private final Caller caller;
    private final int maxChunk;
    private final long syncBytes;
    private UploadSession session;
    private UploadStorage.Appender appender;
    private Path partFile;
    private FileChannel part;
    private long committed;
    private long written;

    ChunkStream(UploadSessions sessions, UploadStorage storage, UploadParts parts, Caller caller, int maxChunk,
            long syncBytes) {
        this.sessions = sessions;
        this.storage = storage;
        this.parts = parts;
        this.caller = caller;
        this.maxChunk = maxChunk;
        this.syncBytes = syncBytes;
    }

    /** Writes one chunk; returns the bytes written so far in this upload. */
    public Uni<Long> accept(String uploadId, long offset, ByteString data) {
        Uni<UploadSession> open = session != null ? Uni.createFrom().item(session)
                : sessions.openForWriting(caller, uploadId).invoke(s -> {
                    session = s;
                    committed = s.committedBytes();
                    written = committed;
                });
        return open.flatMap(s -> {
            if (!s.id().equals(uploadId)) {
                throw DomainException.invalidArgument("upload_id", "every message of one call must name the same upload");
            }
            UploadSessions.checkChunk(s, written, offset, data.size(), maxChunk);
            return UploadSessions.blocking(() -> {
                if (parts.active()) {
                    writePart(s.id(), offset, data.asReadOnlyByteBuffer());
                } else {
                    if (appender == null) {
                        appender = storage.appender(s.id());
                    }
                    appender.write(offset, data.asReadOnlyByteBuffer());
                }
                written = offset + data.size();
                return null;
            });
        }).flatMap(x -> {
            if (parts.active()) {
                return written - committed >= parts.partSize(session) || written == session.sizeBytes() ? commitPart()
                        : Uni.createFrom().item(written);
            }
            return written - committed >= syncBytes ? commit() : Uni.createFrom().item(written);
        });
    }

    /** Counts what is durable and closes the files. Returns the committed count. */
    public Uni<Long> finish() {
        if (session == null) {
            return Uni.createFrom().item(0L);
        }
        if (parts.active()) {
            return UploadSessions.blocking(() -> {
                if (part != null) {
                    part.close();
                    part = null;
                    Files.deleteIfExists(partFile);
                }
                return committed;
            });
        }
        return commit().call(x -> UploadSessions.blocking(() -> {
            if (appender != null) {
                appender.close();
                appender = null;
            }
            return null;
        }));
    }

    private Uni<Long> commit() {
        if (written == committed) {
            return Uni.createFrom().item(committed);
        }
        long target = written;
        return UploadSessions.blocking(() -> {
                    appender.sync();
                    return null;
                })
                .flatMap(x -> sessions.advance(session.id(), committed, target))
                .invoke(now -> committed = now);
    }

    /** Writes into the scratch file of the part being gathered (it starts at the committed count). */
    private void writePart(String uploadId, long offset, ByteBuffer data) throws java.io.IOException {
        if (part == null) {
            partFile = parts.scratchFile(uploadId);
            part = FileChannel.open(partFile, StandardOpenOption.WRITE, StandardOpenOption.READ);
        }
        long position = offset - committed;
        while (data.hasRemaining()) {
            position += part.write(data, position);
        }
    }

    /**
     * Uploads the gathered part; the scratch file is reused for the next one, starting with the
     * tail that went past the part boundary (at most one chunk).
     */
    private Uni<Long> commitPart() {
        long start = committed;
        return parts.commit(session, committed, partFile, 0, written - committed)
                .invoke(now -> committed = now)
                .call(now -> session.multipartUploadId() != null ? Uni.createFrom().voidItem()
                        : sessions.reload(session.id()).invoke(s -> session = s))
                .call(now -> UploadSessions.blocking(() -> {
                    ByteBuffer tail = ByteBuffer.allocate(Math.toIntExact(written - now));
                    while (tail.hasRemaining()) {
                        if (part.read(tail, now - start + tail.position()) < 0) {
                            throw new java.io.IOException("the part scratch file lost bytes past the part boundary");
                        }
                    }
                    tail.flip();
                    part.truncate(0);
                    while (tail.hasRemaining()) {
                        part.write(tail, tail.position());
                    }
                    return null;
                }));
    }
}
