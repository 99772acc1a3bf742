package dev.videoplatform.edge;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Stands in for the services' plain HTTP servers: streaming-service's (a playlist, answering a
 * Range request with 206 and the requested slice, as a file server would) and upload-service's
 * signed PUT (answering with the size and SHA-256 of the body it received, and its Content-Range)
 * and notification-service's unsubscribe route (answering with the method, URI, content type and
 * form body it received, as HTML).
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
        server.createContext("/uploads/", exchange -> {
            try (java.io.InputStream in = exchange.getRequestBody()) {
                java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
                long size = 0;
                byte[] buffer = new byte[65536];
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    sha.update(buffer, 0, n);
                    size += n;
                }
                byte[] answer = (exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                        + exchange.getRequestHeaders().getFirst("Content-Range") + " " + size + " "
                        + java.util.HexFormat.of().formatHex(sha.digest())).getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IOException(e);
            }
        });
        server.createContext("/v1/notifications/unsubscribe", exchange -> {
            byte[] answer;
            try (java.io.InputStream in = exchange.getRequestBody()) {
                answer = ("<p>" + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                        + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                        + new String(in.readAllBytes(), StandardCharsets.UTF_8) + "</p>").getBytes(StandardCharsets.UTF_8);
            }
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
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
