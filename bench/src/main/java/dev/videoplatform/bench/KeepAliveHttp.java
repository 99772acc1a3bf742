package dev.videoplatform.bench;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 keep-alive connection issuing GETs (or JSON POSTs) one after another, as wrk or curl would: a
 * load generator whose own cost stays small beside the server's (the JDK's HttpClient spends
 * more per request than the edge it would measure). Answers must carry Content-Length.
 */
final class KeepAliveHttp implements Closeable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final URI url;
    private final byte[] request;

    KeepAliveHttp(URI url) throws IOException {
        this.url = url;
        socket = new Socket(url.getHost(), url.getPort());
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
        request = ("GET " + url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery())
                + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends the GET and reads the whole answer; its body, or an exception unless the status is 200. */
    byte[] get() throws IOException {
        out.write(request);
        out.flush();
        return answer();
    }

    /** POSTs {@code json} to {@code path} on the same host; the answer's body, or an exception unless the status is 200. */
    byte[] post(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("POST " + path + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + url.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return answer();
    }

    private byte[] answer() throws IOException {
        String head = readHead();
        int length = -1;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        if (length < 0) {
            throw new IOException("answer without Content-Length: " + head);
        }
        byte[] body = in.readNBytes(length);
        if (!head.startsWith("HTTP/1.1 200 ")) {
            throw new IOException(head.lines().findFirst().orElse(head));
        }
        return body;
    }

    private String readHead() throws IOException {
        StringBuilder head = new StringBuilder(512);
        while (head.length() < 4 || head.charAt(head.length() - 1) != '\n' || head.charAt(head.length() - 3) != '\n') {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            head.append((char) c);
        }
        return head.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
