package dev.videoplatform.platform.blob;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FilesystemBlobStoreTest {

    @TempDir
    Path root;

    @Test
    void putStatRangedReadListDelete() throws IOException {
        FilesystemBlobStore store = new FilesystemBlobStore(root.resolve("blobs"));
        Path file = Files.writeString(store.scratchDirectory().resolve("upload"), "0123456789");
        store.put("raw/v1", file);
        assertEquals(10, store.stat("raw/v1").orElseThrow().size());
        assertFalse(Files.exists(file), "put moves, it does not copy");
        try (SeekableByteChannel channel = store.open("raw/v1")) {
            ByteBuffer buffer = ByteBuffer.allocate(3);
            channel.position(4).read(buffer);
            assertEquals("456", new String(buffer.array(), StandardCharsets.US_ASCII));
        }
        assertEquals(List.of("raw/v1"), store.list("raw/"));
        store.delete("raw/v1");
        assertTrue(store.stat("raw/v1").isEmpty());
        store.delete("raw/never-there");
    }

    @Test
    void aPublishedDirectoryReplacesThePreviousOneWhole() throws IOException {
        FilesystemBlobStore store = new FilesystemBlobStore(root.resolve("blobs"));
        Path first = Files.createDirectories(store.scratchDirectory().resolve("first"));
        Files.writeString(first.resolve("master.m3u8"), "#EXTM3U v1");
        Files.writeString(first.resolve("old.ts"), "x");
        store.publishDirectory(first, "hls/v1");
        Path second = Files.createDirectories(store.scratchDirectory().resolve("second"));
        Files.writeString(second.resolve("master.m3u8"), "#EXTM3U v2");
        store.publishDirectory(second, "hls/v1");
        assertEquals(List.of("hls/v1/master.m3u8"), store.list("hls/v1/"));
        assertEquals("#EXTM3U v2", Files.readString(store.localFile("hls/v1/master.m3u8").orElseThrow()));
    }

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
