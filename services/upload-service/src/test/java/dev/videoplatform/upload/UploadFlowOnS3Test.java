package dev.videoplatform.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videoplatform.devstack.S3BlobStoreProfile;
import dev.videoplatform.platform.blob.BlobKeys;
import dev.videoplatform.upload.v1.CompleteUploadRequest;
import dev.videoplatform.upload.v1.InitiateUploadResponse;
import dev.videoplatform.upload.v1.Video;
import dev.videoplatform.upload.v1.Visibility;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The upload flow with completed uploads stored in a bucket on S3Proxy. */
@QuarkusTest
@TestProfile(S3BlobStoreProfile.class)
class UploadFlowOnS3Test extends UploadFlowTest {

    /**
     * On S3 the PUT and the gRPC stream send parts from memory: with the scratch directory made
     * unusable (a plain file where the directory was; root ignores permissions, this does not),
     * uploads of several parts still go through whole.
     */
    @Test
    void uploadsOnS3NeverTouchLocalDisk() throws Exception {
        byte[] putFile = UploadClient.randomBytes(10 * 1024 * 1024 - 1000);
        byte[] streamedFile = UploadClient.randomBytes(7 * 1024 * 1024 + 5);
        InitiateUploadResponse put = client.initiate(putFile, Visibility.VISIBILITY_PRIVATE);
        InitiateUploadResponse streamed = client.initiate(streamedFile, Visibility.VISIBILITY_PRIVATE);
        Path scratch = blobs.scratchDirectory();
        Path aside = Files.move(scratch, scratch.resolveSibling(scratch.getFileName() + ".aside"));
        Files.writeString(scratch, "not a directory");
        try {
            HttpClient http = HttpClient.newHttpClient();
            assertEquals(200, put(http, localUrl(put.getUploadUrl()), putFile, 0, putFile.length).statusCode());
            assertEquals(streamedFile.length, client.stream(streamed.getUploadId(), streamedFile, 0, streamedFile.length)
                    .getCommittedBytes());
            for (InitiateUploadResponse upload : new InitiateUploadResponse[] {put, streamed}) {
                Video video = client.uploads().completeUpload(CompleteUploadRequest.newBuilder()
                        .setUploadId(upload.getUploadId()).build()).getVideo();
                assertArrayEquals(upload == put ? putFile : streamedFile, stored(BlobKeys.raw(video.getVideoId())));
            }
        } finally {
            Files.delete(scratch);
            Files.move(aside, scratch);
        }
    }

    /** A PUT sends its parts as they fill: one broken after its first part keeps that part, and the upload resumes there. */
    @Test
    void aPutBrokenAfterItsFirstPartKeepsThatPart() throws Exception {
        byte[] file = UploadClient.randomBytes(8 * 1024 * 1024);
        InitiateUploadResponse upload = client.initiate(file, Visibility.VISIBILITY_PRIVATE);
        String url = localUrl(upload.getUploadUrl());
        URI target = URI.create(url);
        try (Socket socket = new Socket("127.0.0.1", target.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + target.getRawPath() + "?" + target.getRawQuery() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Length: " + file.length + "\r\nContent-Range: bytes 0-" + (file.length - 1) + "/"
                    + file.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(file, 0, PART + 1024 * 1024);
            out.flush();
            // the first part counts while the request is still open
            for (int i = 0; i < 200 && status(upload).getCommittedBytes() == 0; i++) {
                Thread.sleep(50);
            }
        }
        assertEquals(PART, status(upload).getCommittedBytes(), "the acknowledged part counts, the 1 MiB after it does not");

        HttpResponse<String> rest = put(HttpClient.newHttpClient(), url, file, PART, file.length);
        assertEquals(200, rest.statusCode(), rest.body());
        Video video = client.uploads().completeUpload(CompleteUploadRequest.newBuilder()
                .setUploadId(upload.getUploadId()).setSha256(UploadClient.sha256(file)).build()).getVideo();
        assertArrayEquals(file, stored(BlobKeys.raw(video.getVideoId())));
    }
}
