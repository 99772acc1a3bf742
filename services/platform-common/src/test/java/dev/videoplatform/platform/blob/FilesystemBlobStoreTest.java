package dev.videoplatform.platform.blob;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the filesystem store has to defend: a root that keys and symbolic links must not leave. */
class FilesystemBlobStoreTest {

    @TempDir
    Path root;

    @Test
    void keysThatCouldEscapeTheRootAreRefused() throws IOException {
        FilesystemBlobStore store = new FilesystemBlobStore(root.resolve("blobs"));
        for (String key : List.of("../etc/passwd", "raw/../../x", "/abs", "raw//x", "raw/.hidden", "", "a/b c",
                ".scratch/x", "raw/%2e%2e")) {
            assertThrows(IllegalArgumentException.class, () -> store.resolve(key), key);
        }
        Path outside = Files.writeString(root.resolve("secret"), "s");
        Files.createDirectories(root.resolve("blobs/raw"));
        Files.createSymbolicLink(root.resolve("blobs/raw/link"), outside);
        assertTrue(store.stat("raw/link").isEmpty(), "a symbolic link is not a blob");
        assertTrue(store.localFile("raw/link").isEmpty());
        assertThrows(IOException.class, () -> store.open("raw/link").close());
    }
}
