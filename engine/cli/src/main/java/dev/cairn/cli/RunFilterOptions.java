package dev.cairn.cli;

import dev.cairn.RunQuery;
import dev.cairn.RunStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which runs: the filters of {@code runs list} and of bulk {@code cancel} and {@code replay} (a RunQuery). */
final class RunFilterOptions {
  @Option(names = "--workflow", paramLabel = "NAME", description = "Runs of this workflow.")
  String workflow;

  @Option(names = "--status", paramLabel = "STATUS", split = ",",
      description = "Runs in these statuses (repeat or comma-separate): ${COMPLETION-CANDIDATES}.")
  List<RunStatus> statuses = new ArrayList<>();

  @Option(names = "--metadata", paramLabel = "KEY=VALUE", description = "Runs whose metadata hold this entry"
      + " (repeatable).")
  Map<String, String> metadata = new LinkedHashMap<>();

  @Option(names = "--created-from", paramLabel = "TIME", description = "Created at or after (ISO-8601 UTC or a"
      + " date).")
  String createdFrom;

  @Option(names = "--created-to", paramLabel = "TIME", description = "Created before (ISO-8601 UTC or a date).")
  String createdTo;

  boolean isEmpty() {
    return workflow == null && statuses.isEmpty() && metadata.isEmpty() && createdFrom == null && createdTo == null;
  }

  RunQuery.Builder query() {
    RunQuery.Builder query = RunQuery.builder().workflow(workflow).metadata(metadata)
        .status(statuses.toArray(RunStatus[]::new));
    if (createdFrom != null) {
      query.createdFrom(Inputs.instant("--created-from", createdFrom));
    }
    if (createdTo != null) {
      query.createdTo(Inputs.instant("--created-to", createdTo));
    }
    return query;
  }
}
