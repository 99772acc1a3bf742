package dev.videoplatform.upload.http;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;

/**
 * Where the body of one PUT goes, piece by piece, with back-pressure: the session's partial file
 * ({@link PartialFileBody}) or, on S3, parts gathered in memory ({@link PartsBody}). Event-loop
 * only, like the request it reads.
 */
interface RangeBody {

    /** Bytes taken so far. */
    long received();

    /**
     * Takes a piece of the body; true when the request should pause until {@link #whenDrained}.
     * Throws if bytes taken earlier were lost: nothing more of this body may be taken then.
     */
    boolean append(Buffer piece);

    void whenDrained(Handler<Void> handler);

    /** Completes when everything taken is stored (or counted, on S3); fails if any of it was lost. */
    Future<Void> finish();

    /** Stops taking the body (the connection broke or the request failed). */
    void abort();
}
