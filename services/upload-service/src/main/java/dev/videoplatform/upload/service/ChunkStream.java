package dev.videoplatform.upload.service;

import com.google.protobuf.ByteString;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.upload.repository.UploadSession;
import io.smallrye.mutiny.Uni;
import java.nio.ByteBuffer;

/**
 * One UploadChunk call: chunks are written in order, and the committed count moves only over
 * bytes that are durable. On a filesystem store they go into the session's partial file and
 * count once forced to disk — every {@code syncBytes} and when the stream ends, however it ends
 * (syncing per batch rather than per chunk keeps the stream near disk speed; a crash loses at
 * most the unsynced tail, which was never counted). On S3 they gather in memory (one part's
 * buffer per stream) until they fill a part (or end the upload) and count once the part is
 * acknowledged; a tail that never became a part is dropped when the stream ends.
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
    /** S3: the part being gathered, from the committed count on. */
    private byte[] part;
    private int gathered;
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
            if (parts.active()) {
                written = offset + data.size();
                return gather(data.asReadOnlyByteBuffer());
            }
            return UploadSessions.blocking(() -> {
                if (appender == null) {
                    appender = storage.appender(s.id());
                }
                appender.write(offset, data.asReadOnlyByteBuffer());
                written = offset + data.size();
                return null;
            }).flatMap(x -> written - committed >= syncBytes ? commit() : Uni.createFrom().item(written));
        });
    }

    /** Counts what is durable and closes the files. Returns the committed count. */
    public Uni<Long> finish() {
        if (session == null) {
            return Uni.createFrom().item(0L);
        }
        if (parts.active()) {
            part = null;
            return Uni.createFrom().item(committed);
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

    /**
     * Copies a chunk into the part being gathered; each time the part is full it goes up, and
     * the rest of the chunk (less than a part: chunks are smaller) starts the next one.
     */
    private Uni<Long> gather(ByteBuffer data) {
        int partLength = Math.toIntExact(parts.partLength(session, committed));
        if (part == null) {
            part = new byte[partLength]; // the largest part still to come: a whole one, or all that is left
        }
        int taken = Math.min(data.remaining(), partLength - gathered);
        data.get(part, gathered, taken);
        gathered += taken;
        if (gathered < partLength) {
            return Uni.createFrom().item(written);
        }
        return parts.commitPart(session, committed, ByteBuffer.wrap(part, 0, partLength)).flatMap(started -> {
            session = started;
            committed += partLength;
            gathered = 0;
            return data.hasRemaining() ? gather(data) : Uni.createFrom().item(written);
        });
    }
}
