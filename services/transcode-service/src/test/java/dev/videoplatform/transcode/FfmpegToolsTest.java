package dev.videoplatform.transcode;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.videoplatform.transcode.config.TranscodeConfig;
import dev.videoplatform.transcode.ffmpeg.FfmpegTools;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** Start-up refuses a machine without a usable ffmpeg, saying what to do. */
class FfmpegToolsTest {

    private static TranscodeConfig config(String ffmpeg, String ffprobe) {
        return (TranscodeConfig) Proxy.newProxyInstance(TranscodeConfig.class.getClassLoader(),
                new Class<?>[] {TranscodeConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "ffmpeg" -> ffmpeg;
                    case "ffprobe" -> ffprobe;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theRealFfmpegIsUsable() {
        assertTrue(new FfmpegTools(config("ffmpeg", "ffprobe")).verify().startsWith("ffmpeg version"));
    }

    @Test
    void aMissingFfmpegStopsStartUpWithAClearMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new FfmpegTools(config("/nonexistent/ffmpeg", "ffprobe")).verify());
        assertTrue(e.getMessage().contains("apt-get install ffmpeg") && e.getMessage().contains("/nonexistent/ffmpeg"),
                e.getMessage());
    }

    @Test
    void anFfmpegWithoutH264IsRefused() {
        // `true` runs and exits 0 but lists no encoders: not usable for transcoding.
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new FfmpegTools(config("true", "true")).verify());
        assertTrue(e.getMessage().contains("no libx264 encoder"), e.getMessage());
    }
}
