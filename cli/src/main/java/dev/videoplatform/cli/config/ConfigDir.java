package dev.videoplatform.cli.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * {@code $XDG_CONFIG_HOME/vp} (or {@code ~/.config/vp}): the settings, the session's tokens and
 * the resumable uploads, as JSON files readable by their owner only (directory 0700, files 0600),
 * each replaced atomically so an interrupted write never leaves half a file.
 */
@Singleton
public class ConfigDir {

    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

    private final Path dir;
    private final ObjectMapper json;

    @Inject
    public ConfigDir(ObjectMapper json) {
        this(locate(System.getenv("XDG_CONFIG_HOME"), System.getProperty("user.home")), json);
    }

    public ConfigDir(Path dir, ObjectMapper json) {
        this.dir = dir;
        this.json = json;
    }

    /** {@code $XDG_CONFIG_HOME/vp} when that is an absolute path (the XDG rule), else {@code ~/.config/vp}. */
    public static Path locate(String xdgConfigHome, String home) {
        if (xdgConfigHome != null && !xdgConfigHome.isBlank() && Path.of(xdgConfigHome).isAbsolute()) {
            return Path.of(xdgConfigHome, "vp");
        }
        return Path.of(home, ".config", "vp");
    }

    public Path path() {
        return dir;
    }

    public <T> Optional<T> read(String name, Class<T> type) {
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), type));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (delete it to start afresh)", e);
        }
    }

    public void write(String name, Object value) {
        try {
            createPrivateDirectory();
            Path temp = dir.resolve(name + ".tmp");
            Files.deleteIfExists(temp);
            if (POSIX) {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.write(temp, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(value));
            Files.move(temp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }

    public void delete(String name) {
        try {
            Files.deleteIfExists(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir.resolve(name), e);
        }
    }

    private void createPrivateDirectory() throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Files.createDirectories(dir.getParent());
        if (POSIX) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(dir);
        }
    }
}
