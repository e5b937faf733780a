package dev.cairn.cli;

import dev.cairn.ScheduleSpec;
import dev.cairn.ScheduleView;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code schedules create} and {@code schedules update}: what a schedule does, from its options. */
abstract class ScheduleSpecCommand extends SchedulesCommand.Named {
  @Option(names = "--workflow", required = true, paramLabel = "NAME", description = "The workflow each tick starts.")
  String workflow;

  @Option(names = "--cron", required = true, paramLabel = "EXPR", description = "Five fields: minute hour"
      + " day-of-month month day-of-week (\"0 5 * * *\").")
  String cron;

  @Option(names = "--time-zone", paramLabel = "ZONE", description = "IANA zone id (default UTC).")
  String timeZone;

  @Parameters(index = "1", arity = "0..1", paramLabel = "INPUT", description = "Every run's input as JSON.")
  String input;

  @Option(names = {"-f", "--input-file"}, paramLabel = "FILE", description = "Read the input from FILE (- for"
      + " standard input).")
  Path inputFile;

  @Option(names = "--metadata", paramLabel = "KEY=VALUE", description = "Metadata of every run (repeatable).")
  Map<String, String> metadata = new LinkedHashMap<>();

  @Option(names = "--priority", paramLabel = "N", description = "Priority of every run (default 0).")
  int priority;

  @Option(names = "--missed-ticks", paramLabel = "POLICY", description = "Ticks missed while every node was down:"
      + " ${COMPLETION-CANDIDATES} (default LATEST).")
  ScheduleSpec.MissedTicks missedTicks;

  @Option(names = "--overlap", paramLabel = "POLICY", description = "A tick while the previous run is unfinished:"
      + " ${COMPLETION-CANDIDATES} (default ALLOW).")
  ScheduleSpec.Overlap overlap;

  @Override
  public Integer call() {
    ScheduleView schedule = apply(spec());
    return show(schedule, verb() + " schedule " + name + "; next tick " + Output.time(schedule.nextDueAt()));
  }

  abstract ScheduleView apply(ScheduleSpec spec);

  abstract String verb();

  ScheduleSpec spec() {
    ScheduleSpec.Builder spec = ScheduleSpec.builder(name, workflow).cron(cron).metadata(metadata).priority(priority)
        .input(Inputs.json("input", input, inputFile, cli().environment().stdin()));
    if (timeZone != null) {
      spec.timeZone(timeZone);
    }
    if (missedTicks != null) {
      spec.missedTicks(missedTicks);
    }
    if (overlap != null) {
      spec.overlap(overlap);
    }
    return spec.build();
  }

  @Command(name = "create", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Create a schedule. Example: cairn schedules create nightly --workflow report --cron '0 5 * * *'"
          + " --time-zone Europe/Paris '{\"full\": true}'")
  static final class Create extends ScheduleSpecCommand {
    @Override
    ScheduleView apply(ScheduleSpec spec) {
      return schedules().create(spec);
    }

    @Override
    String verb() {
      return "created";
    }
  }

  @Command(name = "update", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Replace what a schedule does (all options as for create); its next tick is computed again from"
          + " now, its history and pause are kept.")
  static final class Update extends ScheduleSpecCommand {
    @Override
    ScheduleView apply(ScheduleSpec spec) {
      return schedules().update(spec);
    }

    @Override
    String verb() {
      return "updated";
    }
  }
}
