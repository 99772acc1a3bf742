package dev.videoplatform.platform.http;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The HTTP/2 connection window, which Quarkus does not expose (only the per-stream
 * {@code quarkus.http.initial-window-size}). Left at the protocol's 64 KiB, a client may have
 * only 64 KiB in flight on a connection whatever its streams' windows, which caps large
 * gRPC messages (uploads) at one window per round trip. The window is credit, not memory:
 * bytes are buffered only while a stream's reader is paused.
 */
@ApplicationScoped
public class Http2Windows implements HttpServerOptionsCustomizer {

    private final int connectionWindowBytes;

    public Http2Windows(@ConfigProperty(name = "videoplatform.http2.connection-window-bytes") int connectionWindowBytes) {
        this.connectionWindowBytes = connectionWindowBytes;
    }

    @Override
    public void customizeHttpServer(HttpServerOptions options) {
        options.setHttp2ConnectionWindowSize(connectionWindowBytes);
    }
}
