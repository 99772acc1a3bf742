package dev.videoplatform.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "videoplatform.outbox")
public interface OutboxConfig {

    /** Off for services that own no database (transcode, streaming, recommendation). */
    @WithDefault("true")
    boolean enabled();

    @WithDefault("200")
    int batchSize();

    /** How long the relay waits when the outbox is empty. */
    @WithDefault("100ms")
    Duration idlePoll();

    /** How long sent rows are kept (for inspection) before they are purged. */
    @WithDefault("1d")
    Duration retention();
}
