package dev.videoplatform.analytics.service;

import dev.videoplatform.analytics.config.AnalyticsConfig;
import dev.videoplatform.analytics.repository.StatsQueries;
import dev.videoplatform.analytics.v1.GetTrendingRequest;
import dev.videoplatform.analytics.v1.GetTrendingResponse;
import dev.videoplatform.analytics.v1.TrendingVideo;
import dev.videoplatform.analytics.v1.TrendingWindow;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.paging.PageTokens;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * GetTrending in keyset pages. The first page fixes the ranking's time ("now"); later pages carry
 * it with the last score and video id, so they continue the same ranking.
 */
@ApplicationScoped
public class TrendingPages {

    private final StatsQueries queries;
    private final PageTokens tokens;
    private final AnalyticsConfig.Trending settings;

    public TrendingPages(StatsQueries queries, PageTokens tokens, AnalyticsConfig config) {
        this.queries = queries;
        this.tokens = tokens;
        this.settings = config.trending();
    }

    public Uni<GetTrendingResponse> page(GetTrendingRequest request) {
        int size = PageTokens.pageSize(request.getPageSize(), 20, 100, "page_size");
        TrendingWindow window = request.getWindow() == TrendingWindow.TRENDING_WINDOW_UNSPECIFIED
                ? TrendingWindow.TRENDING_WINDOW_DAY : request.getWindow();
        Duration length = switch (window) {
            case TRENDING_WINDOW_HOUR -> Duration.ofHours(1);
            case TRENDING_WINDOW_WEEK -> Duration.ofDays(7);
            case TRENDING_WINDOW_DAY -> Duration.ofDays(1);
            default -> throw DomainException.invalidArgument("window", "is not a known window");
        };
        String scope = "trending:" + window.getNumber();
        Instant now = Instant.now();
        Optional<StatsQueries.After> after = Optional.empty();
        int lastRank = 0;
        if (!request.getPageToken().isEmpty()) {
            List<String> cursor = tokens.decode(scope, request.getPageToken(), "page_token");
            now = Instant.ofEpochMilli(Long.parseLong(cursor.get(0)));
            after = Optional.of(new StatsQueries.After(Double.parseDouble(cursor.get(1)), cursor.get(2)));
            lastRank = Integer.parseInt(cursor.get(3));
        }
        Instant computed = now;
        int firstRank = lastRank + 1;
        double watchMillisPerView = settings.watchMinutesPerView() * 60_000;
        return queries.trending(now, length, settings.halfLife(), watchMillisPerView, settings.maxRanked(), after, size + 1)
                .map(ranked -> {
                    GetTrendingResponse.Builder answer = GetTrendingResponse.newBuilder()
                            .setComputeTime(VideoStatsReads.timestamp(computed));
                    int shown = Math.min(size, ranked.size());
                    for (int i = 0; i < shown; i++) {
                        StatsQueries.Ranked video = ranked.get(i);
                        answer.addVideos(TrendingVideo.newBuilder().setVideoId(video.videoId()).setRank(firstRank + i)
                                .setWindowViewCount(video.views()).setWindowWatchTime(VideoStatsReads.duration(video.watchMillis())));
                    }
                    if (ranked.size() > size) {
                        StatsQueries.Ranked last = ranked.get(size - 1);
                        answer.setNextPageToken(tokens.encode(scope, List.of(Long.toString(computed.toEpochMilli()),
                                Double.toString(last.score()), last.videoId(), Integer.toString(firstRank + size - 1))));
                    }
                    return answer.build();
                });
    }
}
