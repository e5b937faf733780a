package dev.cairn.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

/** {@code cairn completion}: the bash (and zsh) completion script. */
@Command(name = "completion", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = {"Print a bash completion script for cairn (zsh can use it too, after 'autoload -U bashcompinit;"
        + " bashcompinit').", "Install it with: source <(cairn completion), or cairn completion >"
        + " /etc/bash_completion.d/cairn"})
final class CompletionCommand extends CliCommand {
  @Override
  public Integer call() {
    out().print(AutoComplete.bash("cairn", spec.root().commandLine()));
    out().flush();
    return ExitCodes.OK;
  }
}
