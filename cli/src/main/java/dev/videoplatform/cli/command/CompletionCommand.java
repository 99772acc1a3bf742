package dev.videoplatform.cli.command;

import dev.videoplatform.cli.exit.ExitCode;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vp completion bash|zsh}: the completion script for {@code source <(vp completion bash)}.
 * One script serves both: under zsh it loads bashcompinit itself.
 */
@Command(name = "completion", description = "Print the shell completion script: source <(vp completion bash)")
public class CompletionCommand implements Callable<Integer> {

    /** Shells the script supports. */
    public enum Shell {
        BASH,
        ZSH
    }

    @Parameters(paramLabel = "SHELL", description = "bash or zsh")
    Shell shell;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(AutoComplete.bash("vp", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
