package dev.cairn.cli;

import dev.cairn.RunPage;
import dev.cairn.RunQuery;
import dev.cairn.RunSummary;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cairn runs list}: one page of runs, newest first (or every page with {@code --all}). */
@Command(name = "list", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "List runs, newest first. The next page's token is printed on standard error (table) or as"
        + " nextPageToken (json).")
final class RunsListCommand extends CliCommand {
  @Mixin
  RunFilterOptions filter;

  @Option(names = "--limit", paramLabel = "N", description = "Runs per page, 1..1000 (default 50).")
  int limit = RunQuery.DEFAULT_PAGE_SIZE;

  @Option(names = "--page-token", paramLabel = "TOKEN", description = "Continue after the page that returned it.")
  String pageToken;

  @Option(names = "--all", description = "Follow every page to the end.")
  boolean all;

  @Override
  public Integer call() {
    RunQuery.Builder query = filter.query().pageSize(limit).pageToken(pageToken);
    RunPage page = connection().client().listRuns(query.build());
    List<RunSummary> runs = new ArrayList<>(page.runs());
    while (all && page.nextPageToken() != null) {
      page = connection().client().listRuns(query.pageToken(page.nextPageToken()).build());
      runs.addAll(page.runs());
    }
    RunPage shown = new RunPage(runs, page.nextPageToken());
    if (json()) {
      output().json(shown);
    } else {
      output().table(RunTables.RUN_HEADERS, RunTables.runRows(runs));
      if (shown.nextPageToken() != null) {
        err().println("more runs: --page-token " + shown.nextPageToken());
      }
    }
    return ExitCodes.OK;
  }
}
