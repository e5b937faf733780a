package dev.cairn.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** How the live view of a run ({@code runs watch}, {@code trigger --wait}) shows itself. */
final class WatchOptions {
  @Option(names = "--plain", description = "One line per change (the default when standard output is not a"
      + " terminal).")
  boolean plain;

  @Option(names = "--ansi", description = "Redraw the view in place even when standard output is not a terminal.")
  boolean ansi;

  @Option(names = "--give-up-after", paramLabel = "DURATION", description = "Stop reconnecting (exit 5) after the"
      + " server has been unreachable this long (default 2m).")
  String giveUpAfter = "2m";

  WatchView view(CliEnvironment environment, Output output) {
    if (plain && ansi) {
      throw CliException.usage("--plain and --ansi exclude each other");
    }
    return ansi || (!plain && environment.terminal()) ? new AnsiWatchView(output) : new PlainWatchView(output);
  }

  Duration giveUpAfter() {
    return Inputs.duration("--give-up-after", giveUpAfter);
  }
}
