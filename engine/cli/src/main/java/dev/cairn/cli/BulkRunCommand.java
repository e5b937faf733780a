package dev.cairn.cli;

import dev.cairn.BulkResult;
import dev.cairn.RunQuery;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** A command acting on one run by id, or on every run a filter matches (cancel, replay). */
abstract class BulkRunCommand extends CliCommand {
  @Parameters(arity = "0..1", paramLabel = "RUN_ID", description = "The run's id; or give filters instead.")
  String runId;

  @Mixin
  RunFilterOptions filter;

  @Override
  public Integer call() {
    if (runId != null && !filter.isEmpty()) {
      throw CliException.usage("give a RUN_ID or filters, not both");
    }
    if (runId != null) {
      return one(Inputs.runId(runId));
    }
    if (filter.isEmpty()) {
      throw CliException.usage("give a RUN_ID, or at least one filter (--workflow, --status, --metadata,"
          + " --created-from, --created-to)");
    }
    BulkResult result = all(filter.query().build());
    return show(result, "matched " + result.matched() + ", " + verb() + " " + result.changed());
  }

  abstract int one(UUID id);

  abstract BulkResult all(RunQuery query);

  /** Past participle for the summary line ("cancelled"). */
  abstract String verb();

  void report(UUID id, boolean changed, String text) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("runId", id);
    result.put(verb(), changed);
    show(result, text);
  }
}
