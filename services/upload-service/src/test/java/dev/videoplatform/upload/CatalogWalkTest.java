package dev.videoplatform.upload;

import static dev.videoplatform.upload.UploadClient.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.upload.v1.DeleteVideoRequest;
import dev.videoplatform.upload.v1.ListCatalogVideosRequest;
import dev.videoplatform.upload.v1.ListCatalogVideosResponse;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.VideoServiceGrpc;
import dev.videoplatform.upload.v1.VideoStatus;
import dev.videoplatform.upload.v1.Visibility;
import io.grpc.Status;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** VideoService.ListCatalogVideos: the whole catalog for services rebuilding a read model. */
@QuarkusTest
class CatalogWalkTest {

    @Test
    void aServiceWalksTheWholeCatalogInIdOrderDeletedAndPrivateIncluded() throws Exception {
        try (UploadClient owner = UploadClient.newUser()) {
            List<Video> mine = new ArrayList<>();
            for (Visibility visibility : List.of(Visibility.VISIBILITY_PUBLIC, Visibility.VISIBILITY_PRIVATE,
                    Visibility.VISIBILITY_UNLISTED, Visibility.VISIBILITY_PUBLIC)) {
                mine.add(owner.uploadVideo(visibility));
            }
            owner.videos().deleteVideo(DeleteVideoRequest.newBuilder().setVideoId(mine.get(3).getVideoId()).build());

            VideoServiceGrpc.VideoServiceBlockingStub search = owner.videosAsService("search-service");
            List<Video> walked = new ArrayList<>();
            String token = "";
            int pages = 0;
            do {
                ListCatalogVideosResponse page = search.listCatalogVideos(ListCatalogVideosRequest.newBuilder().setPageSize(3)
                        .setPageToken(token).build());
                assertTrue(page.getVideosCount() <= 3);
                walked.addAll(page.getVideosList());
                token = page.getNextPageToken();
                pages++;
            } while (!token.isEmpty());

            List<String> ids = walked.stream().map(Video::getVideoId).toList();
            assertEquals(ids.stream().sorted().toList(), ids, "id order, so videos created during a walk come at its end");
            assertEquals(ids.size(), ids.stream().distinct().count(), "no video twice");
            assertTrue(pages >= 2, "more than one page of three");
            Map<String, Video> byId = walked.stream().collect(Collectors.toMap(Video::getVideoId, Function.identity()));
            for (Video video : mine) {
                assertTrue(byId.containsKey(video.getVideoId()), "every video of the catalog: " + video.getVideoId());
            }
            assertEquals(Visibility.VISIBILITY_PRIVATE, byId.get(mine.get(1).getVideoId()).getVisibility());
            assertEquals(VideoStatus.VIDEO_STATUS_DELETED, byId.get(mine.get(3).getVideoId()).getStatus(),
                    "a deleted video comes as DELETED, so a rebuilt read model drops it");
            assertTrue(byId.get(mine.get(0).getVideoId()).hasUpdateTime(), "update_time orders two copies of a video");
        }
    }

    @Test
    void onlyServicesMayWalkTheCatalogAndPagesAreBounded() {
        try (UploadClient user = UploadClient.newUser()) {
            ListCatalogVideosRequest all = ListCatalogVideosRequest.getDefaultInstance();
            assertStatus(Status.Code.PERMISSION_DENIED, "SERVICE_ONLY", () -> user.videos().listCatalogVideos(all));
            assertStatus(Status.Code.UNAUTHENTICATED, "TOKEN_MISSING", () -> user.videosAnonymously().listCatalogVideos(all));
            VideoServiceGrpc.VideoServiceBlockingStub search = user.videosAsService("search-service");
            assertEquals(List.of("page_size"), UploadClient.violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null,
                    () -> search.listCatalogVideos(ListCatalogVideosRequest.newBuilder().setPageSize(-1).build()))));
            assertEquals(List.of("page_token"), UploadClient.violatedFields(assertStatus(Status.Code.INVALID_ARGUMENT, null,
                    () -> search.listCatalogVideos(ListCatalogVideosRequest.newBuilder().setPageToken("forged").build()))));
            assertTrue(search.listCatalogVideos(ListCatalogVideosRequest.newBuilder().setPageSize(5000).build())
                    .getVideosCount() <= 1000, "page_size above the maximum is coerced to 1000");
        }
    }
}
