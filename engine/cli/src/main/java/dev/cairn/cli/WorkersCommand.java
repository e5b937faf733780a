package dev.cairn.cli;

import dev.cairn.WorkerInfo;
import dev.cairn.WorkerPage;
import dev.cairn.WorkerQuery;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairn workers}: the worker inventory of every node on the database (an admin token is needed). */
@Command(name = "workers", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Which processes serve which workflows, with what code (needs an admin token).",
    subcommands = {WorkersCommand.ListWorkers.class})
final class WorkersCommand {
  @Command(name = "list", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "List workers: connected ones, stale ones (no heartbeat) and those gone within the last day."
          + " A definition whose fingerprint the engine refused is marked with '!'.")
  static final class ListWorkers extends CliCommand {
    @Option(names = "--workflow", paramLabel = "NAME", description = "Workers serving this workflow.")
    String workflow;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Workers carrying this label (repeatable).")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--connected", description = "Only connected workers (not stale or gone).")
    boolean connectedOnly;

    @Option(names = "--page-size", paramLabel = "N", description = "1..1000 (default 100).")
    Integer pageSize;

    @Option(names = "--page-token", paramLabel = "TOKEN", description = "The next page, as a previous list printed.")
    String pageToken;

    @Override
    public Integer call() {
      WorkerQuery.Builder query = WorkerQuery.builder().workflow(workflow).connectedOnly(connectedOnly)
          .pageToken(pageToken);
      labels.forEach(query::label);
      if (pageSize != null) {
        query.pageSize(pageSize);
      }
      WorkerPage page = connection().client().workers().list(query.build());
      if (json()) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("workers", page.workers());
        answer.put("nextPageToken", page.nextPageToken());
        output().json(answer);
        return ExitCodes.OK;
      }
      list(page.workers(), worker -> worker, List.of("WORKER", "KIND", "STATE", "NODE", "HOST", "SLOTS", "LABELS",
          "DEFINITIONS", "VERSION", "CONNECTED", "HEARTBEAT"), ListWorkers::row);
      if (page.nextPageToken() != null) {
        output().line("next page: --page-token " + page.nextPageToken());
      }
      return ExitCodes.OK;
    }

    private static List<String> row(WorkerInfo worker) {
      WorkerInfo.Connection connection = worker.connection();
      return List.of(worker.workerId(), worker.kind().name(), worker.state().name()
              + (connection.goneAt() == null ? "" : " " + Output.time(connection.goneAt())),
          Output.cell(worker.nodeId()), Output.cell(worker.host()), worker.slotsUsed() + "/" + worker.slots(),
          worker.labels().entrySet().stream().map(label -> label.getKey() + "=" + label.getValue())
              .collect(Collectors.joining(",")),
          worker.definitions().stream().map(ListWorkers::definition).collect(Collectors.joining(",")),
          Output.cell(worker.version()), Output.time(connection.connectedAt()),
          Output.time(connection.lastHeartbeatAt()));
    }

    private static String definition(WorkerInfo.Definition definition) {
      String fingerprint = definition.fingerprint() == null ? "" : definition.fingerprint();
      return definition.workflowName() + "@" + fingerprint.substring(0, Math.min(8, fingerprint.length()))
          + (definition.accepted() ? "" : "!");
    }
  }
}
