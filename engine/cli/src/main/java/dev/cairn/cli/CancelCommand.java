package dev.cairn.cli;

import dev.cairn.BulkResult;
import dev.cairn.CancelResult;
import dev.cairn.RunQuery;
import java.util.UUID;
import picocli.CommandLine.Command;

/** {@code cairn cancel}: cancels a run (its steps, running attempts and child runs), or every run a filter matches. */
@Command(name = "cancel", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Cancel a run with its steps, running attempts and child runs; or every unfinished run the filters"
        + " match. A run that already finished is left as it is (exit 0).")
final class CancelCommand extends BulkRunCommand {
  @Override
  int one(UUID id) {
    boolean cancelled = connection().client().cancel(id) == CancelResult.CANCELLED;
    report(id, cancelled, cancelled ? "cancelled run " + id : "run " + id + " had already finished");
    return ExitCodes.OK;
  }

  @Override
  BulkResult all(RunQuery query) {
    return connection().client().cancelAll(query);
  }

  @Override
  String verb() {
    return "cancelled";
  }
}
