package dev.videoplatform.analytics.grpc;

import dev.videoplatform.analytics.service.TrendingPages;
import dev.videoplatform.analytics.service.VideoStatsReads;
import dev.videoplatform.analytics.service.ViewRecording;
import dev.videoplatform.analytics.v1.AnalyticsService;
import dev.videoplatform.analytics.v1.GetTrendingRequest;
import dev.videoplatform.analytics.v1.GetTrendingResponse;
import dev.videoplatform.analytics.v1.GetVideoStatsRequest;
import dev.videoplatform.analytics.v1.RecordViewRequest;
import dev.videoplatform.analytics.v1.RecordViewResponse;
import dev.videoplatform.analytics.v1.RecordViewsRequest;
import dev.videoplatform.analytics.v1.RecordViewsResponse;
import dev.videoplatform.analytics.v1.VideoStats;
import dev.videoplatform.platform.auth.Caller;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** gRPC face of analytics-service: delegates, no logic here. */
@GrpcService
public class AnalyticsGrpcEndpoint implements AnalyticsService {

    private final ViewRecording recording;
    private final VideoStatsReads stats;
    private final TrendingPages trending;

    public AnalyticsGrpcEndpoint(ViewRecording recording, VideoStatsReads stats, TrendingPages trending) {
        this.recording = recording;
        this.stats = stats;
        this.trending = trending;
    }

    @Override
    public Uni<RecordViewResponse> recordView(RecordViewRequest request) {
        return Uni.createFrom().deferred(() -> recording.record(request, Caller.current()));
    }

    @Override
    public Uni<RecordViewsResponse> recordViews(Multi<RecordViewsRequest> request) {
        // The caller is read here, on the call's thread: the stream's items arrive outside its gRPC context.
        return recording.recordAll(request, Caller.current());
    }

    @Override
    public Uni<VideoStats> getVideoStats(GetVideoStatsRequest request) {
        return Uni.createFrom().deferred(() -> stats.get(request));
    }

    @Override
    public Uni<GetTrendingResponse> getTrending(GetTrendingRequest request) {
        return Uni.createFrom().deferred(() -> trending.page(request));
    }
}
