package dev.cairn.cli;

import dev.cairn.RunView;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn runs get}: a run with its steps and result. */
@Command(name = "get", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Show a run: its status, times, metadata, error, steps and result.")
final class RunsGetCommand extends CliCommand {
  @Parameters(paramLabel = "RUN_ID", description = "The run's id.")
  String runId;

  @Override
  public Integer call() {
    RunView run = connection().client().getRun(Inputs.runId(runId));
    if (json()) {
      output().json(RunTables.RunJson.of(run));
      return ExitCodes.OK;
    }
    print(output(), run);
    return ExitCodes.OK;
  }

  static void print(Output output, RunView run) {
    for (List<String> row : RunTables.header(run)) {
      output.line(String.format("%-10s%s", row.get(0), Failures.oneLine(row.get(1))));
    }
    output.line("");
    output.table(RunTables.STEP_HEADERS, RunTables.stepRows(run, Instant.now(), Map.of()));
    String result = RunTables.result(run);
    if (result != null) {
      output.line("");
      output.line("result    " + result);
    }
  }
}
