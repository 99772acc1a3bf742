package dev.videoplatform.comment.service;

import dev.videoplatform.comment.config.CommentConfig;
import dev.videoplatform.comment.v1.ListCommentsResponse;
import dev.videoplatform.platform.cache.CacheConfig;
import dev.videoplatform.platform.cache.ChangeFeed;
import dev.videoplatform.platform.cache.CoalescedLoads;
import dev.videoplatform.platform.cache.ProtoCache;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The first page of each video's top-level comments per order as an anonymous viewer sees it
 * (the caller's own votes and the authors' names are added per call), shared by the replicas in
 * Redis and kept in each one's memory. Every write to a thread drops that video's pages, after it
 * committed, on every replica (the {@link ChangeFeed}); a dropped page is loaded again once per
 * replica however many readers want it ({@link CoalescedLoads}), so a video taking comments keeps
 * its readers in memory instead of sending them all to PostgreSQL after every write.
 */
@Singleton
public class FirstPages extends ProtoCache<ListCommentsResponse> {

    private final boolean enabled;
    private final CoalescedLoads<ListCommentsResponse> loads;

    public FirstPages(ReactiveRedisDataSource redis, ChangeFeed feed, CacheConfig cacheConfig, CommentConfig config) {
        super(redis, feed, cacheConfig.nearTtl(), config.firstPageMemoryEntries(), "vp:comment:page:",
                config.firstPageTtl(), ListCommentsResponse.parser());
        this.enabled = config.firstPageCache();
        this.loads = new CoalescedLoads<>("vp:comment:page", config.firstPageStaleWhileReloading(),
                config.firstPageMemoryEntries());
    }

    public boolean enabled() {
        return enabled;
    }

    /** The cache key of a video's first page in one order. */
    public static String key(String videoId, boolean newest) {
        return videoId + (newest ? ":newest" : ":top");
    }

    /**
     * The shared page under {@code key}: from memory, Redis, or {@code loader} (empty when there
     * is no page everyone may see), loaded once per replica at a time.
     */
    public Uni<Optional<ListCommentsResponse>> page(String key, Supplier<Uni<Optional<ListCommentsResponse>>> loader) {
        return getCoalesced(key, key, loads, loader);
    }

    /** Drops the first pages of a video. */
    public Uni<Void> drop(String videoId) {
        return drop(List.of(videoId));
    }

    /** Drops the first pages of these videos. */
    public Uni<Void> drop(Collection<String> videoIds) {
        List<Uni<Void>> drops = new ArrayList<>();
        for (String videoId : videoIds) {
            drops.add(invalidate(key(videoId, false)));
            drops.add(invalidate(key(videoId, true)));
        }
        return drops.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(drops).andFailFast().replaceWithVoid();
    }
}
