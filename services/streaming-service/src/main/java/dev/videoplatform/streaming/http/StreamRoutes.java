package dev.videoplatform.streaming.http;

import dev.videoplatform.platform.blob.BlobKeys;
import dev.videoplatform.platform.blob.BlobStore;
import dev.videoplatform.streaming.config.StreamingConfig;
import dev.videoplatform.streaming.service.PlaybackTokens;
import dev.videoplatform.streaming.service.PlaybackCatalog;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * HLS over plain HTTP, the way players and CDNs expect it: GET and HEAD of master and media
 * playlists, segments and the poster; single byte ranges (206 / 416); ETag + If-None-Match
 * (304) and Last-Modified; CORS for browser players; segments and posters cached for a year as
 * immutable, playlists briefly. Segments and posters go out with sendfile from a filesystem
 * store, never through the heap, or are proxied in chunks from an object store
 * ({@link BlobRangeSender}); playlists (small) from memory (see {@link StreamFiles}).
 *
 * <p>The raw request path must match a strict whitelist (video id, optional playback token,
 * rendition name, file name), so nothing encoded, relative or absolute ever reaches the file
 * system; the blob store also refuses files reached through symbolic links out of its root.
 */
@ApplicationScoped
public class StreamRoutes {

    private static final Logger LOG = Logger.getLogger(StreamRoutes.class);
    static final Pattern PATH = Pattern.compile("/stream/([A-Za-z0-9-]{1,64})/(?:(pt\\.[A-Za-z0-9_.-]{1,256})/)?"
            + "(" + BlobKeys.LADDER_FILE_REGEX + ")");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "m3u8", "application/vnd.apple.mpegurl", "ts", "video/mp2t", "jpg", "image/jpeg");
    private static final String IMMUTABLE = "max-age=31536000, immutable";

    private final PlaybackCatalog catalog;
    private final PlaybackTokens tokens;
    private final StreamFiles files;
    private final BlobRangeSender proxy;
    private final BlobStore blobs;
    private final boolean redirect;
    private final Duration presignedUrlTtl;
    private final String playlistCache;

    public StreamRoutes(PlaybackCatalog catalog, PlaybackTokens tokens, StreamFiles files, BlobRangeSender proxy,
            BlobStore blobs, StreamingConfig config) {
        this.catalog = catalog;
        this.tokens = tokens;
        this.files = files;
        this.proxy = proxy;
        this.blobs = blobs;
        this.redirect = config.segmentDelivery() == StreamingConfig.SegmentDelivery.REDIRECT;
        this.presignedUrlTtl = config.presignedUrlTtl();
        this.playlistCache = "max-age=" + config.playlistMaxAge().toSeconds();
    }

    void register(@Observes Router router) {
        router.route("/stream/*").method(HttpMethod.GET).method(HttpMethod.HEAD).method(HttpMethod.OPTIONS)
                .handler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        response.putHeader("Access-Control-Allow-Origin", "*");
        if (ctx.request().method() == HttpMethod.OPTIONS) {
            response.putHeader("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
                    .putHeader("Access-Control-Allow-Headers", "Range, If-None-Match, If-Modified-Since")
                    .putHeader("Access-Control-Max-Age", "86400")
                    .setStatusCode(204).end();
            return;
        }
        response.putHeader("Access-Control-Expose-Headers", "Content-Length, Content-Range, ETag, Accept-Ranges");
        Matcher path = PATH.matcher(ctx.request().path());
        if (!path.matches()) {
            notFound(response);
            return;
        }
        String videoId = path.group(1);
        Video hot = catalog.inMemory(videoId);
        if (hot != null) {
            serve(ctx, videoId, path.group(2), path.group(3), Optional.of(hot));
            return;
        }
        catalog.video(videoId).subscribe().with(
                video -> serve(ctx, videoId, path.group(2), path.group(3), video),
                failure -> {
                    LOG.warnf("playback metadata of %s unavailable: %s", videoId, failure.getMessage());
                    response.putHeader("Retry-After", "5");
                    error(response, 503, "video metadata is unavailable; try again shortly");
                });
    }

    private void serve(RoutingContext ctx, String videoId, String token, String file, Optional<Video> found) {
        HttpServerResponse response = ctx.response();
        if (found.isEmpty()) {
            notFound(response);
            return;
        }
        Video video = found.get();
        // A private video without a genuine token, and a video not (or not yet) playable, answer
        // exactly as an unknown id: nobody learns that they exist. A banned video was public.
        boolean restricted = video.getVisibility() == Visibility.VISIBILITY_PRIVATE;
        if ((restricted || token != null) && (token == null || tokens.verify(token, videoId, Instant.now()).isEmpty())) {
            notFound(response);
            return;
        }
        if (video.getStatus() == VideoStatus.VIDEO_STATUS_BANNED) {
            error(response, 410, "this video is no longer available");
            return;
        }
        if (video.getStatus() != VideoStatus.VIDEO_STATUS_READY) {
            notFound(response);
            return;
        }
        files.find(BlobKeys.ladder(videoId) + file).subscribe().with(
                located -> send(ctx, file, restricted, located),
                failure -> {
                    response.putHeader("Retry-After", "5");
                    error(response, 503, "the stream file is unavailable; try again shortly");
                });
    }

    private void send(RoutingContext ctx, String file, boolean restricted, Optional<StreamFiles.StreamFile> located) {
        HttpServerResponse response = ctx.response();
        if (located.isEmpty()) {
            notFound(response);
            return;
        }
        StreamFiles.StreamFile stream = located.get();
        if (stream.content() == null && stream.path() == null && redirect) {
            // Only after the checks above: a presigned URL is handed to whoever may play the video.
            response.setStatusCode(302).putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                    .putHeader(HttpHeaders.LOCATION, blobs.presignedGet(stream.key(), presignedUrlTtl).orElseThrow().toString())
                    .end();
            return;
        }
        long size = stream.size();
        String etag = stream.etag();
        String extension = file.substring(file.lastIndexOf('.') + 1);
        response.putHeader(HttpHeaders.CONTENT_TYPE, CONTENT_TYPES.get(extension))
                .putHeader(HttpHeaders.CACHE_CONTROL, (restricted ? "private, " : "public, ")
                        + (extension.equals("m3u8") ? playlistCache : IMMUTABLE))
                .putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.LAST_MODIFIED, stream.lastModified())
                .putHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        if (matches(ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH), etag)) {
            response.setStatusCode(304).end();
            return;
        }
        Optional<ByteRange> range;
        try {
            range = ByteRange.parse(ctx.request().getHeader("Range"), size);
        } catch (ByteRange.Unsatisfiable e) {
            response.putHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + size);
            error(response, 416, "range not satisfiable");
            return;
        }
        long offset = range.map(ByteRange::start).orElse(0L);
        long length = range.map(ByteRange::length).orElse(size);
        range.ifPresent(r -> response.setStatusCode(206).putHeader(HttpHeaders.CONTENT_RANGE, r.contentRange(size)));
        if (ctx.request().method() == HttpMethod.HEAD) {
            response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(length)).end();
            return;
        }
        if (stream.content() != null) {
            response.end(stream.content().slice((int) offset, (int) (offset + length)));
        } else if (stream.path() != null) {
            response.sendFile(stream.path().toString(), offset, length);
        } else {
            proxy.send(response, stream.key(), offset, length);
        }
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.strip();
            if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    /** The one answer for everything that is not there or not for this caller. */
    private static void notFound(HttpServerResponse response) {
        error(response, 404, "no such video or stream file");
    }

    private static void error(HttpServerResponse response, int status, String message) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end(message + "\n");
    }
}
