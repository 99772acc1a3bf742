package dev.videoplatform.upload.service;

import dev.videoplatform.platform.grpc.CallThread;
import dev.videoplatform.upload.client.ChannelDirectory;
import com.google.protobuf.ByteString;
import dev.videoplatform.events.v1.EventVisibility;
import dev.videoplatform.events.v1.VideoUploaded;
import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.blob.BlobKeys;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.platform.error.Violations;
import dev.videoplatform.platform.hls.RenditionLadder;
import dev.videoplatform.platform.ids.Uuid7;
import dev.videoplatform.platform.outbox.OutboxWriter;
import dev.videoplatform.upload.config.UploadConfig;
import dev.videoplatform.upload.repository.UploadSession;
import dev.videoplatform.upload.repository.UploadSessionRepository;
import dev.videoplatform.upload.repository.VideoRecord;
import dev.videoplatform.upload.repository.VideoRepository;
import dev.videoplatform.upload.v1.InitiateUploadRequest;
import dev.videoplatform.upload.v1.InitiateUploadResponse;
import dev.videoplatform.upload.v1.Upload;
import dev.videoplatform.upload.v1.UploadState;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.Visibility;
import io.opentelemetry.instrumentation.annotations.WithSpan;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/**
 * Resumable upload sessions: initiate (validation, quotas, signed URL), offset-addressed chunks
 * (from the gRPC stream or the signed HTTP PUT), complete (size and SHA-256 checks, raw blob,
 * the video in PROCESSING, and video.uploaded + video.transcode in the same transaction), abort.
 */
@ApplicationScoped
public class UploadSessions {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final UploadSessionRepository sessions;
    private final VideoRepository videos;
    private final UploadStorage storage;
    private final UploadUrls urls;
    private final OutboxWriter outbox;
    private final UploadConfig config;
    private final ChannelDirectory channels;
    private final UploadParts parts;

    public UploadSessions(UploadSessionRepository sessions, VideoRepository videos, UploadStorage storage, UploadUrls urls,
            OutboxWriter outbox, UploadConfig config, ChannelDirectory channels, UploadParts parts) {
        this.parts = parts;
        this.channels = channels;
        this.sessions = sessions;
        this.videos = videos;
        this.storage = storage;
        this.urls = urls;
        this.outbox = outbox;
        this.config = config;
    }

    @WithSpan
    public Uni<InitiateUploadResponse> initiate(Caller caller, InitiateUploadRequest r) {
        Violations v = new Violations();
        VideoRules.title(v, "title", r.getTitle());
        v.length(r.getDescription(), "description", 0, 5000);
        VideoRules.tags(v, "tags", r.getTagsList());
        v.check(r.getVisibility() == Visibility.UNRECOGNIZED, "visibility", "must be PUBLIC, UNLISTED or PRIVATE");
        v.check(r.getSizeBytes() <= 0, "size_bytes", "must be positive");
        v.check(r.getSizeBytes() > config.maxSizeBytes(), "size_bytes", "must be at most " + config.maxSizeBytes() + " bytes");
        v.check(!r.getContentType().toLowerCase(Locale.ROOT).startsWith("video/") || r.getContentType().codePointCount(0, r.getContentType().length()) > 100,
                "content_type", "must be a video/* media type");
        v.check(!r.getSha256().isEmpty() && !SHA256.matcher(r.getSha256()).matches(), "sha256",
                "must be 64 lower-case hex characters");
        for (int i = 0; i < r.getRenditionsCount(); i++) {
            v.check(!RenditionLadder.isKnown(r.getRenditions(i)), "renditions[" + i + "]",
                    "must be one of " + String.join(", ", RenditionLadder.names()));
        }
        v.length(r.getFileName(), "file_name", 0, 255);
        v.length(r.getRequestId(), "request_id", 0, 64);
        v.throwIfAny();
        Visibility visibility = r.getVisibility() == Visibility.VISIBILITY_UNSPECIFIED ? Visibility.VISIBILITY_PRIVATE
                : r.getVisibility();
        String requestId = r.getRequestId().isEmpty() ? null : r.getRequestId();
        Instant expires = Instant.now().plus(config.sessionTtl());
        // The uploader's channel must still exist (a token outlives a deleted account); when
        // user-service cannot say, the verified token is enough.
        Uni<UploadSession> created = channels.existence(caller.userId()).invoke(existence -> {
            if (existence == ChannelDirectory.Existence.ABSENT) {
                throw DomainException.permissionDenied("CHANNEL_NOT_FOUND", "the account " + caller.userId() + " does not exist");
            }
        }).flatMap(ignored -> sessions.pool().withTransaction(tx -> sessions.lockAndMeasure(tx, caller.userId())
                .flatMap(usage -> {
                    if (usage.activeSessions() >= config.maxActiveSessions()) {
                        throw DomainException.resourceExhausted("TOO_MANY_UPLOADS", "at most " + config.maxActiveSessions()
                                + " unfinished uploads at a time; complete or abort one", Duration.ofMinutes(1));
                    }
                    if (usage.bytesLastDay() + r.getSizeBytes() > config.dailyBytes()) {
                        throw DomainException.resourceExhausted("DAILY_UPLOAD_QUOTA", "daily upload volume of "
                                + config.dailyBytes() + " bytes reached", Duration.ofHours(1));
                    }
                    return sessions.insert(tx, Uuid7.next(), Uuid7.next(), caller.userId(), r.getSizeBytes(),
                            r.getContentType(), r.getSha256(), r.getTitle().strip(), r.getDescription(),
                            VideoRules.normalizeTags(r.getTagsList()),
                            visibility, !r.hasCommentsEnabled() || r.getCommentsEnabled(), r.getRenditionsList(),
                            r.getFileName(), requestId, expires);
                })));
        Uni<UploadSession> session = requestId == null ? created
                : sessions.findByRequestId(caller.userId(), requestId).flatMap(earlier -> earlier.isPresent()
                        ? Uni.createFrom().item(earlier.get())
                        : created.onFailure(e -> e instanceof PgException pg && "23505".equals(pg.getSqlState()))
                                .recoverWithUni(() -> sessions.findByRequestId(caller.userId(), requestId)
                                        .map(java.util.Optional::orElseThrow)));
        return session.map(s -> {
            Instant urlExpires = min(s.expiresAt(), Instant.now().plus(config.urlTtl()));
            return InitiateUploadResponse.newBuilder().setUploadId(s.id()).setVideoId(s.videoId())
                    .setChunkSizeBytes(config.chunkSizeBytes()).setExpireTime(VideoViews.timestamp(s.expiresAt()))
                    .setUploadUrl(urls.sign(s.id(), urlExpires, s.sizeBytes())).build();
        });
    }

    @WithSpan
    public Uni<Upload> status(Caller caller, String uploadId) {
        return owned(caller, uploadId).map(this::view);
    }

    /** The session of a chunk stream, checked once: the caller's own, still open. */
    Uni<UploadSession> openForWriting(Caller caller, String uploadId) {
        return owned(caller, uploadId).invoke(UploadSessions::requireActive);
    }

    /** A new UploadChunk call of {@code caller}. */
    public ChunkStream chunkStream(Caller caller) {
        return new ChunkStream(this, storage, parts, caller, config.chunkSizeBytes(), config.syncBytes());
    }

    /** The session as stored now. */
    Uni<UploadSession> reload(String uploadId) {
        return sessions.find(uploadId).map(java.util.Optional::orElseThrow);
    }

    /** The session a signed URL names (the URL is the authorisation). */
    public Uni<UploadSession> forSignedUrl(String uploadId) {
        return sessions.find(uploadId).map(found -> found.orElseThrow(() ->
                DomainException.notFound("UPLOAD_NOT_FOUND", "upload " + uploadId + " does not exist")));
    }

    /** Moves the committed count after bytes were written by another path (the HTTP PUT). */
    public Uni<Long> advance(String uploadId, long from, long to) {
        return sessions.advance(uploadId, from, to).map(moved -> {
            if (!moved) {
                throw DomainException.failedPrecondition("CONCURRENT_WRITE",
                        "another writer moved this upload on; ask GetUploadStatus where to resume");
            }
            return to;
        });
    }

    /** Validates a chunk of {@code length} bytes at {@code offset} against the session's state. */
    public static void checkChunk(UploadSession session, long committed, long offset, long length, long maxLength) {
        requireActive(session);
        if (length <= 0 || length > maxLength) {
            throw DomainException.invalidArgument("data", "must be 1–" + maxLength + " bytes");
        }
        if (offset != committed) {
            throw DomainException.failedPrecondition("CHUNK_OFFSET_MISMATCH", "chunk starts at byte " + offset
                    + " but " + committed + " bytes are committed; resume at " + committed
                    + (offset < committed ? " (it overlaps committed bytes)" : " (it would leave a gap)"));
        }
        if (offset + length > session.sizeBytes()) {
            throw DomainException.invalidArgument("data", "the upload would exceed its declared size of "
                    + session.sizeBytes() + " bytes");
        }
    }

    @WithSpan
    public Uni<Video> complete(Caller caller, String uploadId, String sha256) {
        new Violations().check(!sha256.isEmpty() && !SHA256.matcher(sha256).matches(), "sha256",
                "must be 64 lower-case hex characters").throwIfAny();
        return owned(caller, uploadId).flatMap(session -> {
            if (session.state() == UploadState.UPLOAD_STATE_COMPLETED) {
                return videos.find(session.videoId()).map(found -> VideoViews.video(found.orElseThrow()));
            }
            requireActive(session);
            if (session.committedBytes() != session.sizeBytes()) {
                throw DomainException.failedPrecondition("UPLOAD_INCOMPLETE", session.committedBytes() + " of "
                        + session.sizeBytes() + " bytes received; send the rest first");
            }
            String expected = !sha256.isEmpty() ? sha256 : session.sha256();
            String rawKey = BlobKeys.raw(session.videoId());
            // On S3 the session is a multipart upload (UploadParts); else a partial file, moved in whole.
            Uni<Void> stored = session.multipartUploadId() != null ? parts.complete(session, expected).replaceWithVoid()
                    : UploadSessions.<Void>blocking(() -> {
                if (Files.exists(storage.partial(session.id()))) {
                    String actual = storage.seal(session.id(), session.committedBytes());
                    if (!expected.isEmpty() && !expected.equals(actual)) {
                        throw DomainException.failedPrecondition("CHECKSUM_MISMATCH",
                                "the received bytes have SHA-256 " + actual + ", not " + expected);
                    }
                    storage.publish(session.id(), rawKey);
                }
                return null;
            });
            return stored.flatMap(x -> sessions.pool().withTransaction(tx -> sessions.findForUpdate(tx, uploadId).flatMap(locked -> {
                if (locked.orElseThrow().state() == UploadState.UPLOAD_STATE_COMPLETED) {
                    return videos.find(tx, session.videoId()).map(java.util.Optional::orElseThrow);
                }
                requireActive(locked.get());
                Uni<VideoRecord> created = videos.insertProcessing(tx, session.videoId(), session.ownerId(), session.title(),
                                session.description(), session.tags(), session.visibility(), session.commentsEnabled(), rawKey)
                        .call(video -> outbox.append(tx, video.id(), uploaded(session, rawKey, expected)))
                        .call(video -> outbox.append(tx, video.id(),
                                TranscodeRequests.request(session.videoId(), rawKey, session.renditions(), 1)))
                        .call(video -> sessions.setState(tx, uploadId, "COMPLETED"));
                return created;
            }))).map(VideoViews::video);
        });
    }

    @WithSpan
    public Uni<Upload> abort(Caller caller, String uploadId) {
        return owned(caller, uploadId).flatMap(session -> {
            if (session.state() == UploadState.UPLOAD_STATE_COMPLETED) {
                throw DomainException.failedPrecondition("UPLOAD_COMPLETED", "a completed upload cannot be aborted;"
                        + " delete the video instead");
            }
            return sessions.pool().withTransaction(tx -> sessions.setState(tx, uploadId, "ABORTED"))
                    .call(aborted -> blocking(() -> {
                        storage.discard(uploadId);
                        parts.abort(session);
                        return null;
                    }));
        }).map(this::view);
    }

    /** Ends one expired session and removes its bytes; false if it was no longer active. */
    public Uni<Boolean> expire(String uploadId) {
        return sessions.pool().withTransaction(tx -> sessions.findForUpdate(tx, uploadId).flatMap(found -> {
            if (found.isEmpty() || found.get().state() != UploadState.UPLOAD_STATE_ACTIVE
                    || found.get().expiresAt().isAfter(Instant.now())) {
                return Uni.createFrom().item(java.util.Optional.<UploadSession>empty());
            }
            return sessions.setState(tx, uploadId, "EXPIRED").map(java.util.Optional::of);
        })).flatMap(expired -> expired.isEmpty() ? Uni.createFrom().item(false) : blocking(() -> {
            storage.discard(uploadId);
            parts.abort(expired.get());
            return true;
        }));
    }

    private Uni<UploadSession> owned(Caller caller, String uploadId) {
        new Violations().requireNonBlank(uploadId, "upload_id").length(uploadId, "upload_id", 0, 64).throwIfAny();
        return sessions.find(uploadId).map(found -> found
                .filter(s -> Objects.equals(s.ownerId(), caller.userId()))
                .orElseThrow(() -> DomainException.notFound("UPLOAD_NOT_FOUND", "upload " + uploadId + " does not exist")));
    }

    private static void requireActive(UploadSession session) {
        if (!session.isActive()) {
            throw DomainException.failedPrecondition("UPLOAD_NOT_ACTIVE", "upload " + session.id() + " is "
                    + (session.state() == UploadState.UPLOAD_STATE_ACTIVE ? "expired" : session.state().name()
                            .substring("UPLOAD_STATE_".length()).toLowerCase(Locale.ROOT)));
        }
    }

    private VideoUploaded uploaded(UploadSession s, String rawKey, String sha256) {
        return VideoUploaded.newBuilder().setVideoId(s.videoId()).setChannelId(s.ownerId()).setUploadId(s.id())
                .setRawBlobKey(rawKey).setSizeBytes(s.sizeBytes()).setContentType(s.contentType()).setSha256(sha256)
                .setTitle(s.title()).setVisibility(EventVisibility.forNumber(s.visibility().getNumber())).build();
    }

    Upload view(UploadSession s) {
        Upload.Builder u = Upload.newBuilder().setUploadId(s.id()).setVideoId(s.videoId()).setOwnerId(s.ownerId())
                .setState(s.state() == UploadState.UPLOAD_STATE_ACTIVE && !s.isActive() ? UploadState.UPLOAD_STATE_EXPIRED
                        : s.state())
                .setSizeBytes(s.sizeBytes()).setCommittedBytes(s.committedBytes()).setChunkSizeBytes(config.chunkSizeBytes())
                .setContentType(s.contentType()).setCreateTime(VideoViews.timestamp(s.createdAt()))
                .setExpireTime(VideoViews.timestamp(s.expiresAt()));
        if (s.completedAt() != null) {
            u.setCompleteTime(VideoViews.timestamp(s.completedAt()));
        }
        return u.build();
    }

    /** File work on a worker thread (never the event loop), back on the call's context; I/O failures surface unchecked. */
    static <T> Uni<T> blocking(Callable<T> work) {
        return CallThread.offload(Uni.createFrom().<T>item(() -> {
            try {
                return work.call();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
