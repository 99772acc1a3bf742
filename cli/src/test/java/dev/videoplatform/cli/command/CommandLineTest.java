package dev.videoplatform.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The command line as users type it, run in-process: parsing, usage errors and the exit codes of
 * failures that need no server (the config directory is surefire's, under target/).
 */
@QuarkusMainTest
class CommandLineTest {

    @Test
    void helpListsTheCommandsAndTheExitCodes(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("--help");
        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput()).contains("upload", "watch-status", "comments", "admin", "completion",
                "3   not signed in or wrong credentials");
        assertThat(launcher.launch("admin", "ban", "--help").exitCode()).isZero();
        assertThat(launcher.launch("comments").exitCode()).isEqualTo(2);
    }

    @Test
    void missingArgumentsAndBadValuesAreUsageErrors(QuarkusMainLauncher launcher) {
        assertThat(launcher.launch("upload").exitCode()).isEqualTo(2);
        assertThat(launcher.launch("upload", "clip.mp4", "--title", "t", "--visibility", "SECRET").exitCode()).isEqualTo(2);
        assertThat(launcher.launch("upload", "clip.mp4", "--title", "t", "--chunk-size", "lots").exitCode()).isEqualTo(2);
        assertThat(launcher.launch("search", "q", "--output", "yaml").exitCode()).isEqualTo(2);
        assertThat(launcher.launch("admin", "suspend", "u1").exitCode()).isEqualTo(2);
        assertThat(launcher.launch("no-such-command").exitCode()).isEqualTo(2);
    }

    @Test
    void aUsageErrorIsOneLineAndAPointerToHelp(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("upload", "clip.mp4");
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(errors(result)).isEqualTo("vp: Missing required option: '--title=<title>'\n"
                + "Try 'vp upload --help' for more information.");
    }

    @Test
    void aMissingFileIsNotFoundWithOneClearLine(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("upload", "/no/such/clip.mp4", "--title", "t");
        assertThat(result.exitCode()).isEqualTo(4);
        assertThat(errors(result)).isEqualTo("vp: no such file: /no/such/clip.mp4");
    }

    @Test
    void commandsThatNeedASessionSayHowToSignIn(QuarkusMainLauncher launcher) throws Exception {
        Path clip = Files.write(Files.createTempFile("clip", ".mp4"), new byte[10]);
        LaunchResult result = launcher.launch("--server", "http://127.0.0.1:9", "upload", clip.toString(), "--title", "t");
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(errors(result)).isEqualTo("vp: not signed in to http://127.0.0.1:9: run `vp login` first");
        assertThat(launcher.launch("videos", "--output", "json").exitCode()).isEqualTo(3);
    }

    @Test
    void anUnreachableServerIsExitCodeFive(QuarkusMainLauncher launcher) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        LaunchResult result = launcher.launch("search", "guitar", "--server", "http://127.0.0.1:" + closedPort);
        assertThat(result.exitCode()).isEqualTo(5);
        assertThat(errors(result)).startsWith("vp: cannot reach the server at http://127.0.0.1:" + closedPort);
    }

    @Test
    void completionPrintsAScriptThatKnowsTheSubcommands(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("completion", "zsh");
        assertThat(result.exitCode()).isZero();
        assertThat(result.getOutput()).contains("bashcompinit", "watch-status", "--password-stdin");
    }

    /**
     * stderr without Quarkus' start and stop lines, which the integration-test launcher turns on
     * for the executable it runs (a plain run logs only warnings).
     */
    private static String errors(LaunchResult result) {
        return result.getErrorStream().stream().filter(line -> !line.contains("INFO  [io.quarkus]"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }
}
