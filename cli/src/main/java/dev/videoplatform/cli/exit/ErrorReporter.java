package dev.videoplatform.cli.exit;

import dev.videoplatform.cli.config.CliSettings;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns a command's failure into one line on stderr and its exit code: never a stack trace,
 * unless {@code --verbose} asks for one.
 */
@Singleton
public class ErrorReporter implements IExecutionExceptionHandler {

    private final CliSettings settings;

    public ErrorReporter(CliSettings settings) {
        this.settings = settings;
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parsed) {
        if (settings.verbose()) {
            failure.printStackTrace(command.getErr());
        }
        command.getErr().println("vp: " + message(failure));
        command.getErr().flush();
        return exitCode(failure);
    }

    /** The exit code {@code failure} means. */
    public static int exitCode(Throwable failure) {
        if (failure instanceof CliException known) {
            return known.exitCode();
        }
        if (failure instanceof CommandLine.ParameterException) {
            return ExitCode.USAGE;
        }
        return ExitCode.FAILURE;
    }

    /** What people read: our own messages as they are, anything unexpected named by its kind. */
    public static String message(Throwable failure) {
        if (failure instanceof CliException || failure instanceof CommandLine.ParameterException) {
            return failure.getMessage();
        }
        if (failure instanceof IOException || failure instanceof UncheckedIOException) {
            return "I/O error: " + failure.getMessage();
        }
        return "unexpected error (" + failure.getClass().getSimpleName() + "): " + failure.getMessage()
                + "; run with --verbose for details";
    }
}
