package dev.videoplatform.upload.grpc;

import dev.videoplatform.platform.auth.Caller;
import dev.videoplatform.upload.service.VideoCatalog;
import dev.videoplatform.upload.v1.BatchGetVideosRequest;
import dev.videoplatform.upload.v1.BatchGetVideosResponse;
import dev.videoplatform.upload.v1.DeleteVideoRequest;
import dev.videoplatform.upload.v1.DeleteVideoResponse;
import dev.videoplatform.upload.v1.GetVideoForPlaybackRequest;
import dev.videoplatform.upload.v1.GetVideoRequest;
import dev.videoplatform.upload.v1.ListCatalogVideosRequest;
import dev.videoplatform.upload.v1.ListCatalogVideosResponse;
import dev.videoplatform.upload.v1.ListChannelVideosRequest;
import dev.videoplatform.upload.v1.ListChannelVideosResponse;
import dev.videoplatform.upload.v1.UpdateVideoRequest;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoService;
import dev.videoplatform.upload.v1.VideoStatusUpdate;
import dev.videoplatform.upload.v1.WatchVideoStatusRequest;
import io.quarkus.grpc.GrpcService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** gRPC face of the video catalog; every other service reads videos through it. */
@GrpcService
public class VideoGrpcEndpoint implements VideoService {

    private final VideoCatalog catalog;

    public VideoGrpcEndpoint(VideoCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Uni<Video> getVideo(GetVideoRequest request) {
        return catalog.get(request.getVideoId(), Caller.current());
    }

    @Override
    public Uni<Video> getVideoForPlayback(GetVideoForPlaybackRequest request) {
        return catalog.getForPlayback(request.getVideoId());
    }

    @Override
    public Uni<BatchGetVideosResponse> batchGetVideos(BatchGetVideosRequest request) {
        return catalog.batchGet(request.getVideoIdsList(), Caller.current())
                .map(found -> BatchGetVideosResponse.newBuilder().addAllVideos(found.getKey())
                        .addAllMissingVideoIds(found.getValue()).build());
    }

    @Override
    public Uni<ListCatalogVideosResponse> listCatalogVideos(ListCatalogVideosRequest request) {
        return catalog.listCatalog(request.getPageSize(), request.getPageToken())
                .map(page -> ListCatalogVideosResponse.newBuilder().addAllVideos(page.videos())
                        .setNextPageToken(page.nextPageToken()).build());
    }

    @Override
    public Uni<ListChannelVideosResponse> listChannelVideos(ListChannelVideosRequest request) {
        return catalog.listChannel(request.getChannelId(), request.getPageSize(), request.getPageToken(), Caller.current())
                .map(page -> ListChannelVideosResponse.newBuilder().addAllVideos(page.videos())
                        .setNextPageToken(page.nextPageToken()).build());
    }

    @Override
    public Uni<Video> updateVideo(UpdateVideoRequest request) {
        return catalog.update(request.getVideo(), request.getUpdateMask().getPathsList(), Caller.current());
    }

    @Override
    public Uni<DeleteVideoResponse> deleteVideo(DeleteVideoRequest request) {
        return catalog.delete(request.getVideoId(), Caller.current())
                .map(id -> DeleteVideoResponse.newBuilder().setVideoId(id).build());
    }

    @Override
    public Multi<VideoStatusUpdate> watchVideoStatus(WatchVideoStatusRequest request) {
        return catalog.watch(request.getVideoId(), Caller.current());
    }
}
