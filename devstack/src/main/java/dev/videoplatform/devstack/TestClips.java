package dev.videoplatform.devstack;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * For tests: video files made on the spot with the system's ffmpeg from its lavfi sources (a
 * moving test pattern and a tone), so no media has to live in the repository.
 */
public final class TestClips {

    private TestClips() {
    }

    /** An H.264 (+ AAC when {@code audio}) MP4 of the given size and length. */
    public static Path mp4(Path file, int width, int height, int seconds, boolean audio) throws IOException, InterruptedException {
        return clip(file, width, height, 25, seconds, audio, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
                "-c:a", "aac");
    }

    /**
     * A test pattern (and a tone when {@code audio}) at the given size, frame rate and length, in
     * the container the file name's extension names, with the given output options (codecs,
     * {@code -map}s).
     */
    public static Path clip(Path file, int width, int height, int fps, int seconds, boolean audio, String... outputOptions)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-y", "-v", "error",
                "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=" + fps + ":duration=" + seconds));
        if (audio) {
            cmd.addAll(List.of("-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds));
        }
        cmd.addAll(List.of(outputOptions));
        cmd.addAll(List.of("-shortest", file.toString()));
        return run(cmd, file);
    }

    /**
     * An H.264 + AAC MP4 of a noisy picture at {@code megabitsPerSecond}: noise leaves the encoder
     * nothing to save, so the file is about {@code seconds × megabitsPerSecond / 8} MB, for tests
     * that need an upload larger than some limit.
     */
    public static Path noisyMp4(Path file, int width, int height, int seconds, int megabitsPerSecond)
            throws IOException, InterruptedException {
        String rate = megabitsPerSecond + "M";
        return run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-y", "-v", "error",
                "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=25:duration=" + seconds + ",noise=alls=40:allf=t",
                "-f", "lavfi", "-i", "sine=frequency=440:duration=" + seconds, "-c:a", "aac",
                "-c:v", "libx264", "-preset", "ultrafast", "-b:v", rate, "-maxrate", rate, "-bufsize", rate,
                "-pix_fmt", "yuv420p", "-shortest", file.toString()), file);
    }

    /**
     * A lossless (FFV1/Matroska) clip of any size, odd ones included (testsrc2 itself only makes
     * even sizes, so a one-larger picture is cropped in 4:4:4).
     */
    public static Path oddSized(Path file, int width, int height, int seconds) throws IOException, InterruptedException {
        return run(List.of("ffmpeg", "-hide_banner", "-nostdin", "-y", "-v", "error", "-f", "lavfi", "-i",
                "testsrc2=size=" + (width + 1) + "x" + (height + 1) + ":rate=25:duration=" + seconds
                        + ",format=yuv444p,crop=" + width + ":" + height + ":0:0",
                "-c:v", "ffv1", "-pix_fmt", "yuv444p", file.toString()), file);
    }

    private static Path run(List<String> cmd, Path file) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("could not make test clip: " + output);
        }
        return file;
    }
}
