package dev.cairn.dashboard;

import dev.cairn.RunHandle;
import dev.cairn.testing.Browser;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

/**
 * Measures (never asserts) how soon the run page of a run with 1,000 child runs is on screen in headless Chromium,
 * from navigation start: {@code -Dcairn.measure=true -Dtest=FirstPaintMeasurement}. Prints one line per load.
 */
@EnabledIfSystemProperty(named = "cairn.measure", matches = "true")
class FirstPaintMeasurement {
  @RegisterExtension
  static final DashboardEngine engine = new DashboardEngine();

  @Test
  void runPageOfAThousandChildren() {
    RunHandle<Object> run = engine.cairn().trigger("fan-out", 1000);
    run.await(Duration.ofMinutes(5));
    try (Browser browser = Browser.open()) {
      browser.logIn(engine.address(), engine.client());
      for (int load = 1; load <= 5; load++) {
        browser.driver().get("about:blank");
        browser.driver().get(engine.address() + "#/runs/" + run.id());
        browser.until("1000 children", driver -> driver.findElement(By.id("children-count")).getText()
            .startsWith("1000 child runs"));
        Object painted = browser.until("the paint mark", driver -> ((JavascriptExecutor) driver).executeScript(
            "const m = performance.getEntriesByName('cairn-run-painted'); return m.length ? m[0].startTime : null;"));
        Object contentful = ((JavascriptExecutor) browser.driver()).executeScript(
            "const p = performance.getEntriesByName('first-contentful-paint'); return p.length ? p[0].startTime : -1;");
        Object api = ((JavascriptExecutor) browser.driver()).executeScript(
            "const r = performance.getEntriesByType('resource').filter(e => /\\/api\\/runs\\/[^/]+$/.test(e.name));"
                + " return r.length ? r[0].duration : -1;");
        System.out.printf("first paint load %d: run page with 1000 children on screen at %.0f ms (first contentful"
            + " paint %.0f ms; GET /api/runs/{id} %.0f ms)%n", load, ((Number) painted).doubleValue(),
            ((Number) contentful).doubleValue(), ((Number) api).doubleValue());
      }
      browser.screenshot("dashboard-run-1000-children");
    }
  }
}
