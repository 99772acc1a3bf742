package dev.videoplatform.upload.grpc;

import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.platform.error.DomainException;
import dev.videoplatform.upload.service.ChunkStream;
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
     * Chunks are written one after another (see ChunkStream for when they count as committed).
     * A broken stream keeps what was committed: GetUploadStatus says where to resume.
     */
    @Override
    public Uni<UploadChunkResponse> uploadChunk(Multi<UploadChunkRequest> chunks) {
        ChunkStream stream = sessions.chunkStream(Caller.current());
        return chunks.onItem().transformToUniAndConcatenate(chunk ->
                        stream.accept(chunk.getUploadId(), chunk.getOffset(), chunk.getData()))
                .collect().last()
                // However the stream ends, what was written is synced and counted before we answer.
                .onItemOrFailure().transformToUni((last, failure) -> stream.finish().map(committed -> {
                    if (failure != null) {
                        throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
                    }
                    if (last == null) {
                        throw DomainException.invalidArgument("data", "the stream carried no chunk");
                    }
                    return UploadChunkResponse.newBuilder().setCommittedBytes(committed).build();
                }));
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
