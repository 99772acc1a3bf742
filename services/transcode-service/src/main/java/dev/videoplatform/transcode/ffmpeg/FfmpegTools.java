package dev.videoplatform.transcode.ffmpeg;

import dev.videoplatform.transcode.config.TranscodeConfig;
import dev.videoplatform.transcode.service.TranscodeFailure;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The operating system's ffmpeg and ffprobe: checked once at start-up (the service refuses to
 * start without a usable pair), then run as child processes that are killed on time-out and when
 * the worker stops.
 */
@ApplicationScoped
public class FfmpegTools {

    private static final Logger LOG = Logger.getLogger(FfmpegTools.class);
    private static final Pattern PATH = Pattern.compile("(?:[A-Za-z]:)?/[^\\s:'\"]+");
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(30);

    private final TranscodeConfig config;
    private final Set<Process> running = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "ffmpeg-deadlines");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean stopping;

    public FfmpegTools(TranscodeConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        LOG.infof("transcoding with %s", verify());
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        running.forEach(Process::destroyForcibly);
        deadlines.shutdownNow();
    }

    /**
     * Fails with a message saying what to do unless ffmpeg and ffprobe run and ffmpeg can encode
     * H.264 (libx264) and AAC; returns ffmpeg's version line.
     */
    public String verify() {
        String version = capture(List.of(config.ffmpeg(), "-hide_banner", "-version")).lines().findFirst().orElse("");
        capture(List.of(config.ffprobe(), "-hide_banner", "-version"));
        String encoders = capture(List.of(config.ffmpeg(), "-hide_banner", "-encoders"));
        for (String encoder : List.of("libx264", "aac")) {
            if (!Pattern.compile("\\s" + encoder + "\\s").matcher(encoders).find()) {
                throw unusable(config.ffmpeg() + " has no " + encoder + " encoder", null);
            }
        }
        return version;
    }

    /** True once the worker is shutting down: running jobs are being killed on purpose. */
    public boolean stopping() {
        return stopping;
    }

    public String ffmpeg() {
        return config.ffmpeg();
    }

    public String ffprobe() {
        return config.ffprobe();
    }

    /** Runs a short command and returns its standard output; bad input when it exits non-zero. */
    public String output(List<String> command, String whatFailed) {
        Path errors = null;
        try {
            errors = Files.createTempFile("ffprobe", ".log");
            StringBuilder out = new StringBuilder();
            run(command, errors, line -> out.append(line).append('\n'), CHECK_TIMEOUT, whatFailed);
            return out.toString();
        } catch (IOException e) {
            throw TranscodeFailure.transientFailure("could not run " + whatFailed, e);
        } finally {
            deleteQuietly(errors);
        }
    }

    /**
     * Runs a command to completion, handing each standard-output line to {@code onLine}, with
     * standard error going to {@code errorLog}. A non-zero exit is bad input, described by the
     * last line of the error log (paths removed); a time-out or a stopping worker is transient.
     */
    public void run(List<String> command, Path errorLog, Consumer<String> onLine, Duration timeout, String what)
            throws IOException {
        if (stopping) {
            throw TranscodeFailure.transientFailure("the worker is stopping", null);
        }
        Process process = new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectError(errorLog.toFile())
                .start();
        running.add(process);
        AtomicBoolean timedOut = new AtomicBoolean();
        ScheduledFuture<?> deadline = deadlines.schedule(() -> {
            timedOut.set(true);
            process.destroyForcibly();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                onLine.accept(line);
            }
            int exit = process.waitFor();
            if (stopping) {
                throw TranscodeFailure.transientFailure("the worker stopped during " + what, null);
            }
            if (timedOut.get()) {
                throw TranscodeFailure.transientFailure(what + " took longer than " + timeout, null);
            }
            if (exit != 0) {
                throw TranscodeFailure.badInput(what + " failed: " + lastError(errorLog));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw TranscodeFailure.transientFailure(what + " was interrupted", e);
        } finally {
            deadline.cancel(false);
            process.destroyForcibly();
            running.remove(process);
        }
    }

    /** The last meaningful line ffmpeg wrote to standard error, without file paths. */
    static String lastError(Path errorLog) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(errorLog, StandardCharsets.UTF_8));
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("Conversion failed")) {
                return PATH.matcher(line).replaceAll("<file>");
            }
        }
        return "no error message";
    }

    private String capture(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw unusable("'" + String.join(" ", command) + "' failed: " + output.strip(), null);
            }
            return output;
        } catch (IOException e) {
            throw unusable("cannot run " + command.get(0) + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unusable("interrupted while checking " + command.get(0), e);
        }
    }

    private static IllegalStateException unusable(String problem, Throwable cause) {
        return new IllegalStateException("transcode-service needs ffmpeg and ffprobe with the libx264 and aac encoders: "
                + problem + ". Install them (Debian: apt-get install ffmpeg; `make setup` does it) or point "
                + "videoplatform.transcode.ffmpeg / videoplatform.transcode.ffprobe at them.", cause);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary log file; nothing depends on it
            }
        }
    }
}
