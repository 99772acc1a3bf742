package dev.videoplatform.cli.upload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What identifies a local file across runs for resuming: its real path, size and modification
 * time. A file changed since (other size or mtime) is another file and starts a new upload.
 */
public record FileKey(String path, long size, long modifiedMillis) {

    public static FileKey of(Path file) throws IOException {
        return new FileKey(file.toRealPath().toString(), Files.size(file), Files.getLastModifiedTime(file).toMillis());
    }

    /** The key in {@code uploads.json}. */
    public String id() {
        return path + "|" + size + "|" + modifiedMillis;
    }
}
