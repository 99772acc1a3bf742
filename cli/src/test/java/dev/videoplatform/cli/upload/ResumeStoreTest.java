package dev.videoplatform.cli.upload;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.videoplatform.cli.config.ConfigDir;
import dev.videoplatform.cli.upload.ResumePoint.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeStoreTest {

    private static final String SERVER = "http://localhost:8080";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aRememberedUploadIsFoundForTheSameFileAndServerUntilForgotten() throws Exception {
        Path clip = Files.write(dir.resolve("clip.mp4"), new byte[1000]);
        ResumeStore store = new ResumeStore(new ConfigDir(dir.resolve("config"), JSON));
        UploadRecord upload = new UploadRecord(SERVER, "u1", "v1", "http://localhost:8080/uploads/u1?sig=x");

        store.remember(FileKey.of(clip), upload);

        ResumeStore afterRestart = new ResumeStore(new ConfigDir(dir.resolve("config"), JSON));
        assertThat(afterRestart.find(FileKey.of(clip), SERVER)).contains(upload);
        assertThat(afterRestart.find(FileKey.of(clip), "http://elsewhere:8080")).isEmpty();
        afterRestart.forget(FileKey.of(clip));
        assertThat(store.find(FileKey.of(clip), SERVER)).isEmpty();
    }

    @Test
    void aFileChangedSinceIsAnotherFile() throws Exception {
        Path clip = Files.write(dir.resolve("clip.mp4"), new byte[1000]);
        ResumeStore store = new ResumeStore(new ConfigDir(dir.resolve("config"), JSON));
        store.remember(FileKey.of(clip), new UploadRecord(SERVER, "u1", "v1", "url"));

        Files.setLastModifiedTime(clip, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
        assertThat(store.find(FileKey.of(clip), SERVER)).isEmpty();

        Path other = Files.write(dir.resolve("other.mp4"), new byte[1000]);
        assertThat(store.find(FileKey.of(other), SERVER)).isEmpty();
    }

    @Test
    void anActiveUploadGoesOnFromTheServersCommittedCount() throws Exception {
        ResumePoint point = ResumePoint.of(JSON.readTree(
                "{\"state\":\"UPLOAD_STATE_ACTIVE\",\"committedBytes\":\"8388608\",\"sizeBytes\":\"40000000\"}"));
        assertThat(point).isEqualTo(new ResumePoint(Kind.SEND_FROM, 8_388_608));
    }

    @Test
    void aCompletedUploadIsOnlyFollowedAndAGoneOneStartsOver() throws Exception {
        assertThat(ResumePoint.of(JSON.readTree("{\"state\":\"UPLOAD_STATE_COMPLETED\",\"sizeBytes\":\"5\"}")).kind())
                .isEqualTo(Kind.ALREADY_COMPLETED);
        assertThat(ResumePoint.of(JSON.readTree("{\"state\":\"UPLOAD_STATE_EXPIRED\"}")).kind()).isEqualTo(Kind.START_OVER);
        assertThat(ResumePoint.of(JSON.readTree("{\"state\":\"UPLOAD_STATE_ABORTED\"}")).kind()).isEqualTo(Kind.START_OVER);
        assertThat(ResumePoint.of(null).kind()).isEqualTo(Kind.START_OVER);
    }
}
