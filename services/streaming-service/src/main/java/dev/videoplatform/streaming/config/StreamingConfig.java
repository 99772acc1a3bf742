package dev.videoplatform.streaming.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of HLS delivery ({@code videoplatform.streaming.*}). */
@ConfigMapping(prefix = "videoplatform.streaming")
public interface StreamingConfig {

    /** HMAC key of playback tokens (a Kubernetes Secret). */
    String playbackTokenSecret();

    /** How long a signed playback URL works. */
    @WithDefault("6h")
    Duration playbackTokenTtl();

    /**
     * Origin put in front of {@code /stream/...} in GetPlaybackInfo's URLs; empty for URLs
     * relative to the origin the client called (the gateway or a CDN in front of it).
     */
    Optional<String> publicUrl();

    /** Cache lifetime of playlists (segments and posters never change: a year, immutable). */
    @WithDefault("60s")
    Duration playlistMaxAge();

    /** How long playback metadata stays in Redis before upload-service is asked again. */
    @WithDefault("30s")
    Duration metadataTtl();

    /** How long the last metadata seen stays available as the fallback while upload-service is down. */
    @WithDefault("24h")
    Duration lastKnownTtl();

    /**
     * How long a replica remembers a stream file's stat, headers and (for playlists) content:
     * published HLS output never changes in place, a new transcode replaces the whole directory.
     */
    @WithDefault("2s")
    Duration fileTtl();

    /** How segments and posters leave an object store (a filesystem store always sends its files itself). */
    enum SegmentDelivery {
        /** Through this service: ranges, ETag and 304 as for local files. */
        PROXY,
        /** A 302 to a short-lived presigned URL of the object, for a CDN in front of the bucket. */
        REDIRECT
    }

    @WithDefault("proxy")
    SegmentDelivery segmentDelivery();

    /** Lifetime of the presigned URLs of redirect delivery: long enough to start the download, no longer. */
    @WithDefault("5m")
    Duration presignedUrlTtl();
}
