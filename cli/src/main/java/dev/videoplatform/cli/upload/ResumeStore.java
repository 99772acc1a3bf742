package dev.videoplatform.cli.upload;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.videoplatform.cli.config.ConfigDir;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** {@code uploads.json}: the unfinished upload of each file ({@link FileKey}), per server. */
@Singleton
public class ResumeStore {

    static final String FILE = "uploads.json";

    /** The file's content: upload records by file key. */
    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Uploads(Map<String, UploadRecord> byFile) {
    }

    private final ConfigDir config;

    public ResumeStore(ConfigDir config) {
        this.config = config;
    }

    /** The unfinished upload of {@code file} to {@code server}, if one was begun. */
    public Optional<UploadRecord> find(FileKey file, String server) {
        return Optional.ofNullable(load().get(file.id())).filter(r -> server.equals(r.server()));
    }

    public void remember(FileKey file, UploadRecord upload) {
        Map<String, UploadRecord> uploads = load();
        uploads.put(file.id(), upload);
        config.write(FILE, new Uploads(uploads));
    }

    public void forget(FileKey file) {
        Map<String, UploadRecord> uploads = load();
        if (uploads.remove(file.id()) != null) {
            config.write(FILE, new Uploads(uploads));
        }
    }

    private Map<String, UploadRecord> load() {
        return config.read(FILE, Uploads.class).map(u -> u.byFile() == null ? new TreeMap<String, UploadRecord>()
                : new TreeMap<>(u.byFile())).orElseGet(TreeMap::new);
    }
}
