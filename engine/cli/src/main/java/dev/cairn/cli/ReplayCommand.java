package dev.cairn.cli;

import dev.cairn.BulkResult;
import dev.cairn.RunQuery;
import java.util.UUID;
import picocli.CommandLine.Command;

/** {@code cairn replay}: re-runs the failed branch of a failed or cancelled run, or of every such run matched. */
@Command(name = "replay", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Replay a failed or cancelled run: its failed branch runs again with the code registered now. Or"
        + " every failed or cancelled run the filters match. A run that did not fail is refused (exit 6).")
final class ReplayCommand extends BulkRunCommand {
  @Override
  int one(UUID id) {
    connection().client().replay(id);
    report(id, true, "replaying run " + id);
    return ExitCodes.OK;
  }

  @Override
  BulkResult all(RunQuery query) {
    return connection().client().replayAll(query);
  }

  @Override
  String verb() {
    return "replayed";
  }
}
