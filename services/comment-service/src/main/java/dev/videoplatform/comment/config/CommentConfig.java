package dev.videoplatform.comment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "videoplatform.comment")
public interface CommentConfig {

    /**
     * How long upload-service's answer about a video is reused for AddComment. Bans, deletions
     * and updates drop it at once (events); this bounds staleness when an event is late.
     */
    @WithDefault("60s")
    Duration videoCacheTtl();

    /** How long an author's name and avatar are reused; user.updated drops them at once. */
    @WithDefault("10m")
    Duration authorCacheTtl();

    /** A user cannot post the same text again within this window (spam guard). */
    @WithDefault("1m")
    Duration duplicateWindow();
}
