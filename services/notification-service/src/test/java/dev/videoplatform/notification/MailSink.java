package dev.videoplatform.notification;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The SMTP server the service sends to: GreenMail in this JVM on the port the service is
 * configured with, started and stopped by the tests (an outage is a stopped sink).
 */
final class MailSink implements AutoCloseable {

    /** Reserves a free port for the mailer before the service starts. */
    public static final class Port implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            try (ServerSocket socket = new ServerSocket(0)) {
                return Map.of("quarkus.mailer.port", Integer.toString(socket.getLocalPort()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void stop() {
        }
    }

    private final GreenMail server;

    private MailSink() {
        int port = ConfigProvider.getConfig().getValue("quarkus.mailer.port", Integer.class);
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** A running sink; closing it is an SMTP outage. */
    static MailSink start() {
        return new MailSink();
    }

    /** The messages to {@code address} once there are at least {@code count} (or after {@code seconds}). */
    List<MimeMessage> to(String address, int count, int seconds) throws Exception {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        List<MimeMessage> found;
        do {
            found = new ArrayList<>();
            for (MimeMessage message : server.getReceivedMessages()) {
                if (isTo(message, address)) {
                    found.add(message);
                }
            }
            if (found.size() >= count) {
                return found;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return found;
    }

    private static boolean isTo(MimeMessage message, String address) throws MessagingException {
        Address[] recipients = message.getAllRecipients();
        if (recipients != null) {
            for (Address recipient : recipients) {
                if (recipient.toString().equalsIgnoreCase(address)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        server.stop();
    }
}
