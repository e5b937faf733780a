package dev.cairn.pipeline.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cairn.Parent;
import dev.cairn.RunStatus;
import dev.cairn.Step;
import dev.cairn.pipeline.app.DailyIngest;
import dev.cairn.pipeline.app.TranscriptLinks;
import dev.cairn.pipeline.testing.FakeServices;
import dev.cairn.pipeline.testing.PipelineHarness;
import dev.cairn.pipeline.testing.SampleRecording;
import dev.cairn.pipeline.workflow.DiarizationPipeline;
import dev.cairn.testing.Browser;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;

/**
 * The dashboard in headless Chromium on a pipeline run while it runs: its graph is the workflow's, and its steps
 * change status on the page as the run goes on, without a reload; its transcript links open the transcript's JSON and
 * its live events from the pipeline's HTTP port (another origin) in the page's viewer.
 */
class PipelineDashboardTest {
  @TempDir
  Path temp;

  @Test
  void aPipelineRunIsDrawnAsItsWorkflowAndItsStepsChangeStatusLive() {
    try (Browser browser = Browser.open();
        FakeServices fakes = new FakeServices();
        PipelineHarness pipeline = PipelineHarness.withDashboard(PipelineHarness.localSettings(fakes,
            temp.resolve("storage")))) {
      String address = "http://localhost:" + pipeline.cairn().dashboardPort() + "/";
      SampleRecording recording = pipeline.sample(fakes, "dashboard", null);
      fakes.holdTrack(0); // the run stays in process_tracks until the first track's transcription is let go
      DailyIngest.Started started = pipeline.process(recording);

      browser.logIn(address, pipeline.clientToken());
      browser.driver().get(address + "#/runs/" + started.runId());
      browser.until("process_tracks waits for its children", driver -> status(driver, "process_tracks")
          .equals("WAITING"));
      assertEquals("PENDING", status(browser.driver(), "finalize"));
      assertEquals(workflowEdges(), drawnEdges(browser.driver()));
      browser.until("the track children are drawn", driver -> driver.findElements(
          By.cssSelector("#graph g.node.child")).size() == 3);
      browser.screenshot("pipeline-run-while-running");

      fakes.releaseTrack(0);
      browser.until("finalize succeeds on the page", driver -> status(driver, "finalize").equals("SUCCEEDED"));
      browser.until("the run succeeds on the page", driver -> driver.findElement(
          By.cssSelector("#run-status .badge")).getText().equals("SUCCEEDED"));
      assertEquals(RunStatus.SUCCEEDED, pipeline.await(started.runId()).status());
      browser.until("every step succeeded", driver -> driver.findElements(
          By.cssSelector("#graph g.node.step:not([data-status='SUCCEEDED'])")).isEmpty());
      // Tall enough for the graph and the timeline together: the README shows this one.
      browser.driver().manage().window().setSize(new Dimension(1440, 1250));
      browser.screenshot("pipeline-run-finished");

      openLink(browser, TranscriptLinks.TRANSCRIPT);
      // Pretty-printed by the page: one field a line.
      browser.until("the transcript's JSON is shown", driver -> linkBody(driver).contains("\n  \"id\": \""
          + started.transcriptId() + "\",\n"));
      assertEquals("HTTP 200", browser.driver().findElement(By.id("link-state")).getText());
      browser.screenshot("pipeline-transcript-link");

      openLink(browser, TranscriptLinks.LIVE_EVENTS);
      browser.until("the transcript's events are listed", driver -> !driver.findElements(
          By.cssSelector("#link-body .link-event")).isEmpty());
      assertEquals("live", browser.driver().findElement(By.id("link-state")).getText());
      browser.screenshot("pipeline-transcript-events");
      browser.click(By.id("link-stop"));
      browser.until("the stream is stopped", driver -> driver.findElement(By.id("link-state")).getText()
          .equals("stopped"));
    }
  }

  /** Clicks the run page's button of the transcript link {@code label}. */
  private static void openLink(Browser browser, String label) {
    browser.click(By.cssSelector("#metadata-links button[data-label='" + label + "']"));
  }

  private static String linkBody(WebDriver driver) {
    return driver.findElement(By.id("link-body")).getText();
  }

  private static String status(WebDriver driver, String step) {
    return driver.findElement(By.cssSelector("#graph g[data-node='" + step + "']")).getAttribute("data-status");
  }

  private static Set<String> drawnEdges(WebDriver driver) {
    Set<String> edges = new TreeSet<>();
    driver.findElements(By.cssSelector("#graph path.edge")).forEach(edge -> {
      if (!edge.getAttribute("data-to").contains(":")) { // edges to child runs are not the workflow's
        edges.add(edge.getAttribute("data-from") + " -> " + edge.getAttribute("data-to"));
      }
    });
    return edges;
  }

  /** The workflow's edges as its code declares them: {@code @Step(parents)} and {@code @Parent} parameters. */
  private static Set<String> workflowEdges() {
    Set<String> edges = new TreeSet<>();
    for (Method method : DiarizationPipeline.class.getDeclaredMethods()) {
      Step step = method.getAnnotation(Step.class);
      if (step == null) {
        continue;
      }
      String name = step.name().isEmpty() ? method.getName() : step.name();
      Set<String> parents = new HashSet<>(Arrays.asList(step.parents()));
      for (Parameter parameter : method.getParameters()) {
        Parent parent = parameter.getAnnotation(Parent.class);
        if (parent != null) {
          parents.add(parent.value());
        }
      }
      parents.forEach(parent -> edges.add(parent + " -> " + name));
    }
    return edges;
  }
}
