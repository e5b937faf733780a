package dev.cairn.cli;

import dev.cairn.RunStatus;
import dev.cairn.RunView;
import java.util.UUID;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code cairn runs watch}: the live view of a run until it ends. */
@Command(name = "watch", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = {"Follow a run live until it ends: each step with its status, attempt, worker and duration, a"
        + " progress bar of steps done, the child runs a step waits for and the events its steps emit.",
        "Redrawn in place on a terminal; one line per change with --plain or when output is not a terminal."
            + " Reconnects after a dropped connection and resumes where it was. Exits 0 when the run succeeded,"
            + " 1 when it failed or was cancelled."})
final class RunsWatchCommand extends CliCommand {
  @Parameters(paramLabel = "RUN_ID", description = "The run's id.")
  String runId;

  @Mixin
  WatchOptions watch;

  @Override
  public Integer call() throws InterruptedException {
    return follow(this, watch, Inputs.runId(runId));
  }

  /** Watches the run with the command's options; the exit code says how it ended. */
  static int follow(CliCommand command, WatchOptions options, UUID runId) throws InterruptedException {
    WatchView view = options.view(command.cli().environment(), command.output());
    RunView run = new RunWatcher(command.connection().client(), runId, view, options.giveUpAfter()).watch();
    return run.status() == RunStatus.SUCCEEDED ? ExitCodes.OK : ExitCodes.RUN_FAILED;
  }
}
