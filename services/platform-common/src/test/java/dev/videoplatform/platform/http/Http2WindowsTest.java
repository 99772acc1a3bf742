package dev.videoplatform.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The flow-control windows a client is offered, read off the wire: an HTTP/2 connection (prior
 * knowledge, as gRPC clients connect) and the server's first frames.
 */
@QuarkusTest
class Http2WindowsTest {

    private static final int DEFAULT_WINDOW = 65_535;
    private static final int SETTINGS = 0x4;
    private static final int WINDOW_UPDATE = 0x8;
    private static final int SETTINGS_INITIAL_WINDOW_SIZE = 0x4;

    @Test
    void largeMessagesAreNotHeldToTheProtocolsDefaultWindows() throws IOException {
        int port = ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(new byte[] {0, 0, 0, SETTINGS, 0, 0, 0, 0, 0}); // our SETTINGS: empty
            out.flush();

            DataInputStream in = new DataInputStream(socket.getInputStream());
            Integer streamWindow = null;
            Integer connectionIncrement = null;
            while (streamWindow == null || connectionIncrement == null) {
                int length = in.readUnsignedShort() << 8 | in.readUnsignedByte();
                int type = in.readUnsignedByte();
                int flags = in.readUnsignedByte();
                int stream = in.readInt() & 0x7fff_ffff;
                byte[] payload = in.readNBytes(length);
                if (type == SETTINGS && (flags & 0x1) == 0) {
                    for (int i = 0; i + 6 <= payload.length; i += 6) {
                        int id = (payload[i] & 0xff) << 8 | (payload[i + 1] & 0xff);
                        if (id == SETTINGS_INITIAL_WINDOW_SIZE) {
                            streamWindow = (payload[i + 2] & 0xff) << 24 | (payload[i + 3] & 0xff) << 16
                                    | (payload[i + 4] & 0xff) << 8 | (payload[i + 5] & 0xff);
                        }
                    }
                } else if (type == WINDOW_UPDATE && stream == 0) {
                    connectionIncrement = ((payload[0] & 0x7f) << 24 | (payload[1] & 0xff) << 16
                            | (payload[2] & 0xff) << 8 | (payload[3] & 0xff));
                }
            }
            assertEquals(1 << 20, streamWindow, "each stream's window (quarkus.http.initial-window-size)");
            assertEquals(4 << 20, DEFAULT_WINDOW + connectionIncrement,
                    "the connection's window (videoplatform.http2.connection-window-bytes)");
        }
    }
}
