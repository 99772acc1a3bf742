package dev.videoplatform.cli.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDirTest {

    @TempDir
    Path home;

    @Test
    void filesAreReadableByTheirOwnerOnlyInAPrivateDirectory() throws Exception {
        ConfigDir config = new ConfigDir(home.resolve("xdg").resolve("vp"), new ObjectMapper());

        config.write(CliConfig.FILE, new CliConfig("http://videos.example"));
        config.write(CliConfig.FILE, new CliConfig("http://other.example"));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.path()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.path().resolve(CliConfig.FILE))))
                .isEqualTo("rw-------");
        assertThat(config.read(CliConfig.FILE, CliConfig.class)).contains(new CliConfig("http://other.example"));
        try (var files = Files.list(config.path())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(CliConfig.FILE);
        }
    }

    @Test
    void aMissingOrDeletedFileReadsAsEmpty() {
        ConfigDir config = new ConfigDir(home.resolve("vp"), new ObjectMapper());
        assertThat(config.read(CliConfig.FILE, CliConfig.class)).isEmpty();

        config.write(CliConfig.FILE, new CliConfig("http://videos.example"));
        config.delete(CliConfig.FILE);

        assertThat(config.read(CliConfig.FILE, CliConfig.class)).isEmpty();
    }

    @Test
    void theDirectoryFollowsXdgConfigHomeWhenItIsAnAbsolutePath() {
        assertThat(ConfigDir.locate("/etc/xdg-user", "/home/ann")).isEqualTo(Path.of("/etc/xdg-user/vp"));
        assertThat(ConfigDir.locate(null, "/home/ann")).isEqualTo(Path.of("/home/ann/.config/vp"));
        assertThat(ConfigDir.locate("", "/home/ann")).isEqualTo(Path.of("/home/ann/.config/vp"));
        assertThat(ConfigDir.locate("relative/dir", "/home/ann")).isEqualTo(Path.of("/home/ann/.config/vp"));
    }

    @Test
    void theServerComesFromTheOptionThenTheEnvironmentThenTheConfigFile() {
        assertThat(CliSettings.resolveServer("http://a:1/", "http://b:2", "http://c:3")).isEqualTo("http://a:1");
        assertThat(CliSettings.resolveServer(null, "http://b:2", "http://c:3")).isEqualTo("http://b:2");
        assertThat(CliSettings.resolveServer(null, " ", "http://c:3//")).isEqualTo("http://c:3");
        assertThat(CliSettings.resolveServer(null, null, null)).isEqualTo(CliSettings.DEFAULT_SERVER);
    }
}
