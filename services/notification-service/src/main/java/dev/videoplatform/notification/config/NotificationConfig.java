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

    /** Emails (notification.email) and their sender. */
    Email email();

    interface Email {

        /** The sender address. */
        @WithDefault("VideoPlatform <notifications@videoplatform.local>")
        String from();

        /** Where links in emails point (video pages), without a trailing slash. */
        @WithDefault("http://localhost:8080")
        String siteUrl();

        /** The public URL of the one-click unsubscribe endpoint (the token is added as {@code ?token=}). */
        @WithDefault("http://localhost:8080/v1/notifications/unsubscribe")
        String unsubscribeUrl();

        /** Attempts (SMTP or address lookup) before an email is given up and its event dead-lettered. */
        @WithDefault("8")
        int maxAttempts();

        /** The wait after the first failed attempt; it doubles with each further one. */
        @WithDefault("30s")
        Duration retryBackoff();

        /** The longest wait between attempts. */
        @WithDefault("30m")
        Duration maxBackoff();

        /** More emails than this to one user within the digest window are folded into a digest. */
        @WithDefault("3")
        int digestThreshold();

        /** The window of the digest rule. */
        @WithDefault("15m")
        Duration digestWindow();

        /** How long a sender replica owns claimed emails before another may retry them. */
        @WithDefault("1m")
        Duration lease();

        /** How often each replica looks for due emails (new ones start at once anyway). */
        @WithDefault("1s")
        Duration pollInterval();
    }

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

        /**
         * Channels with more subscribers than this are fanned out on read: their new videos are
         * written to a subscriber's inbox when that subscriber reads it.
         */
        @WithDefault("100000")
        long readAbove();

        /** At most this many recent videos fanned out on read are merged into an inbox read. */
        @WithDefault("200")
        int readMergeLimit();
    }
}
