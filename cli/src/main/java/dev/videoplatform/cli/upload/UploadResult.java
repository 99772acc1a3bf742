package dev.videoplatform.cli.upload;

/** An upload sent and completed: {@code resumedFrom} is the offset this run started at (0 for a new upload). */
public record UploadResult(String uploadId, String videoId, long sizeBytes, long resumedFrom, boolean resumed) {
}
