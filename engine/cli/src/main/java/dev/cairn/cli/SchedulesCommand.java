package dev.cairn.cli;

import dev.cairn.ScheduleView;
import dev.cairn.Schedules;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn schedules}: cron schedules (each tick starts exactly one run). */
@Command(name = "schedules", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Cron schedules: each tick starts exactly one run of the schedule's workflow, however many nodes"
        + " run.",
    subcommands = {SchedulesCommand.ListSchedules.class, SchedulesCommand.Get.class, ScheduleSpecCommand.Create.class,
        ScheduleSpecCommand.Update.class, SchedulesCommand.Pause.class, SchedulesCommand.Resume.class,
        SchedulesCommand.Trigger.class, SchedulesCommand.Backfill.class, SchedulesCommand.Delete.class})
final class SchedulesCommand {
  static final List<String> HEADERS = List.of("NAME", "WORKFLOW", "CRON", "ZONE", "PAUSED", "NEXT", "LAST RUN",
      "SKIPPED");

  static List<String> row(ScheduleView schedule) {
    return List.of(schedule.name() + (schedule.declared() ? " (declared)" : ""), schedule.workflowName(),
        schedule.cron(), schedule.timeZone(), schedule.paused() ? "yes" : "no", Output.time(schedule.nextDueAt()),
        schedule.lastRunId() == null ? "-" : schedule.lastRunId().toString(), String.valueOf(schedule.skippedTicks()));
  }

  /** A command naming one schedule. */
  abstract static class Named extends CliCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The schedule's name.")
    String name;

    Schedules schedules() {
      return connection().client().schedules();
    }

  }

  @Command(name = "list", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "List the schedules by name.")
  static final class ListSchedules extends CliCommand {
    @Override
    public Integer call() {
      return list(connection().client().schedules().list(), schedule -> schedule, HEADERS, SchedulesCommand::row);
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Show a schedule.")
  static final class Get extends Named {
    @Override
    public Integer call() {
      ScheduleView schedule = schedules().get(name);
      if (json()) {
        output().json(schedule);
      } else {
        output().table(HEADERS, List.of(row(schedule)));
        output().line("");
        output().line("input " + Output.json(schedule.inputJson()) + "; priority " + schedule.priority()
            + "; missed ticks " + schedule.missedTicks() + "; overlap " + schedule.overlap()
            + (schedule.metadata().isEmpty() ? "" : "; metadata " + schedule.metadata()));
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "pause", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Pause a schedule: its ticks start nothing until it is resumed.")
  static final class Pause extends Named {
    @Override
    public Integer call() {
      return show(schedules().pause(name), "schedule " + name + " paused");
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Resume a schedule from the first tick after now (ticks missed while paused start nothing).")
  static final class Resume extends Named {
    @Override
    public Integer call() {
      ScheduleView schedule = schedules().resume(name);
      return show(schedule, "schedule " + name + " resumed; next tick " + Output.time(schedule.nextDueAt()));
    }
  }

  @Command(name = "trigger", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Start the schedule's run now, outside its ticks (also while paused); prints the run id.")
  static final class Trigger extends Named {
    @Override
    public Integer call() {
      UUID runId = schedules().triggerNow(name);
      return show(Map.of("schedule", name, "runId", runId), runId.toString());
    }
  }

  @Command(name = "backfill", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Start the run of every tick in [--from, --to), at most 1000; ticks that started a run before"
          + " return that run. Prints the run ids in tick order.")
  static final class Backfill extends Named {
    @Option(names = "--from", required = true, paramLabel = "TIME", description = "First tick (ISO-8601 UTC).")
    String from;

    @Option(names = "--to", required = true, paramLabel = "TIME", description = "End, excluded (ISO-8601 UTC).")
    String to;

    @Override
    public Integer call() {
      List<UUID> runs = schedules().backfill(name, Inputs.instant("--from", from), Inputs.instant("--to", to));
      if (json()) {
        output().json(Map.of("schedule", name, "runIds", runs));
      } else {
        runs.forEach(run -> output().line(run.toString()));
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Delete a schedule (the runs it started stay). Declared schedules (@Workflow(cron)) cannot be"
          + " deleted.")
  static final class Delete extends Named {
    @Override
    public Integer call() {
      schedules().delete(name);
      return show(Map.of("schedule", name, "deleted", true), "deleted schedule " + name);
    }
  }
}
