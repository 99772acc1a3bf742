package dev.videoplatform.upload.http;

import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.upload.repository.UploadSession;
import dev.videoplatform.upload.service.UploadParts;
import dev.videoplatform.upload.service.UploadSessions;
import dev.videoplatform.upload.service.UploadStorage;
import dev.videoplatform.upload.service.UploadUrls;
import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * {@code PUT /uploads/{id}?expires&max&sig} with {@code Content-Range: bytes a-b/total}: raw bytes
 * from browsers and apps, streamed to disk with back-pressure (never buffered whole), under the
 * same rules as the gRPC stream (a must be the committed count; the range must fit the size).
 * On S3 the range counts part by part: the answer's committed count may stop at the last part
 * boundary before b + 1, and the client continues from there.
 * The signed URL is the authorisation.
 */
@ApplicationScoped
public class UploadPutRoute {

    private static final Logger LOG = Logger.getLogger(UploadPutRoute.class);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    private final UploadSessions sessions;
    private final UploadStorage storage;
    private final UploadParts parts;
    private final UploadUrls urls;
    private final Vertx vertx;

    public UploadPutRoute(UploadSessions sessions, UploadStorage storage, UploadParts parts, UploadUrls urls, Vertx vertx) {
        this.sessions = sessions;
        this.parts = parts;
        this.storage = storage;
        this.urls = urls;
        this.vertx = vertx;
    }

    void register(@Observes Router router) {
        router.put("/uploads/:uploadId").handler(this::put);
    }

    private void put(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        request.pause();
        String uploadId = ctx.pathParam("uploadId");
        long expires;
        long max;
        try {
            expires = number(request.getParam("expires"), "expires");
            max = number(request.getParam("max"), "max");
        } catch (DomainException e) {
            fail(ctx, e);
            return;
        }
        if (!urls.verify(uploadId, expires, max, request.getParam("sig"))) {
            fail(ctx, 403, "INVALID_SIGNATURE", "the upload URL is invalid or has expired; initiate a new upload");
            return;
        }
        Matcher range = CONTENT_RANGE.matcher(String.valueOf(request.getHeader("Content-Range")));
        if (!range.matches()) {
            fail(ctx, 400, "CONTENT_RANGE_REQUIRED", "send Content-Range: bytes <first>-<last>/<total>");
            return;
        }
        long first;
        long length;
        try {
            first = number(range.group(1), "Content-Range");
            length = number(range.group(2), "Content-Range") - first + 1;
            long total = number(range.group(3), "Content-Range");
            String declaredLength = request.getHeader("Content-Length");
            if (length <= 0 || total != max || (declaredLength != null && number(declaredLength, "Content-Length") != length)) {
                fail(ctx, 400, "BAD_CONTENT_RANGE", "Content-Range must name a non-empty range of the upload's "
                        + max + " bytes, matching Content-Length");
                return;
            }
        } catch (DomainException e) {
            fail(ctx, e);
            return;
        }
        sessions.forSignedUrl(uploadId).subscribe().with(session -> {
            try {
                UploadSessions.checkChunk(session, session.committedBytes(), first, length, session.sizeBytes());
            } catch (DomainException e) {
                fail(ctx, e);
                return;
            }
            // On S3 the body lands in a scratch file of its own and goes up as parts at the end.
            boolean multipart = parts.active();
            vertx.<String>executeBlocking(() -> (multipart ? parts.scratchFile(uploadId) : storage.partial(uploadId)).toString(), false)
                    .compose(path -> vertx.fileSystem().open(path, new OpenOptions().setWrite(true).setCreate(true)
                            .setTruncateExisting(false)).onSuccess(file -> receive(ctx, session, file,
                                    multipart ? Path.of(path) : null, first, length)))
                    .onFailure(e -> fail(ctx, e));
        }, failure -> fail(ctx, failure));
    }

    /** Receives the body into {@code file}: the partial file at {@code first}, or the S3 scratch file {@code scratch} at 0. */
    private void receive(RoutingContext ctx, UploadSession session, AsyncFile file, Path scratch, long first, long length) {
        HttpServerRequest request = ctx.request();
        PartialFileBody body = new PartialFileBody(file, scratch == null ? first : 0);
        if (scratch != null) {
            ctx.addEndHandler(v -> vertx.fileSystem().delete(scratch.toString()));
        }
        AtomicBoolean failed = new AtomicBoolean();
        request.handler(buffer -> {
            if (failed.get()) {
                return;
            }
            if (body.received() + buffer.length() > length) {
                failed.set(true);
                body.abort();
                fail(ctx, 400, "BODY_TOO_LONG", "the body is longer than its Content-Range");
                return;
            }
            boolean full;
            try {
                full = body.append(buffer);
            } catch (RuntimeException e) {
                // Never keep reading after a piece was lost: the request fails, nothing is counted.
                failed.set(true);
                body.abort();
                fail(ctx, e);
                return;
            }
            if (full) {
                request.pause();
                body.whenDrained(v -> request.resume());
            }
        });
        request.exceptionHandler(e -> {
            if (failed.compareAndSet(false, true)) {
                body.abort();
                if (scratch != null) {
                    vertx.fileSystem().delete(scratch.toString()); // no response will end this request
                }
                LOG.debugf("upload %s: body interrupted after %d bytes: %s", session.id(), body.received(), e.getMessage());
            }
        });
        request.endHandler(v -> {
            if (failed.get()) {
                return;
            }
            // finish() forces the bytes to disk before the committed count moves.
            body.finish().onComplete(finished -> {
                if (finished.failed()) {
                    fail(ctx, finished.cause());
                } else if (body.received() != length) {
                    fail(ctx, 400, "BODY_TOO_SHORT", "received " + body.received() + " of " + length
                            + " bytes; nothing of this request was committed");
                } else {
                    (scratch == null ? sessions.advance(session.id(), first, first + length)
                            : parts.commit(session, first, scratch, 0, length)).subscribe().with(
                            committed -> ctx.response().putHeader("Content-Type", "application/json")
                                    .putHeader("Upload-Offset", Long.toString(committed))
                                    .end(new JsonObject().put("upload_id", session.id()).put("committed_bytes", committed)
                                            .put("size_bytes", session.sizeBytes()).encode()),
                            failure -> fail(ctx, failure));
                }
            });
        });
        request.resume();
    }

    /** A count or epoch second of the request: decimal digits that fit a long, else INVALID_ARGUMENT (never an overflow). */
    private static long number(String value, String name) {
        if (value != null && !value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException tooLarge) {
                // refused below, like any other bad number
            }
        }
        throw DomainException.invalidArgument(name, "must be a whole number from 0 to " + Long.MAX_VALUE);
    }

    private static void fail(RoutingContext ctx, Throwable failure) {
        if (failure instanceof DomainException e) {
            fail(ctx, e);
        } else {
            LOG.errorf(failure, "upload PUT failed");
            fail(ctx, 500, "INTERNAL", "internal error");
        }
    }

    private static void fail(RoutingContext ctx, DomainException e) {
        int status = switch (e.code()) {
            case INVALID_ARGUMENT -> 400;
            case NOT_FOUND -> 404;
            case FAILED_PRECONDITION, ABORTED -> 409;
            case RESOURCE_EXHAUSTED -> 429;
            default -> 500;
        };
        fail(ctx, status, e.reason(), e.getMessage());
    }

    private static void fail(RoutingContext ctx, int status, String reason, String message) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("code", status).put("reason", reason).put("message", message).encode());
    }
}
