package dev.videoplatform.edge;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for streaming-service's HTTP server: a playlist, answering a Range request with 206
 * and the requested slice, as a file server would.
 */
final class StreamingServer implements AutoCloseable {

    static final String PLAYLIST = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-STREAM-INF:BANDWIDTH=800000\n360p/index.m3u8\n";

    private final HttpServer server;

    StreamingServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/stream/", exchange -> {
            byte[] body = PLAYLIST.getBytes(StandardCharsets.UTF_8);
            String range = exchange.getRequestHeaders().getFirst("Range");
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.apple.mpegurl");
            exchange.getResponseHeaders().add("X-Seen-Path", exchange.getRequestURI().toString());
            if (range != null && range.matches("bytes=\\d+-\\d+")) {
                String[] bounds = range.substring("bytes=".length()).split("-");
                int from = Integer.parseInt(bounds[0]);
                int to = Integer.parseInt(bounds[1]);
                byte[] slice = java.util.Arrays.copyOfRange(body, from, to + 1);
                exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + body.length);
                exchange.sendResponseHeaders(206, slice.length);
                body = slice;
            } else {
                exchange.sendResponseHeaders(200, body.length);
            }
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
