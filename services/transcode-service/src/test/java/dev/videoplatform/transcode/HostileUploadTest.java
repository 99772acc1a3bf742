package dev.videoplatform.transcode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.devstack.TestClips;
import dev.videoplatform.platform.ids.Uuid7;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Uploads whose bytes make ffmpeg read other files (playlists, lists, image sequences) are
 * refused as bad input before anything is encoded: the attacker's video gets no copy of another
 * user's video, the job is not retried, and nothing is written under its HLS prefix.
 */
@QuarkusTest
class HostileUploadTest extends TranscodeServiceTest {

    @Test
    void anFfconcatListNamingAnotherUsersUploadIsRefused() throws Exception {
        String victim = upload(TestClips.mp4(tmp.resolve("victim.mp4"), 320, 240, 4, true));
        assertRefused(upload("ffconcat version 1.0\nfile " + victim + "\nduration 4\nfile " + victim + "\nduration 4\n"));
    }

    @Test
    void anHlsPlaylistPointingAtAnotherUsersSegmentsIsRefused() throws Exception {
        String victim = Uuid7.next();
        Path victimHls = Files.createDirectories(tmp.resolve("victim-hls").resolve("240p"));
        TestClips.clip(victimHls.resolve("index.m3u8"), 320, 240, 25, 4, true, "-c:v", "libx264", "-preset", "ultrafast",
                "-c:a", "aac", "-f", "hls", "-hls_time", "4",
                "-hls_segment_filename", victimHls.resolve("seg_%05d.ts").toString());
        blobs.publishDirectory(victimHls.getParent(), "hls/" + victim + "/", List.of());
        assertTrue(blobs.stat("hls/" + victim + "/240p/seg_00000.ts").isPresent());
        assertRefused(upload("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:4\n#EXT-X-PLAYLIST-TYPE:VOD\n#EXTINF:4.0,\n../hls/"
                + victim + "/240p/seg_00000.ts\n#EXT-X-ENDLIST\n"));
    }

    @Test
    void imageSequencesAreRefused() throws Exception {
        assertRefused(upload(TestClips.clip(tmp.resolve("animated.gif"), 160, 120, 10, 3, false)));
        assertRefused(upload(TestClips.clip(tmp.resolve("frames.png"), 160, 120, 10, 1, false, "-c:v", "png", "-f", "image2pipe")));
    }

    @Test
    void listsNamingSystemFilesAreRefused() throws Exception {
        assertRefused(upload("#EXTM3U\n#EXT-X-TARGETDURATION:4\n#EXTINF:4.0,\nfile:/etc/passwd\n#EXT-X-ENDLIST\n"));
        assertRefused(upload("ffconcat version 1.0\nfile /etc/passwd\nduration 4\n"));
    }

    private void assertRefused(String videoId) throws Exception {
        assertRefusedBeforeEncoding(videoId, "not a video in an accepted format");
    }

    private String upload(String bytes) throws Exception {
        return upload(Files.writeString(tmp.resolve("upload-" + Uuid7.next()), bytes, StandardCharsets.UTF_8));
    }
}
