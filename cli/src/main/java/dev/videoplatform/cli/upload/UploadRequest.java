package dev.videoplatform.cli.upload;

import java.nio.file.Path;

/** What {@code vp upload} was asked to do. */
public record UploadRequest(Path file, String title, String description, String visibility, int chunkBytes,
        long bytesPerSecond) {
}
