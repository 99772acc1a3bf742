package dev.videoplatform.cli.exit;

import dev.videoplatform.cli.config.CliSettings;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns a command's failure into one line on stderr and its exit code: never a stack trace,
 * unless {@code --verbose} asks for one. A wrong command line gets its line and a pointer to the
 * command's help (exit code 2) rather than the whole usage text.
 */
@Singleton
public class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {

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

    @Override
    public int handleParseException(ParameterException failure, String[] args) {
        CommandLine command = failure.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("vp: " + failure.getMessage());
        UnmatchedArgumentException.printSuggestions(failure, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return ExitCode.USAGE;
    }

    /** The exit code {@code failure} means. */
    public static int exitCode(Throwable failure) {
        if (failure instanceof CliException known) {
            return known.exitCode();
        }
        if (failure instanceof ParameterException) {
            return ExitCode.USAGE;
        }
        return ExitCode.FAILURE;
    }

    /** What people read: our own messages as they are, anything unexpected named by its kind. */
    public static String message(Throwable failure) {
        if (failure instanceof CliException || failure instanceof ParameterException) {
            return failure.getMessage();
        }
        if (failure instanceof IOException || failure instanceof UncheckedIOException) {
            return "I/O error: " + failure.getMessage();
        }
        return "unexpected error (" + failure.getClass().getSimpleName() + "): " + failure.getMessage()
                + "; run with --verbose for details";
    }
}
