package dev.videoplatform.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "videoplatform.notification")
public interface NotificationConfig {

    /** Fan-out of new videos to subscribers. */
    FanOut fanout();

    /** Notifications older than this are deleted by the retention sweep. */
    @WithDefault("90d")
    Duration retention();

    /** How often the retention sweep runs. */
    @WithDefault("1h")
    Duration sweepInterval();

    /** Rows deleted per statement by the retention sweep (short transactions, no long locks). */
    @WithDefault("5000")
    int sweepBatch();

    /** New subscribers within this window share one unread "N new subscribers" notification. */
    @WithDefault("1h")
    Duration subscriberBatchWindow();

    /** StreamNotifications. */
    Stream stream();

    interface Stream {

        /** A keep-alive message is sent this often while nothing else is. */
        @WithDefault("15s")
        Duration heartbeat();

        /** A stream ends after this long; the client reconnects with the last id it saw. */
        @WithDefault("30m")
        Duration maxDuration();
    }

    interface FanOut {

        /** Subscriber ids asked of user-service per page; one INSERT of inbox rows per page. */
        @WithDefault("1000")
        int pageSize();

        /** How long a replica owns a job without progress before another may take it over. */
        @WithDefault("30s")
        Duration lease();

        /** How often each replica looks for open jobs (new ones start at once anyway). */
        @WithDefault("1s")
        Duration pollInterval();
    }
}
