package dev.videoplatform.upload.service;

import com.google.protobuf.ByteString;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.upload.repository.UploadSession;
import io.smallrye.mutiny.Uni;

/**
 * One UploadChunk call: chunks are written in order into the open partial file, and the
 * committed count moves only after the bytes are forced to disk — every {@code syncBytes} and
 * when the stream ends, however it ends. Syncing per batch rather than per chunk keeps the
 * stream near disk speed; a crash loses at most the unsynced tail, which was never counted.
 * Not thread-safe: the endpoint feeds it one chunk at a time.
 */
public final class ChunkStream {

    private final UploadSessions sessions;
    private final UploadStorage storage;
    private final Caller caller;
    private final int maxChunk;
    private final long syncBytes;
    private UploadSession session;
    private UploadStorage.Appender appender;
    private long committed;
    private long written;

    ChunkStream(UploadSessions sessions, UploadStorage storage, Caller caller, int maxChunk, long syncBytes) {
        this.sessions = sessions;
        this.storage = storage;
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
                if (appender == null) {
                    appender = storage.appender(s.id());
                }
                appender.write(offset, data.asReadOnlyByteBuffer());
                written = offset + data.size();
                return null;
            });
        }).flatMap(x -> written - committed >= syncBytes ? commit() : Uni.createFrom().item(written));
    }

    /** Forces what was written to disk and counts it; then closes the file. Returns the committed count. */
    public Uni<Long> finish() {
        if (session == null) {
            return Uni.createFrom().item(0L);
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
}
