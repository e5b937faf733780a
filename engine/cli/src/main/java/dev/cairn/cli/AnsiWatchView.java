package dev.cairn.cli;

import dev.cairn.RunEvent;
import dev.cairn.RunView;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The live view redrawn in place on a terminal: the run's status, a progress bar of steps done, the step table and
 * the latest events a step emitted. Each frame moves the cursor back over the previous one and clears it.
 */
final class AnsiWatchView extends WatchView {
  static final int RECENT_EVENTS = 5;
  static final int BAR_WIDTH = 30;
  private static final String CLEAR_TO_END = "\u001b[J";
  private final Deque<String> recent = new ArrayDeque<>();
  private int eventCount;
  private String notice;
  private int previousHeight;
  private boolean dirty;

  AnsiWatchView(Output output) {
    super(output);
  }

  @Override
  void changed(RunView previous, RunView latest) {
    draw();
  }

  @Override
  void progress(RunEvent event) {
    eventCount++;
    recent.addLast(Output.cell(describe(event).substring("event ".length())));
    if (recent.size() > RECENT_EVENTS) {
      recent.removeFirst();
    }
    // A burst of events (a long log replayed) is drawn once, when it has been read.
    dirty = true;
  }

  @Override
  void settled() {
    if (dirty) {
      draw();
    }
  }

  @Override
  void reconnecting(String why, long afterSeq) {
    notice = "connection lost (" + Failures.oneLine(why) + "); resuming after event " + afterSeq;
    draw();
  }

  @Override
  void tick() {
    draw();
  }

  @Override
  void finished(RunView finalRun) {
    notice = null;
    run = finalRun;
    draw();
    summary(finalRun);
  }

  private void draw() {
    if (run == null) {
      return;
    }
    dirty = false;
    List<String> frame = frame(Instant.now());
    StringBuilder text = new StringBuilder();
    if (previousHeight > 0) {
      text.append("\u001b[").append(previousHeight).append('F');
    }
    text.append(CLEAR_TO_END);
    frame.forEach(line -> text.append(line).append('\n'));
    output.raw(text.toString());
    previousHeight = frame.size();
  }

  List<String> frame(Instant now) {
    List<String> lines = new ArrayList<>();
    Instant since = run.startedAt() != null ? run.startedAt() : run.createdAt();
    lines.add("run " + run.id() + "  " + run.workflowName() + "  " + run.status() + "  "
        + Output.between(since, run.finishedAt() != null ? run.finishedAt() : now));
    long done = RunTables.done(run);
    int total = Math.max(1, run.steps().size());
    int filled = (int) (BAR_WIDTH * done / total);
    lines.add("[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "] " + done + "/" + run.steps().size()
        + " steps done");
    lines.addAll(Output.tableLines(RunTables.STEP_HEADERS, RunTables.stepRows(run, now, childrenByStep)));
    if (eventCount > 0) {
      lines.add("events (" + eventCount + "):");
      recent.forEach(event -> lines.add("  " + event));
    }
    if (notice != null) {
      lines.add(notice);
    }
    return lines;
  }
}
