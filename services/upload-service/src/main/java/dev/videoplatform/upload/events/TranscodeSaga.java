package dev.videoplatform.upload.events;

import com.google.protobuf.Message;
import dev.videoplatform.events.v1.AdminVideoBanned;
import dev.videoplatform.events.v1.AdminVideoUnbanned;
import dev.videoplatform.events.v1.RenditionOutput;
import dev.videoplatform.events.v1.VideoAnalyticsFailed;
import dev.videoplatform.events.v1.VideoTranscodeFailed;
import dev.videoplatform.events.v1.VideoTranscodeProgress;
import dev.videoplatform.events.v1.VideoTranscoded;
import dev.videoplatform.platform.events.IdempotentConsumer;
import dev.videoplatform.platform.outbox.OutboxWriter;
import dev.videoplatform.upload.config.UploadConfig;
import dev.videoplatform.upload.repository.UploadSession;
import dev.videoplatform.upload.repository.UploadSessionRepository;
import dev.videoplatform.upload.repository.VideoRecord;
import dev.videoplatform.upload.repository.VideoRepository;
import dev.videoplatform.upload.service.TranscodeRequests;
import dev.videoplatform.upload.service.VideoCache;
import dev.videoplatform.upload.service.VideoStatusFeed;
import dev.videoplatform.upload.service.VideoViews;
import dev.videoplatform.upload.v1.Rendition;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The catalog's side of the choreographed saga: transcode progress and results, the
 * compensations (transcode or analytics failed → FAILED) and moderation (banned / unbanned).
 * Each event is applied once (idempotent consumer) and only from the states it makes sense in,
 * so late or repeated events never move a video backwards.
 */
@ApplicationScoped
public class TranscodeSaga {

    static final String GROUP = "upload-service";
    private static final Logger LOG = Logger.getLogger(TranscodeSaga.class);

    private final IdempotentConsumer consumer;
    private final VideoRepository videos;
    private final OutboxWriter outbox;
    private final VideoCache cache;
    private final VideoStatusFeed feed;
    private final UploadSessionRepository sessions;
    private final UploadConfig config;

    public TranscodeSaga(IdempotentConsumer consumer, VideoRepository videos, OutboxWriter outbox, VideoCache cache,
            VideoStatusFeed feed, UploadSessionRepository sessions, UploadConfig config) {
        this.sessions = sessions;
        this.config = config;
        this.consumer = consumer;
        this.videos = videos;
        this.outbox = outbox;
        this.cache = cache;
        this.feed = feed;
    }

    @Incoming("video-transcode-progress")
    public Uni<Void> onProgress(byte[] record) {
        return apply(record, VideoTranscodeProgress.class, VideoTranscodeProgress::getVideoId, (tx, v) -> {
            VideoTranscodeProgress p = v.event;
            if (v.video.status() != VideoStatus.VIDEO_STATUS_PROCESSING || p.getProgressPercent() <= v.video.progressPercent()) {
                return Uni.createFrom().item(Optional.empty());
            }
            return videos.setProgress(tx, v.video.id(), Math.min(99, p.getProgressPercent())).map(Optional::of);
        });
    }

    @Incoming("video-transcoded")
    public Uni<Void> onTranscoded(byte[] record) {
        return apply(record, VideoTranscoded.class, VideoTranscoded::getVideoId, (tx, v) -> {
            VideoTranscoded t = v.event;
            if (v.video.status() != VideoStatus.VIDEO_STATUS_PROCESSING) {
                return Uni.createFrom().item(Optional.empty());
            }
            boolean publish = v.video.visibility() != Visibility.VISIBILITY_PRIVATE;
            long millis = t.getDuration().getSeconds() * 1000 + t.getDuration().getNanos() / 1_000_000;
            return videos.markReady(tx, v.video.id(), t.getRenditionsList().stream().map(TranscodeSaga::rendition).toList(),
                            millis, t.getHlsPrefix(), t.getPosterKey().isEmpty() ? null : t.getPosterKey(), publish)
                    .call(ready -> publish ? outbox.append(tx, ready.id(), VideoViews.published(ready)) : Uni.createFrom().voidItem())
                    .call(ready -> outbox.append(tx, ready.id(), VideoViews.updated(ready)))
                    .map(Optional::of);
        });
    }

    /**
     * A retriable failure (I/O, a stopped worker) before the last allowed attempt starts the next
     * attempt with a new job; anything else is the compensation: the video becomes FAILED.
     */
    @Incoming("video-transcode-failed")
    public Uni<Void> onTranscodeFailed(byte[] record) {
        return apply(record, VideoTranscodeFailed.class, VideoTranscodeFailed::getVideoId, (tx, v) -> {
            VideoTranscodeFailed failed = v.event;
            if (failed.getRetriable() && failed.getAttempt() < config.transcodeAttempts()
                    && v.video.status() == VideoStatus.VIDEO_STATUS_PROCESSING && v.video.rawBlobKey() != null) {
                return sessions.findByVideoId(tx, v.video.id()).flatMap(session -> outbox.append(tx, v.video.id(),
                                TranscodeRequests.request(v.video.id(), v.video.rawBlobKey(),
                                        session.map(UploadSession::renditions).orElse(List.of()), failed.getAttempt() + 1)))
                        .map(ignored -> Optional.<VideoRecord>empty());
            }
            return fail(tx, v.video, "transcoding failed: " + failed.getReason());
        });
    }

    @Incoming("video-analytics-failed")
    public Uni<Void> onAnalyticsFailed(byte[] record) {
        return apply(record, VideoAnalyticsFailed.class, VideoAnalyticsFailed::getVideoId,
                (tx, v) -> fail(tx, v.video, "analytics set-up failed: " + v.event.getReason()));
    }

    @Incoming("admin-video-banned")
    public Uni<Void> onBanned(byte[] record) {
        return apply(record, AdminVideoBanned.class, AdminVideoBanned::getVideoId, (tx, v) -> {
            if (v.video.status() == VideoStatus.VIDEO_STATUS_BANNED || v.video.deletedAt() != null) {
                return Uni.createFrom().item(Optional.empty());
            }
            return videos.ban(tx, v.video.id(), v.event.getReason())
                    .call(banned -> outbox.append(tx, banned.id(), VideoViews.updated(banned))).map(Optional::of);
        });
    }

    @Incoming("admin-video-unbanned")
    public Uni<Void> onUnbanned(byte[] record) {
        return apply(record, AdminVideoUnbanned.class, AdminVideoUnbanned::getVideoId, (tx, v) -> {
            if (v.video.status() != VideoStatus.VIDEO_STATUS_BANNED) {
                return Uni.createFrom().item(Optional.empty());
            }
            return videos.unban(tx, v.video.id())
                    .call(restored -> outbox.append(tx, restored.id(), VideoViews.updated(restored))).map(Optional::of);
        });
    }

    private Uni<Optional<VideoRecord>> fail(SqlConnection tx, VideoRecord video, String reason) {
        if (video.status() != VideoStatus.VIDEO_STATUS_PROCESSING) {
            return Uni.createFrom().item(Optional.empty());
        }
        return videos.setStatus(tx, video.id(), VideoStatus.VIDEO_STATUS_FAILED, reason)
                .call(failed -> outbox.append(tx, failed.id(), VideoViews.updated(failed))).map(Optional::of);
    }

    /** An event and the locked row of the video it is about. */
    private record Step<E>(E event, VideoRecord video) {
    }

    /**
     * Applies one event to its video under the row lock; after commit, the cache entry is dropped
     * and status watchers are nudged when something changed.
     */
    private <E extends Message> Uni<Void> apply(byte[] record, Class<E> type, Function<E, String> videoIdOf,
            BiFunction<SqlConnection, Step<E>, Uni<Optional<VideoRecord>>> change) {
        String[] changedId = new String[1];
        return consumer.consume(GROUP, record, type, call -> {
                    String videoId = videoIdOf.apply(call.event());
                    return videos.findForUpdate(call.tx(), videoId).flatMap(found -> {
                        if (found.isEmpty()) {
                            LOG.warnf("%s for unknown video %s ignored", call.envelope().getEventType(), videoId);
                            return Uni.createFrom().voidItem();
                        }
                        return change.apply(call.tx(), new Step<>(call.event(), found.get())).invoke(changed ->
                                changed.ifPresent(v -> changedId[0] = v.id())).replaceWithVoid();
                    });
                })
                .call(processed -> changedId[0] == null ? Uni.createFrom().voidItem()
                        : cache.invalidate(changedId[0]).call(() -> feed.publish(changedId[0])))
                .replaceWithVoid();
    }

    private static Rendition rendition(RenditionOutput output) {
        return Rendition.newBuilder().setName(output.getName()).setWidth(output.getWidth()).setHeight(output.getHeight())
                .setBandwidthBps(output.getBandwidthBps()).setCodecs(output.getCodecs()).build();
    }
}
