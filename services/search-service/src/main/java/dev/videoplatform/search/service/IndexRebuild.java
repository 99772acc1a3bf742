package dev.videoplatform.search.service;

import com.google.protobuf.Timestamp;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.search.cache.IndexGeneration;
import dev.videoplatform.search.client.ChannelProfilesClient;
import dev.videoplatform.search.client.VideoCatalogClient;
import dev.videoplatform.search.config.SearchConfig;
import dev.videoplatform.search.events.EventTimes;
import dev.videoplatform.search.repository.ChannelIndex;
import dev.videoplatform.search.repository.ChannelIndex.Channel;
import dev.videoplatform.search.repository.VideoIndex;
import dev.videoplatform.search.repository.VideoIndex.CatalogState;
import dev.videoplatform.search.v1.RebuildIndexResponse;
import dev.videoplatform.upload.v1.ListCatalogVideosResponse;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Rebuilds the read model from the catalog while it keeps serving and consuming: walks upload's
 * catalog page by page (id order), names each page's channels with one user-service call, and
 * writes every copy through the consumers' own guarded statements, so a copy older than what an
 * event already brought is skipped and a deleted video stays deleted. Nothing is emptied first:
 * each page also tombstones the rows in its id range the catalog did not list, and the end the
 * rows beyond the last page, unless an event wrote them after the walk began (less the allowed
 * clock skew between the catalog and this service).
 */
@ApplicationScoped
public class IndexRebuild {

    private static final Logger LOG = Logger.getLogger(IndexRebuild.class);

    private final VideoCatalogClient catalog;
    private final ChannelProfilesClient profiles;
    private final VideoIndex videos;
    private final ChannelIndex channels;
    private final Pool pool;
    private final int pageSize;
    private final Duration clockSkew;
    private final IndexGeneration generation;
    private final AtomicBoolean running = new AtomicBoolean();

    public IndexRebuild(VideoCatalogClient catalog, ChannelProfilesClient profiles, VideoIndex videos,
            ChannelIndex channels, Pool pool, IndexGeneration generation, SearchConfig config) {
        this.catalog = catalog;
        this.generation = generation;
        this.profiles = profiles;
        this.videos = videos;
        this.channels = channels;
        this.pool = pool;
        this.pageSize = Math.max(1, Math.min(ChannelProfilesClient.MAX_CHANNELS, config.rebuild().pageSize()));
        this.clockSkew = config.rebuild().clockSkew();
    }

    /**
     * Walks the whole catalog; one rebuild at a time per replica. A caller that goes away stops
     * the walk after its current page (every page is its own transaction).
     */
    @WithSpan
    public Uni<RebuildIndexResponse> rebuild() {
        if (!running.compareAndSet(false, true)) {
            return Uni.createFrom().failure(DomainException.failedPrecondition("REBUILD_RUNNING",
                    "a rebuild is already running in this replica"));
        }
        Instant now = Instant.now();
        Walk walk = new Walk(now, now.minus(clockSkew));
        LOG.infof("rebuild from the catalog started (walk start %s)", walk.start);
        return page(walk, "", "")
                .invoke(() -> LOG.infof("rebuild done: %d videos read, %d applied, %d removed, %d channels unnamed",
                        walk.read, walk.applied, walk.removed, walk.unnamed))
                .map(x -> walk.response())
                .onTermination().invoke(() -> running.set(false));
    }

    /** Reads and applies the page at {@code token}, then the next; {@code after} is the last id applied. */
    private Uni<Void> page(Walk walk, String token, String after) {
        return catalog.page(token, pageSize).flatMap(page -> apply(walk, page, after).flatMap(last ->
                page.getNextPageToken().isEmpty() ? end(walk, last) : page(walk, page.getNextPageToken(), last)));
    }

    /** One page in one transaction: names, copies, and the sweep of its id range; returns its last id. */
    private Uni<String> apply(Walk walk, ListCatalogVideosResponse page, String after) {
        List<Video> copies = page.getVideosList();
        if (copies.isEmpty()) {
            return Uni.createFrom().item(after);
        }
        String last = copies.get(copies.size() - 1).getVideoId();
        List<String> ids = copies.stream().map(Video::getVideoId).toList();
        Set<String> channelIds = new LinkedHashSet<>();
        copies.forEach(v -> channelIds.add(v.getChannelId()));
        return profiles.channels(channelIds).flatMap(named -> pool.withTransaction(tx ->
                        Multi.createFrom().iterable(named).onItem().transformToUniAndConcatenate(c -> channels.apply(tx, c))
                                .collect().asList()
                                .flatMap(x -> Multi.createFrom().iterable(copies)
                                        .onItem().transformToUniAndConcatenate(v -> copy(tx, v))
                                        .select().where(Boolean::booleanValue).collect().with(Collectors.counting()))
                                .flatMap(applied -> videos.sweep(tx, walk.sweepBefore, after, last, ids)
                                        .invoke(removed -> walk.count(copies.size(), applied, removed,
                                                channelIds.size() - distinct(named))))))
                .invoke(generation::indexChanged)
                .replaceWith(last);
    }

    private Uni<Void> end(Walk walk, String last) {
        return pool.withTransaction(tx -> videos.sweep(tx, walk.sweepBefore, last, null, List.of()))
                .invoke(removed -> walk.count(0, 0, removed, 0)).invoke(generation::indexChanged).replaceWithVoid();
    }

    /** Writes one catalog copy as its event would, versioned by its update_time; true when it changed the row. */
    private Uni<Boolean> copy(SqlClient tx, Video v) {
        Instant version = EventTimes.instant(v.getUpdateTime());
        return v.getStatus() == VideoStatus.VIDEO_STATUS_DELETED
                ? videos.delete(tx, v.getVideoId(), v.getChannelId(), version)
                : videos.applyCatalog(tx, new CatalogState(v.getVideoId(), v.getChannelId(), v.getTitle(),
                        v.getDescription(), v.getTagsList(), v.hasDuration() ? EventTimes.millis(v.getDuration()) : 0,
                        v.hasPublishTime() ? EventTimes.instant(v.getPublishTime()) : version, v.getPosterUrl(),
                        v.getVisibility() == Visibility.VISIBILITY_PUBLIC, v.getStatus() == VideoStatus.VIDEO_STATUS_READY),
                        version);
    }

    private static long distinct(List<Channel> named) {
        return named.stream().map(Channel::channelId).distinct().count();
    }

    /** What one walk did so far; read and written only along its own sequential chain. */
    private static final class Walk {

        final Instant start;
        /** Rows whose catalog version is older than this, and that the walk did not see, are swept. */
        final Instant sweepBefore;
        long read;
        long applied;
        long removed;
        long unnamed;

        Walk(Instant start, Instant sweepBefore) {
            this.start = start;
            this.sweepBefore = sweepBefore;
        }

        void count(long read, long applied, long removed, long unnamed) {
            this.read += read;
            this.applied += applied;
            this.removed += removed;
            this.unnamed += unnamed;
        }

        RebuildIndexResponse response() {
            return RebuildIndexResponse.newBuilder().setVideosRead(read).setVideosApplied(applied)
                    .setVideosRemoved(removed).setChannelsUnnamed(unnamed)
                    .setStartTime(Timestamp.newBuilder().setSeconds(start.getEpochSecond()).setNanos(start.getNano()))
                    .build();
        }
    }
}
