package dev.videoplatform.transcode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.videoplatform.devstack.TestClips;
import dev.videoplatform.events.v1.VideoTranscoded;
import dev.videoplatform.platform.events.EventEnvelopes;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sources beyond the configured caps are refused from ffprobe's answer, before any encoding run,
 * and not retried. The caps are lowered here so that small real clips exceed them.
 */
@QuarkusTest
@TestProfile(SourceLimitsTest.SmallCaps.class)
class SourceLimitsTest extends TranscodeServiceTest {

    /** 320×240 (either way round), 5 s, 30 fps, 2 streams. */
    public static class SmallCaps implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("videoplatform.transcode.limits.max-width", "320", "videoplatform.transcode.limits.max-height", "240",
                    "videoplatform.transcode.limits.max-duration", "5s", "videoplatform.transcode.limits.max-frame-rate", "30",
                    "videoplatform.transcode.limits.max-streams", "2");
        }
    }

    private static final String[] H264 = {"-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"};

    @Test
    void aPictureLargerThanTheCapIsRefused() throws Exception {
        assertRefused(TestClips.mp4(tmp.resolve("wide.mp4"), 640, 240, 2, false), "640×240");
        assertRefused(TestClips.mp4(tmp.resolve("tall.mp4"), 240, 360, 2, false), "240×360");
    }

    @Test
    void aLongerVideoIsRefused() throws Exception {
        assertRefused(TestClips.mp4(tmp.resolve("long.mp4"), 160, 120, 8, false), "8 s long");
    }

    @Test
    void aHigherFrameRateIsRefused() throws Exception {
        assertRefused(TestClips.clip(tmp.resolve("fast.mp4"), 160, 120, 60, 2, false, H264), "60.00 frames per second");
    }

    @Test
    void moreStreamsThanTheCapAreRefused() throws Exception {
        assertRefused(TestClips.clip(tmp.resolve("streams.mkv"), 160, 120, 25, 2, true, "-map", "0:v", "-map", "0:v",
                "-map", "1:a", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac"), "3 streams");
    }

    @Test
    void aSourceWithinTheCapsInEitherOrientationIsTranscoded() throws Exception {
        for (Path clip : List.of(TestClips.mp4(tmp.resolve("fits.mp4"), 320, 240, 3, true),
                TestClips.mp4(tmp.resolve("portrait.mp4"), 240, 320, 3, true))) {
            String videoId = upload(clip);
            send(request(videoId));
            VideoTranscoded done = EventEnvelopes.payload(await("video.transcoded", videoId, 1).get(0), VideoTranscoded.class);
            assertEquals(240, Math.min(done.getRenditions(0).getWidth(), done.getRenditions(0).getHeight()));
        }
    }

    private void assertRefused(Path clip, String why) throws Exception {
        assertRefusedBeforeEncoding(upload(clip), why);
    }
}
