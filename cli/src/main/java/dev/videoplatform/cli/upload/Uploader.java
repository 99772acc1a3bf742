package dev.videoplatform.cli.upload;

import com.fasterxml.jackson.databind.JsonNode;
import dev.videoplatform.cli.api.Api;
import dev.videoplatform.cli.api.Api.Access;
import dev.videoplatform.cli.api.ApiException;
import dev.videoplatform.cli.config.CliSettings;
import dev.videoplatform.cli.exit.CliException;
import dev.videoplatform.cli.exit.ExitCode;
import dev.videoplatform.cli.output.Output;
import dev.videoplatform.cli.output.Progress;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A resumable upload: the session is remembered per file before the first byte goes, so a re-run
 * after an interruption asks the server's committed offset and sends only the rest; then it is
 * completed and forgotten.
 */
@Singleton
public class Uploader {

    /** Times a broken transfer is taken up again from the committed count within one run. */
    static final int MAX_RETRIES = 3;

    private final Api api;
    private final ChunkSender sender;
    private final ResumeStore resumes;
    private final CliSettings settings;
    private final Progress progress;
    private final Output output;

    public Uploader(Api api, ChunkSender sender, ResumeStore resumes, CliSettings settings, Progress progress,
            Output output) {
        this.api = api;
        this.sender = sender;
        this.resumes = resumes;
        this.settings = settings;
        this.progress = progress;
        this.output = output;
    }

    public UploadResult upload(UploadRequest request) {
        Path file = request.file();
        if (!Files.isRegularFile(file)) {
            throw new CliException(ExitCode.NOT_FOUND, "no such file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new CliException(ExitCode.FAILURE, "cannot read " + file + ": permission denied");
        }
        FileKey key;
        try {
            key = FileKey.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String server = settings.server();
        Optional<UploadRecord> remembered = resumes.find(key, server);
        if (remembered.isPresent()) {
            UploadRecord upload = remembered.get();
            ResumePoint point = ResumePoint.of(status(upload.uploadId()));
            switch (point.kind()) {
                case SEND_FROM -> {
                    output.note("resuming upload " + upload.uploadId() + " at byte " + point.offset() + " of " + key.size());
                    try {
                        return sendAndComplete(file, key, upload, point.offset(), request, true);
                    } catch (ApiException e) {
                        if (!"INVALID_SIGNATURE".equals(e.reason())) {
                            throw e;
                        }
                        // The signed URL outlived its validity; HTTP clients cannot get a new one for the session.
                        output.note("the earlier upload's URL has expired; starting a new upload");
                        abort(upload);
                        resumes.forget(key);
                    }
                }
                case ALREADY_COMPLETED -> {
                    resumes.forget(key);
                    return new UploadResult(upload.uploadId(), upload.videoId(), key.size(), key.size(), true);
                }
                case START_OVER -> {
                    output.note("the earlier upload of this file is gone from the server; starting a new one");
                    resumes.forget(key);
                }
            }
        }
        UploadRecord upload = initiate(file, key, request, server);
        resumes.remember(key, upload);
        return sendAndComplete(file, key, upload, 0, request, false);
    }

    private UploadResult sendAndComplete(Path file, FileKey key, UploadRecord upload, long offset, UploadRequest request,
            boolean resumed) {
        try (Progress.Bar bar = progress.bytes("upload", key.size(), offset)) {
            long from = offset;
            for (int retry = 1; ; retry++) {
                try {
                    sender.send(file, upload.uploadUrl(), from, key.size(), request.chunkBytes(), request.bytesPerSecond(),
                            bar::at);
                    break;
                } catch (CliException e) {
                    if (!retriable(e) || retry > MAX_RETRIES) {
                        throw e;
                    }
                    pause(retry);
                    ResumePoint point = ResumePoint.of(status(upload.uploadId()));
                    if (point.kind() != ResumePoint.Kind.SEND_FROM) {
                        throw e;
                    }
                    from = point.offset();
                    bar.at(from);
                }
            }
        }
        api.post("/v1/uploads/" + Api.segment(upload.uploadId()) + ":complete", Map.of(), Access.SIGNED_IN);
        resumes.forget(key);
        return new UploadResult(upload.uploadId(), upload.videoId(), key.size(), offset, resumed);
    }

    /** A dropped connection or an offset the server disagrees with: go on from the server's committed count. */
    private static boolean retriable(CliException e) {
        return e.exitCode() == ExitCode.UNAVAILABLE || (e instanceof ApiException api && api.status() == 409);
    }

    private static void pause(int retry) {
        try {
            Thread.sleep(1000L * retry);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILURE, "interrupted", e);
        }
    }

    /** Best effort: the server also expires abandoned sessions by itself. */
    private void abort(UploadRecord upload) {
        try {
            api.delete("/v1/uploads/" + Api.segment(upload.uploadId()), Access.SIGNED_IN);
        } catch (CliException alreadyGone) {
            // nothing to release
        }
    }

    private UploadRecord initiate(Path file, FileKey key, UploadRequest request, String server) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", request.title());
        if (request.description() != null) {
            body.put("description", request.description());
        }
        body.put("visibility", "VISIBILITY_" + request.visibility());
        body.put("sizeBytes", Long.toString(key.size()));
        body.put("contentType", contentType(file));
        body.put("fileName", file.getFileName().toString());
        body.put("requestId", UUID.randomUUID().toString());
        JsonNode session = api.post("/v1/uploads:initiate", body, Access.SIGNED_IN);
        return new UploadRecord(server, session.path("uploadId").asText(), session.path("videoId").asText(),
                session.path("uploadUrl").asText());
    }

    /** The server's view of an upload, or null when it does not know it (any more). */
    private JsonNode status(String uploadId) {
        try {
            return api.get("/v1/uploads/" + Api.segment(uploadId), Access.SIGNED_IN);
        } catch (ApiException e) {
            if (e.status() == 404) {
                return null;
            }
            throw e;
        }
    }

    static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".webm")) {
            return "video/webm";
        }
        if (name.endsWith(".mov")) {
            return "video/quicktime";
        }
        if (name.endsWith(".mkv")) {
            return "video/x-matroska";
        }
        return "video/mp4";
    }
}
