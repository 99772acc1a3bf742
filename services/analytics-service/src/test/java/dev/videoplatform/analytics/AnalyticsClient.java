package dev.videoplatform.analytics;

import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.videoplatform.analytics.v1.AnalyticsServiceGrpc;
import dev.videoplatform.analytics.v1.GetTrendingRequest;
import dev.videoplatform.analytics.v1.GetTrendingResponse;
import dev.videoplatform.analytics.v1.GetVideoStatsRequest;
import dev.videoplatform.analytics.v1.RecordViewsRequest;
import dev.videoplatform.analytics.v1.RecordViewsResponse;
import dev.videoplatform.analytics.v1.TrendingVideo;
import dev.videoplatform.analytics.v1.TrendingWindow;
import dev.videoplatform.analytics.v1.View;
import dev.videoplatform.analytics.v1.VideoStats;
import dev.videoplatform.devstack.ClientStreamCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** An anonymous gRPC client of an analytics-service, with the waits the tests share. */
final class AnalyticsClient implements AutoCloseable {

    private final ManagedChannel channel;
    final AnalyticsServiceGrpc.AnalyticsServiceBlockingStub stub;
    private final AnalyticsServiceGrpc.AnalyticsServiceStub async;

    AnalyticsClient(int port) {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        stub = AnalyticsServiceGrpc.newBlockingStub(channel);
        async = AnalyticsServiceGrpc.newStub(channel);
    }

    /** A report of a new playback session of {@code videoId} at {@code time}, watching {@code seconds}. */
    static View view(String videoId, Instant time, long seconds) {
        return View.newBuilder().setVideoId(videoId).setSessionId(UUID.randomUUID().toString())
                .setRequestId(UUID.randomUUID().toString())
                .setClientTime(Timestamp.newBuilder().setSeconds(time.getEpochSecond()).setNanos(time.getNano()))
                .setWatchDuration(Duration.newBuilder().setSeconds(seconds)).build();
    }

    /** Sends {@code views} over one RecordViews stream and returns its answer. */
    RecordViewsResponse recordAll(List<View> views) {
        CompletableFuture<RecordViewsResponse> answer = ClientStreamCall.send(async::recordViews,
                views.stream().map(view -> RecordViewsRequest.newBuilder().setView(view).build()).toList(), null);
        try {
            return answer.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("RecordViews failed", e);
        }
    }

    /** The video's stats once they satisfy {@code done}; fails with the last answer after {@code timeoutMillis}. */
    VideoStats awaitStats(String videoId, Predicate<VideoStats> done, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        Object last = null;
        do {
            try {
                VideoStats stats = stub.getVideoStats(GetVideoStatsRequest.newBuilder().setVideoId(videoId).build());
                if (done.test(stats)) {
                    return stats;
                }
                last = stats;
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                    throw e;
                }
                last = e.getStatus();
            }
            sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not within " + timeoutMillis + " ms; last answer: " + last);
    }

    /** Every page of the window's ranking, page size {@code pageSize}. */
    List<TrendingVideo> trending(TrendingWindow window, int pageSize) {
        List<TrendingVideo> all = new ArrayList<>();
        String token = "";
        do {
            GetTrendingResponse page = stub.getTrending(GetTrendingRequest.newBuilder().setWindow(window).setPageSize(pageSize)
                    .setPageToken(token).build());
            all.addAll(page.getVideosList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return all;
    }

    /** The ids of {@code among} in the order the window ranks them, once they satisfy {@code done}. */
    List<String> awaitRanking(TrendingWindow window, List<String> among, Predicate<List<String>> done, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        List<String> last;
        do {
            last = trending(window, 7).stream().map(TrendingVideo::getVideoId).filter(among::contains).toList();
            if (done.test(last)) {
                return last;
            }
            sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not within " + timeoutMillis + " ms; last ranking: " + last);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
