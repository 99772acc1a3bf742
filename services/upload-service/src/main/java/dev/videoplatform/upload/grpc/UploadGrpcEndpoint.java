package dev.videoplatform.upload.grpc;

import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.upload.repository.UploadSession;
import dev.videoplatform.upload.service.UploadSessions;
import dev.videoplatform.upload.v1.AbortUploadRequest;
import dev.videoplatform.upload.v1.AbortUploadResponse;
import dev.videoplatform.upload.v1.CompleteUploadRequest;
import dev.videoplatform.upload.v1.CompleteUploadResponse;
import dev.videoplatform.upload.v1.GetUploadStatusRequest;
import dev.videoplatform.upload.v1.InitiateUploadRequest;
import dev.videoplatform.upload.v1.InitiateUploadResponse;
import dev.videoplatform.upload.v1.Upload;
import dev.videoplatform.upload.v1.UploadChunkRequest;
import dev.videoplatform.upload.v1.UploadChunkResponse;
import dev.videoplatform.upload.v1.UploadService;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** gRPC face of upload sessions. */
@GrpcService
public class UploadGrpcEndpoint implements UploadService {

    private final UploadSessions sessions;

    public UploadGrpcEndpoint(UploadSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public Uni<InitiateUploadResponse> initiateUpload(InitiateUploadRequest request) {
        return sessions.initiate(Caller.current(), request);
    }

    /**
     * Chunks are written one after another; each is on disk and counted before the next is read.
     * A broken stream keeps what was committed: GetUploadStatus says where to resume.
     */
    @Override
    public Uni<UploadChunkResponse> uploadChunk(Multi<UploadChunkRequest> chunks) {
        Caller caller = Caller.current();
        AtomicReference<UploadSession> session = new AtomicReference<>();
        AtomicLong committed = new AtomicLong(-1);
        return chunks.onItem().transformToUniAndConcatenate(chunk -> {
                    UploadSession open = session.get();
                    Uni<UploadSession> current = open != null ? Uni.createFrom().item(open)
                            : sessions.openForWriting(caller, chunk.getUploadId()).invoke(s -> {
                                session.set(s);
                                committed.set(s.committedBytes());
                            });
                    return current.flatMap(s -> {
                        if (!s.id().equals(chunk.getUploadId())) {
                            throw DomainException.invalidArgument("upload_id", "every message of one call must name the same upload");
                        }
                        return sessions.append(s, committed.get(), chunk.getOffset(), chunk.getData());
                    }).invoke(committed::set);
                })
                .collect().last()
                .map(last -> {
                    if (last == null) {
                        throw DomainException.invalidArgument("data", "the stream carried no chunk");
                    }
                    return UploadChunkResponse.newBuilder().setCommittedBytes(last).build();
                });
    }

    @Override
    public Uni<Upload> getUploadStatus(GetUploadStatusRequest request) {
        return sessions.status(Caller.current(), request.getUploadId());
    }

    @Override
    public Uni<CompleteUploadResponse> completeUpload(CompleteUploadRequest request) {
        return sessions.complete(Caller.current(), request.getUploadId(), request.getSha256())
                .map(video -> CompleteUploadResponse.newBuilder().setVideo(video).build());
    }

    @Override
    public Uni<AbortUploadResponse> abortUpload(AbortUploadRequest request) {
        return sessions.abort(Caller.current(), request.getUploadId())
                .map(upload -> AbortUploadResponse.newBuilder().setUpload(upload).build());
    }
}
