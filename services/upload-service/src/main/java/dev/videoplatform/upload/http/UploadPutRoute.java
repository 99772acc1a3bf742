package dev.videoplatform.upload.http;

import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.upload.repository.UploadSession;
import dev.videoplatform.upload.service.UploadParts;
import dev.videoplatform.upload.service.UploadSessions;
import dev.videoplatform.upload.service.UploadStorage;
import dev.videoplatform.upload.service.UploadUrls;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * {@code PUT /uploads/{id}?expires&max&sig} with {@code Content-Range: bytes a-b/total}: raw bytes
 * from browsers and apps, streamed with back-pressure (never buffered whole) under the same rules
 * as the gRPC stream (a must be the committed count; the range must fit the size): into the
 * session's partial file on a filesystem store, straight into parts on S3 ({@link PartsBody}, no
 * local disk). On S3 the range counts part by part: the answer's committed count may stop at the
 * last part boundary before b + 1, and the client continues from there.
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
        // The request's context: where its body arrives, so where S3 part uploads complete too.
        Context requestContext = vertx.getOrCreateContext();
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
            if (parts.active()) {
                receive(ctx, session, new PartsBody(parts, session, requestContext), first, length);
                return;
            }
            vertx.<String>executeBlocking(() -> storage.partial(uploadId).toString(), false)
                    .compose(path -> vertx.fileSystem().open(path, new OpenOptions().setWrite(true).setCreate(true)
                            .setTruncateExisting(false)))
                    .onSuccess(file -> receive(ctx, session, new PartialFileBody(file, first), first, length))
                    .onFailure(e -> fail(ctx, e));
        }, failure -> fail(ctx, failure));
    }

    /** Receives the body, bytes {@code [first, first + length)} of the upload, into {@code body}. */
    private void receive(RoutingContext ctx, UploadSession session, RangeBody body, long first, long length) {
        HttpServerRequest request = ctx.request();
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
                // Never keep reading after a piece was lost: the request fails, nothing more is counted.
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
                LOG.debugf("upload %s: body interrupted after %d bytes: %s", session.id(), body.received(), e.getMessage());
            }
        });
        request.endHandler(v -> {
            if (failed.get()) {
                return;
            }
            // The file body forces its bytes to disk, the parts body waits for its last part, before anything counts.
            body.finish().onComplete(finished -> {
                if (finished.failed()) {
                    fail(ctx, finished.cause());
                } else if (body.received() != length) {
                    fail(ctx, 400, "BODY_TOO_SHORT", "received " + body.received() + " of " + length
                            + " bytes; the upload's committed count is " + committed(body, first));
                } else {
                    (body instanceof PartsBody partsBody ? Uni.createFrom().item(partsBody.committed())
                            : sessions.advance(session.id(), first, first + length)).subscribe().with(
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

    /** The committed count after a body that did not count whole: its acknowledged parts on S3, nothing of it otherwise. */
    private static long committed(RangeBody body, long first) {
        return body instanceof PartsBody partsBody ? partsBody.committed() : first;
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
