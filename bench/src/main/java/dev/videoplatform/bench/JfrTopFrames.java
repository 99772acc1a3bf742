package dev.videoplatform.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hottest frames of a JFR recording's CPU samples: by self time (the top frame of each
 * sample) and by total time (every distinct method on the stack). Samples whose stack matches
 * the exclude pattern (the benchmark's set-up, e.g. password hashing) are left out; the total
 * table lists only methods matching the focus pattern (by default the platform's own code and the
 * libraries a call passes through), as frameworks' dispatch frames would fill it otherwise.
 *
 * <p>Arguments: recording.jfr [rows] [exclude-regex] [focus-regex].
 */
public final class JfrTopFrames {

    private JfrTopFrames() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        Pattern exclude = Pattern.compile(args.length > 2 ? args[2] : "Argon2|PasswordHasher");
        Pattern focus = Pattern.compile(args.length > 3 ? args[3]
                : "^dev\\.videoplatform|redis|opentelemetry|smallrye\\.context|io\\.grpc\\.[A-Z]|Http2FrameWriter|Http2ConnectionHandler\\.flush|GrpcServer|jwt");
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        int samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty() || frames.stream().anyMatch(f -> exclude.matcher(name(f)).find())) {
                continue;
            }
            samples++;
            self.merge(name(frames.get(0)), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                if (seen.add(name(frame)) && focus.matcher(name(frame)).find()) {
                    total.merge(name(frame), 1, Integer::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%d CPU samples of %s%n", samples, file.getFileName());
        print("self", self, samples, rows);
        print("total", total, samples, rows);
    }

    private static void print(String kind, Map<String, Integer> counts, int samples, int rows) {
        System.out.printf(Locale.ROOT, "%n| %s %% | method |%n| --- | --- |%n", kind);
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(rows)
                .forEach(e -> System.out.printf(Locale.ROOT, "| %.1f | `%s` |%n", 100.0 * e.getValue() / samples, e.getKey()));
    }

    private static String name(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
