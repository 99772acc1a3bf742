package dev.videoplatform.cli.command;

import dev.videoplatform.cli.api.Sessions;
import dev.videoplatform.cli.api.StoredSession;
import dev.videoplatform.cli.exit.ExitCode;
import dev.videoplatform.cli.output.Output;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code vp logout}: revokes the refresh token on the server and deletes the local session. */
@Command(name = "logout", description = "Sign out: revoke the session on the server and forget its tokens.")
public class LogoutCommand implements Callable<Integer> {

    private final Sessions sessions;
    private final Output output;

    public LogoutCommand(Sessions sessions, Output output) {
        this.sessions = sessions;
        this.output = output;
    }

    @Override
    public Integer call() {
        Optional<StoredSession> ended = sessions.logout();
        if (output.json()) {
            output.document(Map.of("signedOut", ended.isPresent()));
        } else {
            output.line(ended.map(s -> "signed out " + s.username() + " from " + s.server()).orElse("not signed in"));
        }
        return ExitCode.OK;
    }
}
