package dev.videoplatform.cli.command;

import dev.videoplatform.cli.api.ApiException;
import dev.videoplatform.cli.api.Sessions;
import dev.videoplatform.cli.api.StoredSession;
import dev.videoplatform.cli.config.CliConfig;
import dev.videoplatform.cli.config.CliSettings;
import dev.videoplatform.cli.config.ConfigDir;
import dev.videoplatform.cli.exit.CliException;
import dev.videoplatform.cli.exit.ExitCode;
import dev.videoplatform.cli.output.Output;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vp login}: signs in and stores the session's tokens (0600) in the config directory. */
@Command(name = "login", description = "Sign in; the tokens are kept in the config directory.")
public class LoginCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "USERNAME", description = "username or email (prompted when absent)")
    String usernameOrEmail;

    @Option(names = "--password-stdin", description = "read the password from the first line of stdin")
    boolean passwordStdin;

    private final Sessions sessions;
    private final ConfigDir config;
    private final CliSettings settings;
    private final Output output;

    public LoginCommand(Sessions sessions, ConfigDir config, CliSettings settings, Output output) {
        this.sessions = sessions;
        this.config = config;
        this.settings = settings;
        this.output = output;
    }

    @Override
    public Integer call() throws IOException {
        Console console = System.console();
        String user = usernameOrEmail;
        if (user == null || user.isBlank()) {
            user = console == null ? null : console.readLine("Username or email: ");
            if (user == null || user.isBlank()) {
                throw new CliException(ExitCode.USAGE, "give the username or email as an argument");
            }
        }
        String password = password(console);
        StoredSession session;
        try {
            session = sessions.login(user.strip(), password);
        } catch (ApiException e) {
            if (e.status() == 401 || e.status() == 404 || "INVALID_CREDENTIALS".equals(e.reason())) {
                throw new CliException(ExitCode.NOT_SIGNED_IN, "sign-in failed: " + e.getMessage(), e);
            }
            throw e;
        }
        if (settings.serverOption() != null) {
            config.write(CliConfig.FILE, new CliConfig(settings.server()));
        }
        if (output.json()) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("server", session.server());
            result.put("userId", session.userId());
            result.put("username", session.username());
            result.put("roles", session.roles());
            output.document(result);
        } else {
            output.line("signed in to " + session.server() + " as " + session.username() + " (" + session.userId() + ")");
        }
        return ExitCode.OK;
    }

    private String password(Console console) throws IOException {
        if (passwordStdin) {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new CliException(ExitCode.USAGE, "--password-stdin: stdin had no password");
            }
            return line;
        }
        if (console == null) {
            throw new CliException(ExitCode.USAGE, "no terminal to ask the password on: use --password-stdin");
        }
        char[] typed = console.readPassword("Password: ");
        if (typed == null || typed.length == 0) {
            throw new CliException(ExitCode.USAGE, "no password given");
        }
        return new String(typed);
    }
}
