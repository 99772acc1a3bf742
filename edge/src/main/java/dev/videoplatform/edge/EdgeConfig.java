package dev.videoplatform.edge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The local edge's settings ({@code edge.*}); defaults in application.properties follow the ports table. */
@ConfigMapping(prefix = "edge")
public interface EdgeConfig {

    /** A FileDescriptorSet file; default: the platform's {@code videoplatform/descriptor_set.pb} from the proto jar. */
    Optional<Path> descriptorSet();

    /** {@code host:port} of the gRPC server per fully qualified service name; every service with an http rule needs one. */
    Map<String, String> upstreams();

    /** {@code host:port} of streaming-service's HTTP server, for {@code /stream/}. */
    String streaming();

    /** {@code host:port} of upload-service's HTTP server, for the signed PUTs under {@code /uploads/}. */
    String uploads();

    /** {@code host:port} of notification-service's HTTP server, for the emails' unsubscribe link ({@code /v1/notifications/unsubscribe}). */
    String notifications();

    /** Deadline of a unary upstream call; also how long a /stream/ or /uploads/ connection may sit with no byte moving. */
    @WithDefault("30s")
    Duration deadline();

    /** Deadline of a server-streaming upstream call (watches, notification streams). */
    @WithDefault("1h")
    Duration streamDeadline();

    /** Largest JSON request body accepted; larger ones are answered 413. /uploads/ bodies stream through without it. */
    @WithDefault("1048576")
    int maxRequestBytes();

    RateLimit rateLimit();

    /** Classpath folder of the web app's built files (the {@code web} module's jar). */
    @WithDefault("META-INF/web")
    String webRoot();

    /** Per client IP: a token bucket refilled at {@code requests-per-second}, holding at most {@code burst}. */
    interface RateLimit {

        @WithDefault("50")
        double requestsPerSecond();

        @WithDefault("200")
        int burst();
    }
}
