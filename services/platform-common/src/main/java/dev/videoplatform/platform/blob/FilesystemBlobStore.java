package dev.videoplatform.platform.blob;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@link BlobStore} on a directory: local disk for {@code make run}, a ReadWriteMany volume in
 * Kubernetes. Atomicity comes from renames within the volume; keys are checked against a strict
 * pattern and resolved without following symbolic links out of the root.
 */
public class FilesystemBlobStore implements BlobStore {

    private static final String SCRATCH = ".scratch";

    private final Path root;

    public FilesystemBlobStore(Path root) throws IOException {
        this.root = Files.createDirectories(root).toRealPath();
        Files.createDirectories(this.root.resolve(SCRATCH));
    }

    /** The path of a valid key inside the root; anything else is IllegalArgumentException. */
    public Path resolve(String key) {
        Path path = root;
        for (String segment : BlobKeys.segments(key)) {
            if (segment.equals(SCRATCH)) {
                throw new IllegalArgumentException("invalid blob key: " + key);
            }
            path = path.resolve(segment);
        }
        return path;
    }

    @Override
    public void put(String key, Path file) throws IOException {
        Path target = resolve(key);
        Files.createDirectories(target.getParent());
        move(file, target);
    }

    @Override
    public Optional<BlobInfo> stat(String key) throws IOException {
        Path path = resolve(key);
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                return Optional.empty();
            }
            return Optional.of(new BlobInfo(key, attributes.size(), attributes.lastModifiedTime().toMillis()));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public SeekableByteChannel open(String key) throws IOException {
        return FileChannel.open(resolve(key), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Only a regular file that really lies under the root: neither the file nor any directory on
     * its way may be a symbolic link leading out (files are served straight from this path).
     */
    @Override
    public Optional<Path> localFile(String key) {
        Path path = resolve(key);
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        try {
            return path.toRealPath().startsWith(root) ? Optional.of(path) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<URI> presignedGet(String key, Duration ttl) {
        resolve(key);
        return Optional.empty();
    }

    @Override
    public boolean hasLocalFiles() {
        return true;
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        Path base = resolve(prefix);
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(base)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public void delete(String keyOrPrefix) throws IOException {
        deleteTree(resolve(keyOrPrefix));
    }

    @Override
    public void publishDirectory(Path directory, String prefix, List<String> lastInOrder) throws IOException {
        Path target = resolve(prefix);
        Files.createDirectories(target.getParent());
        Path previous = null;
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            previous = scratchDirectory().resolve("replaced-" + UUID.randomUUID());
            move(target, previous);
        }
        move(directory, target);
        if (previous != null) {
            deleteTree(previous);
        }
    }

    @Override
    public Path scratchDirectory() throws IOException {
        return Files.createDirectories(root.resolve(SCRATCH));
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("blob store needs " + from + " and " + to + " on one volume", e);
        }
    }

    /** Deletes a file or directory tree; absent is fine (also S3BlobStore's local scratch). */
    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
