package dev.videoplatform.streaming.service;

import com.google.protobuf.Timestamp;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.blob.BlobKeys;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.streaming.config.StreamingConfig;
import dev.videoplatform.streaming.v1.GetPlaybackInfoResponse;
import dev.videoplatform.streaming.v1.Rendition;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Decides whether a caller may watch a video and where from: PUBLIC and UNLISTED READY videos
 * for everyone with plain cacheable URLs; PRIVATE ones for their owner and admins only, with
 * URLs signed for that viewer. Everything a caller may not see is NOT_FOUND, so existence does
 * not leak.
 */
@ApplicationScoped
public class PlaybackInfo {

    private final PlaybackCatalog catalog;
    private final PlaybackTokens tokens;
    private final StreamingConfig config;

    public PlaybackInfo(PlaybackCatalog catalog, PlaybackTokens tokens, StreamingConfig config) {
        this.catalog = catalog;
        this.tokens = tokens;
        this.config = config;
    }

    @WithSpan
    public Uni<GetPlaybackInfoResponse> forCaller(String videoId, Caller caller) {
        return catalog.video(videoId).map(found -> {
            Video video = found.orElseThrow(() -> notFound(videoId));
            boolean restricted = video.getVisibility() == Visibility.VISIBILITY_PRIVATE;
            boolean ownerOrAdmin = caller.isSelfOrAdmin(video.getChannelId());
            if (video.getStatus() == VideoStatus.VIDEO_STATUS_BANNED || (restricted && !ownerOrAdmin)
                    || (video.getStatus() != VideoStatus.VIDEO_STATUS_READY && !ownerOrAdmin)) {
                throw notFound(videoId);
            }
            if (video.getStatus() != VideoStatus.VIDEO_STATUS_READY) {
                throw DomainException.failedPrecondition("VIDEO_NOT_READY",
                        "video " + videoId + " is " + video.getStatus().name().replace("VIDEO_STATUS_", "").toLowerCase()
                                + ", not ready to play");
            }
            String base = config.publicUrl().orElse("") + "/stream/" + videoId + "/";
            GetPlaybackInfoResponse.Builder info = GetPlaybackInfoResponse.newBuilder().setVideoId(videoId)
                    .setDuration(video.getDuration());
            if (restricted) {
                Instant expiry = Instant.now().plus(config.playbackTokenTtl());
                base += tokens.sign(videoId, caller.userId(), expiry) + "/";
                info.setUrlExpireTime(Timestamp.newBuilder().setSeconds(expiry.getEpochSecond()));
            }
            info.setMasterPlaylistUrl(base + BlobKeys.MASTER_PLAYLIST).setPosterUrl(base + BlobKeys.POSTER);
            for (dev.videoplatform.upload.v1.Rendition r : video.getRenditionsList()) {
                info.addRenditions(Rendition.newBuilder().setName(r.getName()).setWidth(r.getWidth()).setHeight(r.getHeight())
                        .setBandwidthBps(r.getBandwidthBps()).setCodecs(r.getCodecs())
                        .setPlaylistUrl(base + BlobKeys.mediaPlaylist(r.getName())));
            }
            return info.build();
        });
    }

    private static DomainException notFound(String videoId) {
        return DomainException.notFound("VIDEO_NOT_FOUND", "no playable video " + videoId);
    }
}
