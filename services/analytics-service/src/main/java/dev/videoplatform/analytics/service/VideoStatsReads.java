package dev.videoplatform.analytics.service;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.videoplatform.analytics.repository.StatsQueries;
import dev.videoplatform.analytics.v1.GetVideoStatsRequest;
import dev.videoplatform.analytics.v1.VideoStats;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.error.Violations;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/** GetVideoStats from the materialized counters: a video the catalog announced and did not delete. */
@ApplicationScoped
public class VideoStatsReads {

    private final StatsQueries queries;

    public VideoStatsReads(StatsQueries queries) {
        this.queries = queries;
    }

    public Uni<VideoStats> get(GetVideoStatsRequest request) {
        new Violations().requireNonBlank(request.getVideoId(), "video_id").length(request.getVideoId(), "video_id", 1, 64)
                .throwIfAny();
        return queries.stats(request.getVideoId()).map(stats -> {
            if (!stats.known() || stats.deleted()) {
                throw DomainException.notFound("VIDEO_NOT_FOUND", "no statistics for video " + request.getVideoId());
            }
            VideoStats.Builder answer = VideoStats.newBuilder().setVideoId(request.getVideoId())
                    .setViewCount(stats.views()).setUniqueViewerCount(stats.uniqueViewers())
                    .setWatchTime(duration(stats.watchMillis()))
                    .setAverageWatchTime(duration(stats.views() == 0 ? 0 : stats.watchMillis() / stats.views()));
            if (stats.updateTime() != null) {
                answer.setUpdateTime(timestamp(stats.updateTime()));
            }
            return answer.build();
        });
    }

    static Duration duration(long millis) {
        return Duration.newBuilder().setSeconds(millis / 1000).setNanos((int) (millis % 1000) * 1_000_000).build();
    }

    static Timestamp timestamp(Instant time) {
        return Timestamp.newBuilder().setSeconds(time.getEpochSecond()).setNanos(time.getNano()).build();
    }
}
