package dev.videoplatform.upload;

import static dev.videoplatform.upload.UploadClient.assertStatus;
import static dev.videoplatform.upload.UploadClient.violatedFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.FieldMask;
import dev.videoplatform.upload.v1.GetVideoRequest;
import dev.videoplatform.upload.v1.InitiateUploadResponse;
import dev.videoplatform.upload.v1.UpdateVideoRequest;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.Visibility;
import io.grpc.Status;
import io.vertx.core.json.JsonObject;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input is the client's error (INVALID_ARGUMENT / 400 with a JSON body), never INTERNAL / 500. */
@QuarkusTest
class BadInputTest {

    private UploadClient client;

    @BeforeEach
    void open() {
        client = UploadClient.newUser();
    }

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void aNulInAVideoIdIsInvalidArgument() {
        var e = assertStatus(Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT",
                () -> client.videos().getVideo(GetVideoRequest.newBuilder().setVideoId("\u0000").build()));
        assertEquals(List.of("video_id"), violatedFields(e));
    }

    @Test
    void aNulInANewTitleIsInvalidArgument() throws Exception {
        Video video = client.uploadVideo(Visibility.VISIBILITY_PRIVATE);
        var e = assertStatus(Status.Code.INVALID_ARGUMENT, "INVALID_ARGUMENT",
                () -> client.videos().updateVideo(UpdateVideoRequest.newBuilder()
                        .setVideo(Video.newBuilder().setVideoId(video.getVideoId()).setTitle("nul\u0000title"))
                        .setUpdateMask(FieldMask.newBuilder().addPaths("title")).build()));
        assertEquals(List.of("video.title"), violatedFields(e));
    }

    @Test
    void numbersTooLargeForTheSignedPutAre400WithAJsonError() throws Exception {
        byte[] file = UploadClient.randomBytes(1000);
        InitiateUploadResponse upload = client.initiate(file, Visibility.VISIBILITY_PRIVATE);
        String url = upload.getUploadUrl().replace("http://localhost:8102", "http://127.0.0.1:"
                + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class));
        HttpClient http = HttpClient.newHttpClient();
        assertJsonError(put(http, url, "bytes 0-99999999999999999999/" + file.length), 400);
        assertJsonError(put(http, url, "bytes 99999999999999999999-1/" + file.length), 400);
        assertJsonError(put(http, url, "bytes 0-999/99999999999999999999"), 400);
        assertJsonError(put(http, url.replaceFirst("max=\\d+", "max=99999999999999999999"), "bytes 0-999/1000"), 400);
        assertJsonError(put(http, url.replaceFirst("expires=\\d+", "expires=99999999999999999999"), "bytes 0-999/1000"), 400);
    }

    private static HttpResponse<String> put(HttpClient http, String url, String contentRange) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Range", contentRange)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[1000])).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertJsonError(HttpResponse<String> response, int status) {
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), response.body());
        assertEquals(status, new JsonObject(response.body()).getInteger("code"), response.body());
    }
}
