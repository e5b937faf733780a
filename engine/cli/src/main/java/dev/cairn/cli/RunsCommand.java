package dev.cairn.cli;

import picocli.CommandLine.Command;

/** {@code cairn runs}: reading and watching runs. */
@Command(name = "runs", mixinStandardHelpOptions = true, description = "List, show and watch runs.",
    footer = ExitCodes.HELP_FOOTER,
    subcommands = {RunsListCommand.class, RunsGetCommand.class, RunsWatchCommand.class, RunsDeleteCommand.class})
final class RunsCommand {
}
