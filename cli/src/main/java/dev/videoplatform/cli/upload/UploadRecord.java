package dev.videoplatform.cli.upload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** An upload session begun for a file, kept until it completes so that a re-run resumes it. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record UploadRecord(String server, String uploadId, String videoId, String uploadUrl) {
}
