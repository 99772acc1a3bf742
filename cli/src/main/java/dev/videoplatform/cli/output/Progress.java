package dev.videoplatform.cli.output;

import jakarta.inject.Singleton;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars with rate and ETA on stderr, shown only to people: when stdout is a terminal and
 * the output is text. Otherwise the bars are silent.
 */
@Singleton
public class Progress {

    /** One bar: moved forward or back (a resumed upload restarts from the server's count). */
    public interface Bar extends AutoCloseable {
        void at(long position);

        @Override
        void close();
    }

    private static final Bar SILENT = new Bar() {
        @Override
        public void at(long position) {
        }

        @Override
        public void close() {
        }
    };

    /** Characters per bar line, task name, rate and ETA included: fits an 80-column terminal without wrapping. */
    private static final int WIDTH = 79;

    private final Output output;

    public Progress(Output output) {
        this.output = output;
    }

    /** A bar of {@code total} bytes starting at {@code start}, shown in MiB with its rate. */
    public Bar bytes(String task, long total, long start) {
        return open(new ProgressBarBuilder().setUnit("MiB", 1 << 20).showSpeed(), task, total, start);
    }

    /** A bar of percent. */
    public Bar percent(String task) {
        return open(new ProgressBarBuilder().setUnit("%", 1), task, 100, 0);
    }

    private Bar open(ProgressBarBuilder builder, String task, long total, long start) {
        if (!visible()) {
            return SILENT;
        }
        // A plain console consumer of fixed width: no JLine terminal (size queries, cursor moves),
        // which would need native libraries in the native executable.
        ProgressBar bar = builder.setTaskName(task).setInitialMax(total).startsFrom(start, Duration.ZERO)
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err, WIDTH))
                .setUpdateIntervalMillis(200).build();
        return new Bar() {
            @Override
            public void at(long position) {
                bar.stepTo(position);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    private boolean visible() {
        return !output.json() && System.console() != null;
    }
}
