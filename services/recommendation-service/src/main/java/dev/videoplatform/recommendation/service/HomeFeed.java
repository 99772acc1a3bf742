package dev.videoplatform.recommendation.service;

import dev.videoplatform.platform.cache.ChangeFeed;
import dev.videoplatform.platform.cache.ProtoCache;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.ids.Uuid7;
import dev.videoplatform.platform.paging.PageTokens;
import dev.videoplatform.recommendation.config.RecommendationConfig;
import dev.videoplatform.recommendation.repository.CandidatePool;
import dev.videoplatform.recommendation.v1.FeedItem;
import dev.videoplatform.recommendation.v1.GetHomeFeedResponse;
import dev.videoplatform.recommendation.v1.VideoSummary;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * GetHomeFeed. The first page ranks the feed once into a snapshot kept in Redis (ids, channels,
 * reasons, scores); page tokens are signed (snapshot id, last video id) keyset cursors into it,
 * so paging neither repeats nor skips while the underlying data changes. A page takes snapshot
 * entries in order but at most {@code max-per-channel} of one channel: the rest of that channel
 * in the page's stretch is passed over. First pages are cached per viewer and page size for a few
 * seconds, in Redis and in memory (degraded ones are not).
 */
@ApplicationScoped
public class HomeFeed {

    private static final String ANONYMOUS = "-";

    private final HomeFeedRanking ranking;
    private final CandidatePool pool;
    private final FeedCards cards;
    private final PageTokens tokens;
    private final ProtoCache<GetHomeFeedResponse> snapshots;
    private final ProtoCache<GetHomeFeedResponse> firstPages;
    private final int maxPerChannel;

    public HomeFeed(HomeFeedRanking ranking, CandidatePool pool, FeedCards cards, PageTokens tokens,
            ReactiveRedisDataSource redis, ChangeFeed feed, RecommendationConfig config) {
        this.ranking = ranking;
        this.pool = pool;
        this.cards = cards;
        this.tokens = tokens;
        this.snapshots = new ProtoCache<>(redis, "vp:reco:snap:", config.feed().snapshotTtl(), GetHomeFeedResponse.parser());
        this.firstPages = new ProtoCache<>(redis, feed, config.caches().homeFeed(), config.caches().nearEntries(),
                "vp:reco:home:", config.caches().homeFeed(), GetHomeFeedResponse.parser());
        this.maxPerChannel = config.feed().maxPerChannel();
    }

    /** A page of {@code viewerId}'s feed (null: anonymous). */
    @WithSpan
    public Uni<GetHomeFeedResponse> page(String viewerId, int pageSize, String pageToken) {
        String viewer = viewerId == null ? ANONYMOUS : viewerId;
        if (!pageToken.isEmpty()) {
            List<String> cursor = tokens.decode("home:" + viewer, pageToken, "page_token");
            if (cursor.size() != 2) {
                return Uni.createFrom().failure(DomainException.invalidArgument("page_token", "is not a page token of this query"));
            }
            return snapshots.getOrLoad(List.of(cursor.get(0)), missing -> Uni.createFrom().item(Map.of())).flatMap(found -> {
                GetHomeFeedResponse snapshot = found.get(cursor.get(0));
                if (snapshot == null) {
                    return Uni.createFrom().failure(DomainException.invalidArgument("page_token",
                            "has expired; start again from the first page"));
                }
                return page(viewer, snapshot, cursor.get(0), after(snapshot, cursor.get(1)), pageSize);
            });
        }
        String key = viewer + ":" + pageSize;
        AtomicReference<GetHomeFeedResponse> degraded = new AtomicReference<>();
        return firstPages.getOrLoad(List.of(key), missing -> snapshot(viewerId).flatMap(snapshot -> {
            String snapshotId = Uuid7.next();
            return snapshots.put(snapshotId, snapshot).replaceWith(snapshot)
                    .flatMap(stored -> page(viewer, stored, snapshotId, 0, pageSize)).map(response -> {
                        if (response.getDegraded()) {
                            degraded.set(response);
                            return Map.<String, GetHomeFeedResponse>of();
                        }
                        return Map.of(key, response);
                    });
        })).map(found -> found.getOrDefault(key, degraded.get()));
    }

    /** The ranked feed with each video's channel (for the per-channel cap), as the snapshot to page through. */
    private Uni<GetHomeFeedResponse> snapshot(String viewerId) {
        return ranking.rank(viewerId).flatMap(ranked -> pool.candidates(ranked.items().stream().map(Scored::videoId).toList())
                .map(known -> {
                    GetHomeFeedResponse.Builder snapshot = GetHomeFeedResponse.newBuilder().setDegraded(ranked.degraded());
                    for (Scored scored : ranked.items()) {
                        CandidatePool.Candidate video = known.get(scored.videoId());
                        if (video != null) {
                            snapshot.addItems(FeedItem.newBuilder().setVideo(VideoSummary.newBuilder().setVideoId(video.videoId())
                                    .setChannelId(video.channelId())).setReason(scored.reason()).setScore(scored.score()));
                        }
                    }
                    return snapshot.build();
                }));
    }

    private static int after(GetHomeFeedResponse snapshot, String lastVideoId) {
        for (int i = 0; i < snapshot.getItemsCount(); i++) {
            if (snapshot.getItems(i).getVideo().getVideoId().equals(lastVideoId)) {
                return i + 1;
            }
        }
        throw DomainException.invalidArgument("page_token", "is not a page token of this query");
    }

    private Uni<GetHomeFeedResponse> page(String viewer, GetHomeFeedResponse snapshot, String snapshotId, int start, int pageSize) {
        List<Scored> chosen = new ArrayList<>(pageSize);
        Map<String, Integer> perChannel = new HashMap<>();
        int next = start;
        while (next < snapshot.getItemsCount() && chosen.size() < pageSize) {
            FeedItem item = snapshot.getItems(next++);
            if (perChannel.merge(item.getVideo().getChannelId(), 1, Integer::sum) <= maxPerChannel) {
                chosen.add(new Scored(item.getVideo().getVideoId(), item.getReason(), item.getScore()));
            }
        }
        String nextToken = next < snapshot.getItemsCount()
                ? tokens.encode("home:" + viewer, List.of(snapshotId, snapshot.getItems(next - 1).getVideo().getVideoId()))
                : "";
        return cards.cards(chosen).map(hydrated -> GetHomeFeedResponse.newBuilder().addAllItems(hydrated.items())
                .setNextPageToken(nextToken).setDegraded(snapshot.getDegraded() || hydrated.degraded()).build());
    }
}
