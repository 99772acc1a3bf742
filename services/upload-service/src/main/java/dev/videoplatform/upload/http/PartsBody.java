package dev.videoplatform.upload.http;

import dev.videoplatform.upload.repository.UploadSession;
import dev.videoplatform.upload.service.UploadParts;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;

/**
 * The body of one PUT on an S3 store, on its way into the session's multipart upload without
 * touching local disk: pieces gather in one part's buffer; a full part goes up as one UploadPart
 * while the request is paused, and counts once acknowledged; then the rest of the piece that
 * filled it starts the next part and the request resumes. So a request holds at most one part
 * and one piece in memory. A tail that fills no part (and does not end the upload) is not
 * counted: the client resumes from the committed count. Event-loop only: part uploads complete
 * on the request's context.
 */
final class PartsBody implements RangeBody {

    private final UploadParts parts;
    private final Context context;
    private final byte[] part;
    private UploadSession session;
    private long committed;
    private int gathered;
    private long received;
    /** What was left of the piece that filled the part in flight. */
    private Buffer rest;
    /** Set while a part is in flight; completed when the body takes pieces again. */
    private Promise<Void> uploading;
    private Handler<Void> drained;
    private Throwable failure;
    private boolean aborted;

    PartsBody(UploadParts parts, UploadSession session, Context context) {
        this.parts = parts;
        this.context = context;
        this.session = session;
        this.committed = session.committedBytes();
        // the first part is the largest still to come (a whole part, or all that is left)
        this.part = new byte[Math.toIntExact(parts.partLength(session, committed))];
    }

    /** The committed count: where this body's acknowledged parts end. */
    long committed() {
        return committed;
    }

    @Override
    public long received() {
        return received;
    }

    @Override
    public boolean append(Buffer piece) {
        if (failure != null) {
            throw failure instanceof RuntimeException e ? e : new IllegalStateException(failure);
        }
        if (uploading != null) {
            // the part buffer is being sent: a piece now would overwrite it
            throw new IllegalStateException("a piece of the body arrived while the request was paused");
        }
        received += piece.length();
        return gather(piece);
    }

    /** Copies the piece into the part; true if that filled the part, which is now on its way. */
    private boolean gather(Buffer piece) {
        int partLength = Math.toIntExact(parts.partLength(session, committed));
        int taken = Math.min(piece.length(), partLength - gathered);
        piece.getBytes(0, taken, part, gathered);
        gathered += taken;
        if (gathered < partLength) {
            return false;
        }
        rest = taken < piece.length() ? piece.getBuffer(taken, piece.length()) : null;
        if (uploading == null) {
            uploading = Promise.promise();
        }
        parts.commitPart(session, committed, ByteBuffer.wrap(part, 0, partLength)).subscribe().with(
                started -> context.runOnContext(v -> uploaded(started, partLength)),
                e -> context.runOnContext(v -> failed(e)));
        return true;
    }

    private void uploaded(UploadSession started, int partLength) {
        session = started;
        committed += partLength;
        gathered = 0;
        Buffer next = rest;
        rest = null;
        if (next != null && !aborted && gather(next)) {
            return; // the rest filled another part (parts smaller than a piece): still paused
        }
        resume();
    }

    private void failed(Throwable e) {
        failure = e;
        rest = null;
        resume();
    }

    private void resume() {
        Promise<Void> idle = uploading;
        uploading = null;
        idle.complete();
        if (drained != null && !aborted) {
            drained.handle(null);
        }
    }

    @Override
    public void whenDrained(Handler<Void> handler) {
        drained = handler;
    }

    /** Waits for the part in flight; fails if a part could not be stored or counted. */
    @Override
    public Future<Void> finish() {
        Future<Void> idle = uploading == null ? Future.succeededFuture() : uploading.future();
        return idle.compose(v -> failure == null ? Future.succeededFuture() : Future.failedFuture(failure));
    }

    /** A part in flight still goes up and counts: the store acknowledged those bytes. */
    @Override
    public void abort() {
        aborted = true;
        rest = null;
    }
}
