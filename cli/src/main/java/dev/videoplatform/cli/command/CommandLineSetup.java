package dev.videoplatform.cli.command;

import dev.videoplatform.cli.exit.ErrorReporter;
import io.quarkus.picocli.runtime.PicocliCommandLineFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import picocli.CommandLine;

/** The command line Quarkus runs: failures and usage errors reported as one line with a meaningful exit code, enums in any case. */
@ApplicationScoped
class CommandLineSetup {

    @Produces
    CommandLine commandLine(PicocliCommandLineFactory factory, ErrorReporter errors) {
        return factory.create().setExecutionExceptionHandler(errors).setParameterExceptionHandler(errors)
                .setCaseInsensitiveEnumValuesAllowed(true);
    }
}
