package dev.videoplatform.cli.command;

import dev.videoplatform.cli.config.CliSettings;
import dev.videoplatform.cli.output.OutputFormat;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code vp}: the top command; its options apply to every subcommand (before or after its name). */
@TopCommand
@Command(name = "vp", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, versionProvider = VersionProvider.class,
        description = "The videoplatform command-line client: upload, search, comment and moderate through the HTTP/JSON API.",
        subcommands = {LoginCommand.class, LogoutCommand.class, UploadCommand.class, VideosCommand.class,
                SearchCommand.class, WatchStatusCommand.class, CommentsCommand.class, AdminCommand.class,
                CompletionCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:failure", "2:usage error", "3:not signed in or wrong credentials",
                "4:not found (also a missing local file)", "5:server unavailable", "6:transcoding failed",
                "7:not allowed (e.g. not an admin)"})
public class VpCommand {

    private final CliSettings settings;

    public VpCommand(CliSettings settings) {
        this.settings = settings;
    }

    @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL",
            description = "API base URL (default: $VP_SERVER, the config file, else " + CliSettings.DEFAULT_SERVER + ")")
    void server(String url) {
        settings.serverOption(url);
    }

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
            description = "text or json (one JSON document on stdout)")
    void output(OutputFormat format) {
        settings.output(format);
    }

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "show stack traces of failures")
    void verbose(boolean verbose) {
        settings.verbose(verbose);
    }
}
