package dev.videoplatform.edge;

import io.grpc.Status;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.impl.MimeMapping;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web app (the {@code web} module's jar, files under {@code META-INF/web/}) for GET and HEAD
 * outside {@code /v1/}: a file when one exists, else {@code index.html} for the app's own routes
 * (paths whose last segment has no dot), else a JSON 404. Vite's hashed files under
 * {@code /assets/} are cached for a year as immutable; everything else is revalidated on every
 * load ({@code no-cache}), so a new build is picked up at once. Files are read from the classpath
 * off the event loop once, then served from memory (the whole app is well under a megabyte).
 */
final class WebApp implements Handler<RoutingContext> {

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";
    private static final String INDEX = "/index.html";

    private final String root;
    private final Vertx vertx;
    private final JsonTranscoder json;
    private final Map<String, Optional<Buffer>> files = new ConcurrentHashMap<>();

    WebApp(String root, Vertx vertx, JsonTranscoder json) {
        this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
        this.vertx = vertx;
        this.json = json;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path.equals("/v1") || path.startsWith("/v1/") || path.startsWith("/v1:")) {
            ctx.next();
            return;
        }
        String file = path.endsWith("/") ? path + INDEX.substring(1) : path;
        load(file, found -> {
            if (found.isPresent()) {
                send(ctx, file, found.get());
            } else if (file.substring(file.lastIndexOf('/') + 1).contains(".")) {
                ErrorReplies.send(ctx.response(), json, 404, Status.Code.NOT_FOUND, "no such file: " + path);
            } else {
                load(INDEX, index -> index.ifPresentOrElse(body -> send(ctx, INDEX, body),
                        () -> ErrorReplies.send(ctx.response(), json, 404, Status.Code.NOT_FOUND,
                                "the web app is not in this build (built with -Dweb.skip?)")));
            }
        });
    }

    private void load(String file, Handler<Optional<Buffer>> then) {
        Optional<Buffer> known = files.get(file);
        if (known != null) {
            then.handle(known);
            return;
        }
        vertx.<Optional<Buffer>>executeBlocking(() -> read(file), false).onComplete(result -> {
            Optional<Buffer> found = result.succeeded() ? result.result() : Optional.empty();
            files.put(file, found);
            then.handle(found);
        });
    }

    private Optional<Buffer> read(String file) {
        if (file.contains("..") || file.contains("\\")) {
            return Optional.empty();
        }
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(root + file)) {
            return in == null ? Optional.empty() : Optional.of(Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void send(RoutingContext ctx, String file, Buffer body) {
        HttpServerResponse response = ctx.response();
        String type = MimeMapping.getMimeTypeForFilename(file);
        if (type == null) {
            type = "application/octet-stream";
        } else if (type.startsWith("text/") || type.equals("application/javascript") || type.endsWith("+xml")) {
            type += "; charset=utf-8";
        }
        response.putHeader("content-type", type)
                .putHeader("cache-control", file.startsWith("/assets/") ? IMMUTABLE : REVALIDATE)
                .putHeader("x-content-type-options", "nosniff");
        if (file.equals(INDEX)) {
            // Everything the app loads comes from this origin; API calls too.
            response.putHeader("content-security-policy", "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; worker-src 'self' blob:; "
                    + "style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'");
        }
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.putHeader("content-length", Integer.toString(body.length())).end();
        } else {
            response.end(body);
        }
    }
}
