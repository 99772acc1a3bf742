package dev.videoplatform.upload.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

@ConfigMapping(prefix = "videoplatform.upload")
public interface UploadConfig {

    /** Largest file accepted (declared at initiate, enforced on every byte). */
    @WithDefault("2147483648")
    long maxSizeBytes();

    /**
     * Most data in one UploadChunk message (and the preferred PUT size): 4 MiB less 1 KiB, so that
     * the whole message, id and offset included, stays within 4 MiB. grpc-java parses messages up
     * to 4 MiB from one reused buffer; a larger one goes through a stream decoder that copies its
     * bytes twice, 4 KiB at a time (measured: a 1 GiB stream at ~180 MiB/s with 4 MiB of data per
     * message, ~280 with this size).
     */
    @WithDefault("4193280")
    int chunkSizeBytes();

    /** Bytes a gRPC chunk stream writes between forcing them to disk and counting them committed. */
    @WithDefault("33554432")
    long syncBytes();

    /**
     * On S3, the size of the parts a session's multipart upload is made of: the committed count
     * moves a part at a time, and a resumed upload restarts at the last part boundary. AWS S3
     * needs at least 5 MiB for every part but the last.
     */
    @WithDefault("8388608")
    long partSizeBytes();

    /** How long an unfinished session lives before the sweeper removes it and its bytes. */
    @WithDefault("24h")
    Duration sessionTtl();

    /** Unfinished sessions one user may have at once. */
    @WithDefault("5")
    int maxActiveSessions();

    /** Bytes one user may declare per rolling 24 hours. */
    @WithDefault("21474836480")
    long dailyBytes();

    /** HMAC key of signed upload URLs (a Kubernetes Secret). */
    String urlSecret();

    /** Base of signed upload URLs as clients reach this service. */
    @WithDefault("http://localhost:8102")
    String publicUrl();

    /** How long a signed upload URL is valid (capped by the session's expiry). */
    @WithDefault("6h")
    Duration urlTtl();

    /** How often expired sessions are swept (read by UploadSweeper's schedule). */
    @WithDefault("60s")
    Duration sweepInterval();

    /** Transcode attempts per video: a retriable failure before the last one starts the next. */
    @WithDefault("3")
    int transcodeAttempts();

    /** How long GetVideo answers stay in Redis. */
    @WithDefault("5m")
    Duration cacheTtl();

    /** WatchVideoStatus streams one user may hold open at once on one replica. */
    @WithDefault("8")
    int maxWatchStreamsPerUser();
}
