package dev.videoplatform.edge;

import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * An answer to a request written byte for byte on a socket: for request lines no HTTP client
 * library would send (malformed percent-escapes, relative paths).
 */
record RawResponse(int status, Map<String, String> headers, String body) {

    static RawResponse send(URI server, String requestLine) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nhost: " + server.getHost() + "\r\nconnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            byte[] answer = socket.getInputStream().readAllBytes();
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new IOException("no complete HTTP answer to " + requestLine + ": " + text);
            }
            String[] head = text.substring(0, end).split("\r\n");
            Map<String, String> headers = new HashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim().toLowerCase(), head[i].substring(colon + 1).trim());
            }
            byte[] body = Arrays.copyOfRange(answer, end + 4, answer.length);
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                body = unchunk(body);
            }
            return new RawResponse(Integer.parseInt(head[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
        }
    }

    private static byte[] unchunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String text = new String(chunked, StandardCharsets.ISO_8859_1);
        int at = 0;
        while (true) {
            int lineEnd = text.indexOf("\r\n", at);
            int size = Integer.parseInt(text.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(chunked, lineEnd + 2, size);
            at = lineEnd + 2 + size + 2;
        }
    }

    String contentType() {
        return headers.getOrDefault("content-type", "");
    }

    /** The body as the edge's JSON error ({@code code}, {@code message}, {@code details}); fails if it is not one. */
    JsonObject jsonError() {
        try {
            JsonObject error = JsonParser.parseString(body).getAsJsonObject();
            if (error.has("code") && error.has("message")) {
                return error;
            }
        } catch (JsonParseException | IllegalStateException notAnObject) {
            // reported below
        }
        throw new AssertionError("HTTP " + status + " without a JSON error body: \"" + body + "\"");
    }
}
