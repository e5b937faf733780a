package dev.cairn.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.RunHandle;
import dev.cairn.RunStatus;
import dev.cairn.TriggerOptions;
import dev.cairn.testing.Await;
import dev.cairn.testing.Browser;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The dashboard in headless Chromium against an embedded engine. */
class DashboardBrowserTest {
  @RegisterExtension
  static final DashboardEngine engine = new DashboardEngine();
  private Browser browser;

  @BeforeEach
  void openBrowser() {
    browser = Browser.open();
  }

  @AfterEach
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }

  private static RunHandle<Object> trigger(String workflow, Object input, String tag) {
    return engine.cairn().trigger(workflow, input, TriggerOptions.builder().metadata(Map.of("batch", tag)).build());
  }

  @Test
  void aBadTokenIsRefusedAndShowsNoData() {
    browser.driver().get(engine.address());
    browser.visible(By.id("token")).sendKeys("cairn_bad_" + "x".repeat(30));
    browser.click(By.id("login-button"));
    browser.until("the login refused", driver -> driver.findElement(By.id("login-error")).getText()
        .contains("unknown, expired or revoked"));
    assertTrue(browser.driver().findElements(By.id("runs")).isEmpty(), "no runs are shown");
    browser.screenshot("dashboard-login-refused");

    browser.driver().findElement(By.id("token")).sendKeys(engine.worker());
    browser.click(By.id("login-button"));
    browser.until("a worker token refused", driver -> driver.findElement(By.id("login-error")).getText()
        .contains("WORKER token"));
  }

  @Test
  void aMetadataLinkOpensInTheViewerWhichSaysWhyItCouldNotBeFetched() {
    RunHandle<Object> run = engine.cairn().trigger("diamond", "l", TriggerOptions.builder()
        .metadata(Map.of(DashboardEngine.TICKET_KEY, "<b>t-1</b>")).build());
    run.await(Duration.ofSeconds(30));
    browser.logIn(engine.address(), engine.client());
    browser.driver().get(engine.address() + "#/runs/" + run.id());
    browser.until("the link buttons are shown", driver -> driver.findElements(
        By.cssSelector("#metadata-links button")).size() == 2);
    assertEquals("http://127.0.0.1:9/t/%3Cb%3Et-1%3C%2Fb%3E", browser.until("the ticket link's address",
        driver -> driver.findElement(By.cssSelector("#metadata-links button[data-label='ticket']"))
            .getAttribute("title")));
    browser.click(By.cssSelector("#metadata-links button[data-label='ticket']"));
    browser.until("the viewer says the fetch failed", driver -> driver.findElement(By.id("link-state")).getText()
        .startsWith("could not fetch it"));
    browser.screenshot("dashboard-link-unreachable");
    browser.click(By.id("link-close"));
    browser.until("the viewer is closed", driver -> driver.findElements(By.id("link-state")).isEmpty());
  }

  @Test
  void theRunsListFiltersByWorkflowAndStatusAndUpdatesLive() {
    String tag = UUID.randomUUID().toString();
    trigger("diamond", "d1", tag).await(Duration.ofSeconds(30));
    trigger("diamond", "d2", tag).await(Duration.ofSeconds(30));
    RunHandle<Object> held = trigger("waiting", tag, tag);
    browser.logIn(engine.address(), engine.client());
    browser.driver().findElement(By.id("filter-meta")).sendKeys("batch=" + tag);
    browser.click(By.id("apply-filters"));
    browser.until("three runs listed", driver -> driver.findElements(By.cssSelector("#runs tr[data-run-id]"))
        .size() == 3);
    browser.until("two succeeded counted", driver -> driver.findElement(By.id("count-SUCCEEDED"))
        .getAttribute("data-count").equals("2"));
    browser.screenshot("dashboard-runs");

    browser.driver().findElement(By.id("filter-workflow")).sendKeys("waiting");
    browser.click(By.id("apply-filters"));
    browser.until("only the waiting run", driver -> {
      List<WebElement> rows = driver.findElements(By.cssSelector("#runs tr[data-run-id]"));
      return rows.size() == 1 && rows.get(0).getAttribute("data-run-id").equals(held.id().toString());
    });

    engine.cairn().pushEvent("go-" + tag, "\"go\"");
    browser.until("the list shows the run succeeded without a reload", driver -> driver.findElement(
        By.cssSelector("#runs tr[data-run-id] .badge")).getText().equals("SUCCEEDED"));
  }

  @Test
  void aRunPageDrawsTheWorkflowGraphAndItsChildRuns() {
    RunHandle<Object> diamond = trigger("diamond", "g", "graph");
    diamond.await(Duration.ofSeconds(30));
    browser.logIn(engine.address(), engine.client());
    browser.driver().get(engine.address() + "#/runs/" + diamond.id());
    browser.until("the join step drawn succeeded", driver -> driver.findElement(
        By.cssSelector("#graph g[data-node='join']")).getAttribute("data-status").equals("SUCCEEDED"));
    Set<String> edges = new HashSet<>();
    browser.driver().findElements(By.cssSelector("#graph path.edge")).forEach(edge -> edges.add(
        edge.getAttribute("data-from") + "->" + edge.getAttribute("data-to")));
    assertEquals(Set.of("prepare->left", "prepare->right", "left->join", "right->join"), edges);
    assertEquals(4, browser.driver().findElements(By.cssSelector("#graph g.node")).size());
    browser.screenshot("dashboard-run-diamond");

    RunHandle<Object> fanOut = trigger("fan-out", 20, "graph");
    fanOut.await(Duration.ofSeconds(60));
    browser.driver().get(engine.address() + "#/runs/" + fanOut.id());
    browser.until("twenty children listed", driver -> driver.findElement(By.id("children-count")).getText()
        .startsWith("20 child runs"));
    assertEquals(6, browser.driver().findElements(By.cssSelector("#graph g.node.child")).size());
    assertEquals(1, browser.driver().findElements(By.cssSelector("#graph g.node.more")).size());
    browser.screenshot("dashboard-run-children");
    browser.click(By.cssSelector("#graph g.node.child"));
    browser.until("a child run opened", driver -> driver.findElement(By.cssSelector("h1")).getText()
        .startsWith("leaf"));
  }

  @Test
  void cancellingFromTheRunPageCancelsTheRunInTheDatabase() {
    RunHandle<Object> held = trigger("waiting", UUID.randomUUID().toString(), "cancel");
    Await.until("the run waits", Duration.ofSeconds(30),
        () -> engine.cairn().getRun(held.id()).status() == RunStatus.RUNNING);
    browser.logIn(engine.address(), engine.client());
    browser.driver().get(engine.address() + "#/runs/" + held.id());
    browser.until("the hold step waiting", driver -> driver.findElement(
        By.cssSelector("#graph g[data-node='hold']")).getAttribute("data-status").equals("WAITING"));
    browser.visible(By.id("run-cancel"));
    browser.click(By.id("run-cancel"));
    browser.until("the page shows it cancelled", driver -> driver.findElement(By.cssSelector("#run-status .badge"))
        .getText().equals("CANCELLED"));
    assertEquals("CANCELLED", engine.runStatusInDatabase(held.id()));
    browser.until("the event log shows the cancellation", driver -> driver.findElements(
        By.xpath("//tbody[@id='events']//td[text()='RUN_CANCELLED']")).size() == 1);
    browser.screenshot("dashboard-run-cancelled");
  }

  @Test
  void anAdminSeesTheWorkerInventory() {
    browser.logIn(engine.address(), engine.admin());
    browser.driver().get(engine.address() + "#/workers");
    WebElement node = browser.until("this node's own slots listed", driver -> driver.findElements(
        By.cssSelector("#workers tr[data-worker]")).stream().filter(row -> row.getText().contains("EMBEDDED"))
        .findFirst().orElse(null));
    assertTrue(node.getText().contains("free"), node.getText());
    browser.screenshot("dashboard-workers");
  }

  @Test
  void markupInRunDataIsShownAsTextNeverRun() {
    String markup = "<img src=x onerror=\"document.title='pwned'\">";
    RunHandle<Object> run = engine.cairn().trigger("diamond", markup,
        TriggerOptions.builder().metadata(Map.of("note", markup)).build());
    run.await(Duration.ofSeconds(30));
    browser.logIn(engine.address(), engine.client());
    browser.driver().get(engine.address() + "#/runs/" + run.id());
    browser.until("the metadata shown", driver -> driver.findElement(By.id("run-head")).getText()
        .contains("note=" + markup));
    browser.click(By.cssSelector("#steps tr[data-step='prepare'] a"));
    browser.until("the output shown as text", driver -> driver.findElement(By.id("step-output")).getText()
        .contains("<img src=x"));
    assertTrue(browser.driver().findElements(By.cssSelector("main img")).isEmpty(), "no element was made of it");
    assertEquals("Cairn", browser.driver().getTitle());
  }

  @Test
  void aSelectionOfRunsIsCancelledTogether() {
    String tag = UUID.randomUUID().toString();
    RunHandle<Object> first = trigger("waiting", tag + "-1", tag);
    RunHandle<Object> second = trigger("waiting", tag + "-2", tag);
    browser.logIn(engine.address(), engine.client());
    browser.driver().get(engine.address() + "#/runs?meta=batch%3D" + tag);
    browser.until("both runs listed", driver -> driver.findElements(By.cssSelector("#runs .select-run")).size() == 2);
    browser.click(By.id("select-all"));
    browser.until("two selected", driver -> driver.findElement(By.id("bulk-cancel")).getText().endsWith("(2)"));
    browser.click(By.id("bulk-cancel"));
    browser.until("the result shown", driver -> driver.findElement(By.id("bulk-result")).getText()
        .equals("cancel: 2 CANCELLED"));
    assertEquals("CANCELLED", engine.runStatusInDatabase(first.id()));
    assertEquals("CANCELLED", engine.runStatusInDatabase(second.id()));
  }

  @Test
  void theFlowControlPageShowsWhatAKeyHoldsAndHoldsBack() {
    String customer = UUID.randomUUID().toString();
    RunHandle<Object> first = engine.cairn().trigger("limited", new DashboardWorkflows.Order(customer));
    RunHandle<Object> second = engine.cairn().trigger("limited", new DashboardWorkflows.Order(customer));
    browser.logIn(engine.address(), engine.client());
    browser.driver().get(engine.address() + "#/flow");
    browser.until("the key holds one run and holds one back", driver -> driver.findElement(
        By.cssSelector("#flow-keys tr[data-key='" + customer + "']")).getText().endsWith("1 1"));
    browser.screenshot("dashboard-flow-control");
    engine.cairn().cancel(first.id());
    engine.cairn().cancel(second.id());
  }
}
