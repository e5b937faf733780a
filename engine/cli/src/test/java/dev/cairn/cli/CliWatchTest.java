package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.testing.Await;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The live view: trigger --wait and runs watch, plain and redrawn, and resuming after a dropped connection. */
class CliWatchTest {
  private static final Duration DEADLINE = Duration.ofSeconds(30);
  @RegisterExtension
  static final TestServer server = new TestServer();

  private static UUID runIdFrom(String firstLine) {
    return UUID.fromString(firstLine.substring("triggered run ".length()));
  }

  /** The events steps emitted, as the plain view prints them, from the run's stored log. */
  private static List<String> emitted(UUID run) {
    return server.cairn().events(run, 0, 1000).stream()
        .filter(event -> !event.type().startsWith("RUN_") && !event.type().startsWith("STEP_"))
        .map(WatchView::describe).toList();
  }

  @Test
  void triggerWaitPrintsOneLinePerChangeAndEndsWithTheResult() {
    Cli.Result result = Cli.against(server).run("trigger", "greeter", "{\"name\":\"Wait\",\"times\":3}", "--wait");
    assertEquals(0, result.exitCode(), result.toString());
    List<String> lines = result.lines();
    UUID run = runIdFrom(lines.get(0));
    assertEquals("run " + run + " greeter QUEUED", lines.get(1).replace("RUNNING", "QUEUED"), result.out());
    assertTrue(lines.get(lines.size() - 2).startsWith("run " + run + " SUCCEEDED in "), result.out());
    assertEquals("result \"Hello, Wait!\"", lines.get(lines.size() - 1));
    assertTrue(lines.stream().anyMatch(line -> line.matches("step sign SUCCEEDED attempt 1 worker \\S+ \\S+")),
        result.out());
    assertTrue(lines.contains("progress 2/2 steps done"), result.out());
    assertEquals(emitted(run), lines.stream().filter(line -> line.startsWith("event ")).toList());
    assertEquals("", result.err());
  }

  @Test
  void aFailedRunEndsTheWaitWithExitCodeOneAndItsError() {
    Cli.Result result = Cli.against(server).run("trigger", "failing", "\"w\"", "--wait", "--plain");
    assertEquals(1, result.exitCode(), result.toString());
    List<String> lines = result.lines();
    assertTrue(lines.get(lines.size() - 2).contains(" FAILED in "), result.out());
    assertTrue(lines.get(lines.size() - 1).startsWith("error ") && lines.get(lines.size() - 1).contains("boom: w"),
        result.out());
  }

  @Test
  void watchSummarisesTheChildRunsAStepWaitsFor() throws Exception {
    // The children wait for events, so the parent's step is seen waiting for them however fast the engine is.
    String key = "gate-" + UUID.randomUUID();
    Cli.Running watch = Cli.against(server).start("trigger", "gated-fan-out", "\"" + key + "\"", "--wait");
    Await.until("the watch to show the step waiting for its children", DEADLINE,
        () -> watch.outSoFar().lines().anyMatch(line -> line.startsWith("step gather WAITING")
            && line.endsWith("(waits for 3 child runs)")));
    for (int i = 0; i < 3; i++) {
      server.cairn().pushEvent(key + "-" + i, "yes " + i);
    }
    Cli.Result result = watch.result().get();
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.out().endsWith("result \"yes 0 yes 1 yes 2\"\n"), result.out());
  }

  @Test
  void onATerminalTheViewIsRedrawnInPlaceWithAProgressBar() {
    Cli.Result result = Cli.against(server).terminal().run("trigger", "greeter", "{\"name\":\"Tty\",\"times\":2}",
        "--wait");
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.out().contains("\u001b[J"), "frames clear what they redraw");
    assertTrue(result.out().matches("(?s).*\u001b\\[\\d+F.*"), "later frames move back over the earlier ones");
    String lastFrame = result.out().substring(result.out().lastIndexOf("\u001b[J") + 3);
    assertTrue(lastFrame.contains("[" + "#".repeat(AnsiWatchView.BAR_WIDTH) + "] 2/2 steps done"), lastFrame);
    assertTrue(lastFrame.lines().anyMatch(line -> line.matches("sign\\s+SUCCEEDED\\s+1\\s+.*")), lastFrame);
    assertTrue(lastFrame.contains("events (2):"), lastFrame);
    assertTrue(lastFrame.endsWith("result \"Hello, Tty!\"\n"), lastFrame);
  }

  @Test
  void watchResumesAfterTheConnectionDropsWithoutRepeatingOrMissingEvents() throws Exception {
    try (CuttableProxy proxy = new CuttableProxy(server.cairn().grpcPort())) {
      String key = "resume-" + UUID.randomUUID();
      UUID run = server.cairn().trigger("approval", key).id();
      Cli.Running watch = Cli.against(server).env("CAIRN_SERVER", proxy.target()).start("runs", "watch",
          run.toString());
      // The "asked" event comes over the WatchRun stream, so the stream is open when it has been shown (the first
      // snapshot, from GetRun, may show the step waiting before the stream is).
      Await.until("the watch's stream to show the waiting step's event", DEADLINE,
          () -> watch.outSoFar().contains("step decide WAITING") && watch.outSoFar().contains("event asked"));
      int connections = proxy.accepted();

      proxy.cut();
      try {
        Await.until("the watch to notice the cut", DEADLINE, () -> watch.outSoFar().contains("connection lost ("));
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n--- out\n" + watch.outSoFar() + "--- err\n" + watch.errSoFar(), e);
      }
      server.cairn().pushEvent(key, "approved");
      Cli.Result result = watch.result().get();

      assertEquals(0, result.exitCode(), result.toString());
      assertTrue(proxy.accepted() > connections, "reconnected through the proxy");
      assertTrue(result.out().endsWith("result \"approved\"\n"), result.out());
      assertEquals(emitted(run), result.lines().stream().filter(line -> line.startsWith("event ")).toList());
      assertEquals(1, result.lines().stream().filter(line -> line.startsWith("step decide SUCCEEDED")).count(),
          result.out());
    }
  }

  @Test
  void watchingAFinishedRunShowsItAndExitsAtOnce() {
    UUID run = server.cairn().trigger("failing", "done").id();
    server.cairn().await(run, DEADLINE);
    Cli.Result result = Cli.against(server).run("runs", "watch", run.toString(), "--plain");
    assertEquals(1, result.exitCode(), result.toString());
    assertTrue(result.lines().get(0).equals("run " + run + " failing FAILED"), result.out());
  }
}
