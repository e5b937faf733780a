package dev.cairn.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cairn.TriggerOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn trigger}: starts a run, and with {@code --wait} follows it to its end. */
@Command(name = "trigger", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = {"Start a run of a workflow and print its id. The input is JSON: the INPUT argument, a file"
        + " (--input-file FILE) or standard input (--input-file -); none is null.",
        "With --wait, show the run live until it ends (see 'cairn runs watch'); the exit code is then 0 when it"
            + " succeeded and 1 when it failed or was cancelled."})
final class TriggerCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The workflow's name.")
  String workflow;

  @Parameters(index = "1", arity = "0..1", paramLabel = "INPUT", description = "The input as JSON.")
  String input;

  @Option(names = {"-f", "--input-file"}, paramLabel = "FILE", description = "Read the input from FILE (- for"
      + " standard input).")
  Path inputFile;

  @Option(names = "--metadata", paramLabel = "KEY=VALUE", description = "Metadata of the run (repeatable).")
  Map<String, String> metadata = new LinkedHashMap<>();

  @Option(names = "--idempotency-key", paramLabel = "KEY", description = "A second trigger with this key returns"
      + " the first run.")
  String idempotencyKey;

  @Option(names = "--priority", paramLabel = "N", description = "Higher runs first (default 0).")
  int priority;

  @Option(names = "--delay", paramLabel = "DURATION", description = "Start after this delay (30s, 5m, 2h...).")
  String delay;

  @Option(names = "--run-at", paramLabel = "TIME", description = "Start at this time (ISO-8601 UTC).")
  String runAt;

  @Option(names = "--timeout", paramLabel = "DURATION", description = "Cancel the run if it is not final this long"
      + " after it is due.")
  String timeout;

  @Option(names = "--wait", description = "Follow the run live until it ends.")
  boolean wait;

  @Mixin
  WatchOptions watch;

  @Override
  public Integer call() throws InterruptedException {
    JsonNode document = Inputs.json("input", input, inputFile, cli().environment().stdin());
    UUID runId = connection().client().trigger(workflow, document, options()).id();
    if (json() && !wait) {
      output().json(Map.of("runId", runId));
    } else {
      output().line(wait ? "triggered run " + runId : runId.toString());
    }
    return wait ? RunsWatchCommand.follow(this, watch, runId) : ExitCodes.OK;
  }

  private TriggerOptions options() {
    if (delay != null && runAt != null) {
      throw CliException.usage("--delay and --run-at exclude each other");
    }
    TriggerOptions.Builder options = TriggerOptions.builder().metadata(metadata).priority(priority)
        .idempotencyKey(idempotencyKey);
    if (delay != null) {
      options.delay(Inputs.duration("--delay", delay));
    }
    if (runAt != null) {
      options.runAt(Inputs.instant("--run-at", runAt));
    }
    if (timeout != null) {
      options.timeout(Inputs.duration("--timeout", timeout));
    }
    return options.build();
  }
}
