package dev.videoplatform.upload.service;

import dev.videoplatform.platform.grpc.CallThread;
import dev.videoplatform.upload.client.ChannelDirectory;
import dev.videoplatform.events.v1.VideoDeleted;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.auth.SuspendedUsers;
import dev.videoplatform.platform.blob.BlobKeys;
import dev.videoplatform.platform.blob.BlobStore;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.error.Violations;
import dev.videoplatform.platform.outbox.OutboxWriter;
import dev.videoplatform.platform.paging.PageTokens;
import dev.videoplatform.upload.repository.VideoRecord;
import dev.videoplatform.upload.repository.VideoRepository;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.VideoStatusUpdate;
import dev.videoplatform.upload.v1.Visibility;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jboss.logging.Logger;

/** The video catalog behind VideoService: reads (cached), owner updates, deletes, status streams. */
@ApplicationScoped
public class VideoCatalog {

    private static final Logger LOG = Logger.getLogger(VideoCatalog.class);
    private static final Set<String> UPDATABLE = Set.of("title", "description", "tags", "visibility", "comments_enabled");
    static final int MAX_BATCH = 100;
    static final int DEFAULT_PAGE = 20;
    static final int MAX_PAGE = 100;
    static final int DEFAULT_CATALOG_PAGE = 500;
    static final int MAX_CATALOG_PAGE = 1000;

    /** One page of videos and the token of the next (empty at the end). */
    public record Page(List<Video> videos, String nextPageToken) {
    }

    private final VideoRepository videos;
    private final VideoCache cache;
    private final VideoStatusFeed feed;
    private final OutboxWriter outbox;
    private final PageTokens pageTokens;
    private final BlobStore blobs;
    private final ChannelDirectory channels;
    private final SuspendedUsers suspendedUsers;
    private final WatchStreams watchStreams;

    public VideoCatalog(VideoRepository videos, VideoCache cache, VideoStatusFeed feed, OutboxWriter outbox,
            PageTokens pageTokens, BlobStore blobs, ChannelDirectory channels, WatchStreams watchStreams,
            SuspendedUsers suspendedUsers) {
        this.channels = channels;
        this.suspendedUsers = suspendedUsers;
        this.watchStreams = watchStreams;
        this.videos = videos;
        this.cache = cache;
        this.feed = feed;
        this.outbox = outbox;
        this.pageTokens = pageTokens;
        this.blobs = blobs;
    }

    @WithSpan
    public Uni<Video> get(String videoId, Caller viewer) {
        new Violations().requireNonBlank(videoId, "video_id").length(videoId, "video_id", 0, 64).throwIfAny();
        return load(List.of(videoId)).map(found -> {
            Video video = found.get(videoId);
            if (video == null || !VideoViews.visibleTo(video, viewer)) {
                throw notFound(videoId);
            }
            return video;
        });
    }

    /** Any non-deleted video, unfiltered: for streaming-service, which enforces playback rights itself. */
    @WithSpan
    public Uni<Video> getForPlayback(String videoId) {
        new Violations().requireNonBlank(videoId, "video_id").length(videoId, "video_id", 0, 64).throwIfAny();
        return load(List.of(videoId)).map(found -> {
            Video video = found.get(videoId);
            if (video == null || video.getStatus() == VideoStatus.VIDEO_STATUS_DELETED) {
                throw notFound(videoId);
            }
            return video;
        });
    }

    @WithSpan
    public Uni<Map.Entry<List<Video>, List<String>>> batchGet(List<String> ids, Caller viewer) {
        Violations v = new Violations();
        v.check(ids.isEmpty(), "video_ids", "is required");
        v.check(ids.size() > MAX_BATCH, "video_ids", "at most " + MAX_BATCH + " ids");
        for (int i = 0; i < ids.size(); i++) {
            v.requireNonBlank(ids.get(i), "video_ids[" + i + "]");
        }
        v.throwIfAny();
        List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids));
        return load(unique).map(found -> {
            List<Video> shown = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String id : unique) {
                Video video = found.get(id);
                if (video != null && VideoViews.visibleTo(video, viewer)) {
                    shown.add(video);
                } else {
                    missing.add(id);
                }
            }
            return Map.entry(shown, missing);
        });
    }

    /** Cache first, then the database (and back into the cache). */
    Uni<Map<String, Video>> load(List<String> ids) {
        return cache.getOrLoad(ids, misses -> videos.findAll(misses).map(rows -> {
            Map<String, Video> loaded = new HashMap<>();
            rows.forEach(row -> loaded.put(row.id(), VideoViews.video(row)));
            return loaded;
        }));
    }

    @WithSpan
    public Uni<Page> listChannel(String channelId, int requestedSize, String pageToken, Caller viewer) {
        new Violations().requireNonBlank(channelId, "channel_id").throwIfAny();
        int size = PageTokens.pageSize(requestedSize, DEFAULT_PAGE, MAX_PAGE, "page_size");
        boolean everything = viewer.isSelfOrAdmin(channelId);
        String scope = "channel:" + channelId + ":" + everything;
        List<String> cursor = pageToken.isEmpty() ? null : pageTokens.decode(scope, pageToken, "page_token");
        Instant afterTime = cursor == null ? null : Instant.parse(cursor.get(0));
        String afterId = cursor == null ? null : cursor.get(1);
        // A suspended user's channel shows strangers nothing until the user is reinstated.
        Uni<Boolean> hidden = everything ? Uni.createFrom().item(false) : suspendedUsers.isSuspended(channelId);
        return hidden.flatMap(suspended -> suspended ? Uni.createFrom().item(new Page(List.of(), ""))
                : channelPage(channelId, everything, scope, afterTime, afterId, size, cursor == null));
    }

    private Uni<Page> channelPage(String channelId, boolean everything, String scope, Instant afterTime, String afterId,
            int size, boolean firstPage) {
        return videos.listByChannel(channelId, !everything, afterTime, afterId, size + 1).call(rows ->
                // Nothing to show a stranger: tell "no such channel" from "no public videos" (user-service
                // knows the channels; when it cannot answer, an empty page is the safe reply).
                rows.isEmpty() && firstPage && !everything
                        ? channels.existence(channelId).invoke(existence -> {
                            if (existence == ChannelDirectory.Existence.ABSENT) {
                                throw DomainException.notFound("CHANNEL_NOT_FOUND", "no channel " + channelId);
                            }
                        })
                        : Uni.createFrom().voidItem()).map(rows -> {
            boolean more = rows.size() > size;
            List<VideoRecord> shown = more ? rows.subList(0, size) : rows;
            String next = more ? pageTokens.encode(scope, List.of(shown.get(size - 1).createdAt().toString(),
                    shown.get(size - 1).id())) : "";
            return new Page(shown.stream().map(VideoViews::video).toList(), next);
        });
    }

    /** The whole catalog in id order, for services rebuilding a read model (the RPC admits only them). */
    @WithSpan
    public Uni<Page> listCatalog(int requestedSize, String pageToken) {
        int size = PageTokens.pageSize(requestedSize, DEFAULT_CATALOG_PAGE, MAX_CATALOG_PAGE, "page_size");
        String afterId = pageToken.isEmpty() ? null : pageTokens.decode("catalog", pageToken, "page_token").get(0);
        return videos.listAll(afterId, size + 1).map(rows -> {
            boolean more = rows.size() > size;
            List<VideoRecord> shown = more ? rows.subList(0, size) : rows;
            String next = more ? pageTokens.encode("catalog", List.of(shown.get(size - 1).id())) : "";
            return new Page(shown.stream().map(VideoViews::video).toList(), next);
        });
    }

    @WithSpan
    public Uni<Video> update(Video patch, List<String> paths, Caller caller) {
        Violations v = new Violations();
        v.requireNonBlank(patch.getVideoId(), "video.video_id");
        v.check(paths.isEmpty(), "update_mask", "must name at least one field");
        for (String path : paths) {
            v.check(!UPDATABLE.contains(path), "update_mask", "'" + path + "' cannot be updated (allowed: "
                    + String.join(", ", UPDATABLE.stream().sorted().toList()) + ")");
        }
        if (paths.contains("title")) {
            VideoRules.title(v, "video.title", patch.getTitle());
        }
        if (paths.contains("description")) {
            v.length(patch.getDescription(), "video.description", 0, 5000);
        }
        if (paths.contains("tags")) {
            VideoRules.tags(v, "video.tags", patch.getTagsList());
        }
        if (paths.contains("visibility")) {
            v.check(patch.getVisibility() == Visibility.VISIBILITY_UNSPECIFIED
                    || patch.getVisibility() == Visibility.UNRECOGNIZED, "video.visibility", "must be PUBLIC, UNLISTED or PRIVATE");
        }
        v.throwIfAny();
        return videos.pool().withTransaction(tx -> videos.findForUpdate(tx, patch.getVideoId()).flatMap(found -> {
            VideoRecord current = found.filter(r -> r.deletedAt() == null).orElseThrow(() -> notFound(patch.getVideoId()));
            requireOwner(current, caller, true);
            return videos.updateMetadata(tx, current.id(),
                    paths.contains("title") ? patch.getTitle() : current.title(),
                    paths.contains("description") ? patch.getDescription() : current.description(),
                    paths.contains("tags") ? VideoRules.normalizeTags(patch.getTagsList()) : current.tags(),
                    paths.contains("visibility") ? patch.getVisibility() : current.visibility(),
                    paths.contains("comments_enabled") ? patch.getCommentsEnabled() : current.commentsEnabled())
                    .flatMap(updated -> {
                        boolean firstPublish = updated.status() == VideoStatus.VIDEO_STATUS_READY
                                && updated.publishedAt() == null && updated.visibility() != Visibility.VISIBILITY_PRIVATE;
                        Uni<VideoRecord> result = firstPublish ? videos.markPublished(tx, updated.id())
                                .call(p -> outbox.append(tx, p.id(), VideoViews.published(p)))
                                : Uni.createFrom().item(updated);
                        return result.call(r -> outbox.append(tx, r.id(), VideoViews.updated(r)));
                    });
        })).call(r -> cache.invalidate(r.id())).map(VideoViews::video);
    }

    /** Soft delete by the owner or an admin: the row stays (as DELETED), the blobs go. */
    @WithSpan
    public Uni<String> delete(String videoId, Caller caller) {
        new Violations().requireNonBlank(videoId, "video_id").throwIfAny();
        return videos.pool().withTransaction(tx -> videos.findForUpdate(tx, videoId).flatMap(found -> {
            VideoRecord current = found.filter(r -> r.deletedAt() == null).orElseThrow(() -> notFound(videoId));
            requireOwner(current, caller, false);
            return videos.softDelete(tx, videoId).call(deleted -> outbox.append(tx, videoId, VideoDeleted.newBuilder()
                    .setVideoId(videoId).setChannelId(deleted.channelId()).setDeletedBy(caller.userId()).build()));
        })).call(deleted -> cache.invalidate(videoId))
                .call(deleted -> feed.publish(videoId))
                .call(deleted -> CallThread.offload(Uni.createFrom().item(() -> {
                    removeBlobs(deleted);
                    return deleted;
                })))
                .map(VideoRecord::id);
    }

    /** Everything under the video's keys, not only what the row points at: a half-published ladder goes too. */
    private void removeBlobs(VideoRecord video) {
        for (String key : BlobKeys.ofVideo(video.id())) {
            try {
                blobs.delete(key);
            } catch (Exception e) {
                // The row is DELETED either way; a leftover blob is only storage, and logged.
                LOG.warnf("could not remove %s of deleted video %s: %s", key, video.id(), e.getMessage());
            }
        }
    }

    /**
     * The video's status now, then each change (progress included) until a final status:
     * READY, FAILED, BANNED or DELETED. Wakes on the status feed, and re-reads every few seconds
     * in case a nudge was lost.
     */
    @WithSpan
    public Multi<VideoStatusUpdate> watch(String videoId, Caller viewer) {
        new Violations().requireNonBlank(videoId, "video_id").length(videoId, "video_id", 0, 64).throwIfAny();
        return load(List.of(videoId)).onItem().transformToMulti(loaded -> {
            // Only the owner's and admins' stream (video.proto); to anyone else it does not exist.
            Video video = loaded.get(videoId);
            if (video == null || video.getStatus() == VideoStatus.VIDEO_STATUS_DELETED
                    || !viewer.isSelfOrAdmin(video.getChannelId())) {
                throw notFound(videoId);
            }
            Runnable release = watchStreams.open(viewer.userId());
            Multi<String> wakeUps = Multi.createBy().merging().streams(
                    Multi.createFrom().item("now"),
                    feed.changes(videoId).onFailure().recoverWithCompletion(),
                    Multi.createFrom().ticks().every(Duration.ofSeconds(2)).map(tick -> "tick"));
            return wakeUps.onItem().transformToUniAndConcatenate(x -> videos.find(videoId))
                    .map(found -> found.map(VideoViews::statusUpdate)
                            .orElseGet(() -> VideoStatusUpdate.newBuilder().setVideoId(videoId)
                                    .setStatus(VideoStatus.VIDEO_STATUS_DELETED).build()))
                    .skip().repetitions()
                    // A final update is followed by an end marker, so the stream completes at once.
                    .onItem().transformToMultiAndConcatenate(update -> isFinal(update)
                            ? Multi.createFrom().items(update, END) : Multi.createFrom().item(update))
                    .select().first(update -> update != END)
                    .onTermination().invoke(release);
        });
    }

    private static final VideoStatusUpdate END = VideoStatusUpdate.newBuilder().setVideoId("end of stream").build();

    private static boolean isFinal(VideoStatusUpdate update) {
        return switch (update.getStatus()) {
            case VIDEO_STATUS_READY, VIDEO_STATUS_FAILED, VIDEO_STATUS_BANNED, VIDEO_STATUS_DELETED -> true;
            default -> false;
        };
    }

    private static void requireOwner(VideoRecord video, Caller caller, boolean ownerOnly) {
        boolean allowed = Objects.equals(video.channelId(), caller.userId()) || (!ownerOnly && caller.isAdmin());
        if (!allowed) {
            if (video.visibility() == Visibility.VISIBILITY_PRIVATE && !caller.isAdmin()) {
                throw notFound(video.id());
            }
            throw DomainException.permissionDenied("NOT_OWNER", "only the video's owner may change it");
        }
    }

    static DomainException notFound(String videoId) {
        return DomainException.notFound("VIDEO_NOT_FOUND", "video " + videoId + " does not exist");
    }
}
