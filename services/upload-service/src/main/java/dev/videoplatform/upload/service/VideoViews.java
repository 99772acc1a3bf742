package dev.videoplatform.upload.service;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.videoplatform.events.v1.EventVideoStatus;
import dev.videoplatform.events.v1.EventVisibility;
import dev.videoplatform.events.v1.VideoPublished;
import dev.videoplatform.events.v1.VideoUpdated;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.upload.repository.VideoRecord;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.VideoStatusUpdate;
import dev.videoplatform.upload.v1.Visibility;
import java.time.Instant;

/** How a catalog row is shown: as the API's Video, as a status update, and in events. */
public final class VideoViews {

    private VideoViews() {
    }

    public static Video video(VideoRecord r) {
        Video.Builder v = Video.newBuilder().setVideoId(r.id()).setChannelId(r.channelId()).setTitle(r.title())
                .setDescription(r.description()).addAllTags(r.tags()).setVisibility(r.visibility())
                .setStatus(r.status()).setFailureReason(r.failureReason()).setCommentsEnabled(r.commentsEnabled())
                .setCreateTime(timestamp(r.createdAt())).setUpdateTime(timestamp(r.updatedAt()));
        if (r.status() == VideoStatus.VIDEO_STATUS_READY) {
            v.addAllRenditions(r.renditions());
            v.setPosterUrl(posterUrl(r));
        }
        if (r.durationMillis() != null) {
            v.setDuration(duration(r.durationMillis()));
        }
        if (r.publishedAt() != null) {
            v.setPublishTime(timestamp(r.publishedAt()));
        }
        return v.build();
    }

    /**
     * The read rule of video.proto: PUBLIC and UNLISTED videos are everyone's once READY; anything
     * else (private, still processing, failed, banned) only the owner's and admins'.
     */
    public static boolean visibleTo(Video video, Caller viewer) {
        if (video.getStatus() == VideoStatus.VIDEO_STATUS_DELETED) {
            return false;
        }
        return viewer.isSelfOrAdmin(video.getChannelId())
                || video.getStatus() == VideoStatus.VIDEO_STATUS_READY && video.getVisibility() != Visibility.VISIBILITY_PRIVATE;
    }

    public static VideoStatusUpdate statusUpdate(VideoRecord r) {
        int progress = switch (r.status()) {
            case VIDEO_STATUS_READY -> 100;
            case VIDEO_STATUS_PROCESSING -> r.progressPercent();
            default -> 0;
        };
        return VideoStatusUpdate.newBuilder().setVideoId(r.id()).setStatus(r.status()).setProgressPercent(progress)
                .setFailureReason(r.failureReason()).setUpdateTime(timestamp(r.updatedAt())).build();
    }

    public static VideoUpdated updated(VideoRecord r) {
        VideoUpdated.Builder e = VideoUpdated.newBuilder().setVideoId(r.id()).setChannelId(r.channelId())
                .setTitle(r.title()).setDescription(r.description()).addAllTags(r.tags())
                .setVisibility(EventVisibility.forNumber(r.visibility().getNumber()))
                .setStatus(EventVideoStatus.forNumber(r.status().getNumber())).setCommentsEnabled(r.commentsEnabled())
                .setPosterUrl(posterUrl(r)).setUpdateTime(timestamp(r.updatedAt()));
        if (r.durationMillis() != null) {
            e.setDuration(duration(r.durationMillis()));
        }
        if (r.publishedAt() != null) {
            e.setPublishTime(timestamp(r.publishedAt()));
        }
        return e.build();
    }

    public static VideoPublished published(VideoRecord r) {
        VideoPublished.Builder e = VideoPublished.newBuilder().setVideoId(r.id()).setChannelId(r.channelId())
                .setTitle(r.title()).setDescription(r.description()).addAllTags(r.tags())
                .setVisibility(EventVisibility.forNumber(r.visibility().getNumber()))
                .setPublishTime(timestamp(r.publishedAt() == null ? Instant.now() : r.publishedAt()));
        if (r.durationMillis() != null) {
            e.setDuration(duration(r.durationMillis()));
        }
        return e.setPosterUrl(posterUrl(r)).build();
    }

    /** Where streaming serves the poster; empty until transcoding made one. */
    static String posterUrl(VideoRecord r) {
        return r.posterKey() == null ? "" : "/stream/" + r.id() + "/poster.jpg";
    }

    static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    static Duration duration(long millis) {
        return Duration.newBuilder().setSeconds(millis / 1000).setNanos((int) (millis % 1000) * 1_000_000).build();
    }
}
