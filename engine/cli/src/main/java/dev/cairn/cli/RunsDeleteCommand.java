package dev.cairn.cli;

import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn runs delete}: deletes a finished run now. */
@Command(name = "delete", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Delete a finished run now, with its steps, events and child runs (refused while it or a run of its"
        + " tree is unfinished).")
final class RunsDeleteCommand extends CliCommand {
  @Parameters(paramLabel = "RUN_ID", description = "The run's id.")
  String runId;

  @Override
  public Integer call() {
    UUID id = Inputs.runId(runId);
    connection().client().delete(id);
    return show(Map.of("runId", id, "deleted", true), "deleted run " + id);
  }
}
