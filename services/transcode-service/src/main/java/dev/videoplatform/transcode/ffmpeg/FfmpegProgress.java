package dev.videoplatform.transcode.ffmpeg;

import java.util.function.IntConsumer;

/**
 * Reads ffmpeg's {@code -progress} key=value lines and reports whole percentages of the input's
 * duration, each at most once and never going backwards.
 */
public final class FfmpegProgress {

    private final double durationMicros;
    private final IntConsumer percent;
    private int last = -1;

    public FfmpegProgress(double durationSeconds, IntConsumer percent) {
        this.durationMicros = durationSeconds * 1_000_000;
        this.percent = percent;
    }

    public void accept(String line) {
        if (line.startsWith("out_time_us=")) {
            try {
                long micros = Long.parseLong(line.substring("out_time_us=".length()).strip());
                report((int) Math.min(100, Math.max(0, micros * 100 / durationMicros)));
            } catch (NumberFormatException ignored) {
                // "N/A" before the first frame is out
            }
        } else if (line.equals("progress=end")) {
            report(100);
        }
    }

    private void report(int value) {
        if (value > last) {
            last = value;
            percent.accept(value);
        }
    }
}
