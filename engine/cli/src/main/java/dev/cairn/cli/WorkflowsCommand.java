package dev.cairn.cli;

import dev.cairn.Workflows;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code cairn workflows}: pausing and resuming a workflow as a whole, and its retention. */
@Command(name = "workflows", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Pause and resume workflows (a paused workflow's queued steps start on no node; running steps"
        + " finish), and set how long their finished runs are kept.",
    subcommands = {WorkflowsCommand.Pause.class, WorkflowsCommand.Resume.class, WorkflowsCommand.ListPaused.class,
        WorkflowsCommand.SetRetention.class, WorkflowsCommand.ClearRetention.class,
        WorkflowsCommand.ListRetentions.class})
final class WorkflowsCommand {
  /** A command naming one workflow. */
  abstract static class Named extends CliCommand {
    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "The workflow's name.")
    String workflow;

    Workflows workflows() {
      return connection().client().workflows();
    }

    int say(String key, Object value, String text) {
      return show(Map.of("workflow", workflow, key, value), text);
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Pause a workflow on every node until it is resumed.")
  static final class Pause extends Named {
    @Override
    public Integer call() {
      Instant since = workflows().pause(workflow);
      return say("pausedAt", since, "workflow " + workflow + " paused since " + Output.time(since));
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Resume a paused workflow: its queued steps start in the usual order.")
  static final class Resume extends Named {
    @Override
    public Integer call() {
      boolean wasPaused = workflows().resume(workflow);
      return say("wasPaused", wasPaused, wasPaused ? "workflow " + workflow + " resumed"
          : "workflow " + workflow + " was not paused");
    }
  }

  @Command(name = "list-paused", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "List the paused workflows.")
  static final class ListPaused extends CliCommand {
    @Override
    public Integer call() {
      List<Map.Entry<String, Instant>> paused = connection().client().workflows().paused().entrySet().stream()
          .sorted(Map.Entry.comparingByKey()).toList();
      return list(paused, entry -> Map.of("workflow", entry.getKey(), "pausedAt", entry.getValue()),
          List.of("WORKFLOW", "PAUSED AT"), entry -> List.of(entry.getKey(), Output.time(entry.getValue())));
    }
  }

  @Command(name = "set-retention", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Keep the workflow's finished runs this long (1m..36500d) or forever, instead of the engine's"
          + " default.")
  static final class SetRetention extends Named {
    @Parameters(index = "1", paramLabel = "PERIOD", description = "7d, 12h, ISO-8601, or forever.")
    String period;

    @Override
    public Integer call() {
      boolean forever = period.equals("forever");
      Duration retention = forever ? Workflows.KEEP_FOREVER : Inputs.duration("PERIOD", period);
      workflows().setRetention(workflow, retention);
      String shown = forever ? "forever" : Output.duration(retention);
      return say("retention", forever ? "forever" : retention.toString(), "workflow " + workflow
          + " keeps finished runs " + (forever ? "forever" : "for " + shown));
    }
  }

  @Command(name = "clear-retention", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Return the workflow to the engine's default retention.")
  static final class ClearRetention extends Named {
    @Override
    public Integer call() {
      boolean had = workflows().clearRetention(workflow);
      return say("hadRetention", had, had ? "workflow " + workflow + " uses the default retention again"
          : "workflow " + workflow + " had no retention of its own");
    }
  }

  @Command(name = "list-retentions", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "List the workflows whose retention differs from the engine's default.")
  static final class ListRetentions extends CliCommand {
    @Override
    public Integer call() {
      List<Map.Entry<String, Duration>> retentions = connection().client().workflows().retentions().entrySet()
          .stream().sorted(Map.Entry.comparingByKey()).toList();
      return list(retentions, entry -> Map.of("workflow", entry.getKey(), "retention", shown(entry.getValue())),
          List.of("WORKFLOW", "RETENTION"), entry -> List.of(entry.getKey(), shown(entry.getValue())));
    }

    private static String shown(Duration retention) {
      return retention.equals(Workflows.KEEP_FOREVER) ? "forever" : retention.toString();
    }
  }
}
