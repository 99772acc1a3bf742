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

    /**
     * How long the shared first page of a video's comments (per order) is kept in Redis. Every
     * write to the thread drops it at once; this bounds a page whose drop was lost.
     */
    @WithDefault("30s")
    Duration firstPageTtl();

    /** First pages each replica keeps in memory (a page holds up to 20 comments of up to 10,000 characters). */
    @WithDefault("1000")
    long firstPageMemoryEntries();

    /**
     * How old (from when its load began) a first page may be and still be served to readers that
     * arrive while this replica reloads it after a write; older, they wait for the reload.
     * Zero: every reader after a write waits for the reload.
     */
    @WithDefault("500ms")
    Duration firstPageStaleWhileReloading();

    /** Whether first pages are cached (the benchmark turns it off, so that every call runs the SQL pgbench replays). */
    @WithDefault("true")
    boolean firstPageCache();
}
