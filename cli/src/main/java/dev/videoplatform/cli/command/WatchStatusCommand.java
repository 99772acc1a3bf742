package dev.videoplatform.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoplatform.cli.exit.ExitCode;
import dev.videoplatform.cli.output.Output;
import dev.videoplatform.cli.upload.TranscodeWatcher;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code vp watch-status VIDEO_ID}: follows a video's processing until READY, FAILED or BANNED. */
@Command(name = "watch-status", description = "Follow a video's transcoding until it is READY or FAILED (exit code 6).")
public class WatchStatusCommand implements Callable<Integer> {

    @Parameters(paramLabel = "VIDEO_ID")
    String videoId;

    private final TranscodeWatcher watcher;
    private final Output output;

    public WatchStatusCommand(TranscodeWatcher watcher, Output output) {
        this.watcher = watcher;
        this.output = output;
    }

    @Override
    public Integer call() {
        JsonNode settled = watcher.follow(videoId);
        if (output.json()) {
            output.document(settled);
        } else {
            String reason = settled.path("failureReason").asText("");
            output.line(videoId + " " + Texts.status(settled.path("status").asText()) + (reason.isEmpty() ? "" : ": " + reason));
        }
        return TranscodeWatcher.ready(settled) ? ExitCode.OK : ExitCode.TRANSCODE_FAILED;
    }
}
