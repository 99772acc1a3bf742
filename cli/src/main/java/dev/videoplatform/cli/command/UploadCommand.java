package dev.videoplatform.cli.command;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoplatform.cli.exit.ExitCode;
import dev.videoplatform.cli.output.Output;
import dev.videoplatform.cli.upload.TranscodeWatcher;
import dev.videoplatform.cli.upload.UploadRequest;
import dev.videoplatform.cli.upload.UploadResult;
import dev.videoplatform.cli.upload.Uploader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vp upload FILE}: a resumable upload, then the transcoding progress until READY or FAILED. */
@Command(name = "upload", description = "Upload a video resumably (run it again after an interruption), then follow transcoding until READY.")
public class UploadCommand implements Callable<Integer> {

    /** Visibilities of the API, without their enum prefix. */
    public enum Visibility {
        PUBLIC,
        UNLISTED,
        PRIVATE
    }

    @Parameters(paramLabel = "FILE")
    Path file;

    @Option(names = "--title", required = true)
    String title;

    @Option(names = "--description")
    String description;

    @Option(names = "--visibility", defaultValue = "PUBLIC", description = "PUBLIC, UNLISTED or PRIVATE (default: ${DEFAULT-VALUE})")
    Visibility visibility;

    @Option(names = "--no-wait", description = "return once uploaded, without following the transcode")
    boolean noWait;

    @Option(names = "--chunk-size", paramLabel = "SIZE", defaultValue = "8M", converter = ByteSize.class,
            description = "bytes per PUT, e.g. 8M (default: ${DEFAULT-VALUE}); an interruption loses at most one chunk")
    long chunkSize;

    @Option(names = "--limit-rate", paramLabel = "RATE", defaultValue = "0", converter = ByteSize.class,
            description = "at most this many bytes per second, e.g. 2M (default: no limit)")
    long limitRate;

    private final Uploader uploader;
    private final TranscodeWatcher watcher;
    private final Output output;

    public UploadCommand(Uploader uploader, TranscodeWatcher watcher, Output output) {
        this.uploader = uploader;
        this.watcher = watcher;
        this.output = output;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (chunkSize < 1) {
            throw new ParameterException(spec.commandLine(), "--chunk-size must be at least 1 byte");
        }
        UploadResult upload = uploader.upload(new UploadRequest(file, title, description, visibility.name(),
                (int) Math.min(chunkSize, Integer.MAX_VALUE - 8), limitRate));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("videoId", upload.videoId());
        result.put("uploadId", upload.uploadId());
        result.put("sizeBytes", upload.sizeBytes());
        result.put("resumed", upload.resumed());
        result.put("resumedFromBytes", upload.resumedFrom());
        output.note("uploaded " + file + " as video " + upload.videoId());
        int exit = ExitCode.OK;
        if (!noWait) {
            JsonNode settled = watcher.follow(upload.videoId());
            result.put("status", settled.path("status").asText());
            if (settled.hasNonNull("failureReason") && !settled.path("failureReason").asText().isEmpty()) {
                result.put("failureReason", settled.path("failureReason").asText());
            }
            if (!TranscodeWatcher.ready(settled)) {
                exit = ExitCode.TRANSCODE_FAILED;
            }
        }
        if (output.json()) {
            output.document(result);
        } else {
            output.line(upload.videoId() + (result.containsKey("status") ? " " + result.get("status") : "")
                    + (result.containsKey("failureReason") ? ": " + result.get("failureReason") : ""));
        }
        if (exit != ExitCode.OK) {
            System.err.println("vp: transcoding did not succeed (" + result.get("status") + ")");
        }
        return exit;
    }
}
