package dev.cairn.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium driven by Selenium, for the dashboard's browser tests: Debian's {@code chromium} and
 * {@code chromium-driver} (Selenium Manager cannot download a browser on these machines, so the driver is named
 * explicitly). A test using it is skipped, not failed, when they are not installed ({@code .ci/run} installs them).
 * Screenshots go to {@code target/screenshots}. Not thread-safe: one per test.
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final List<Path> CHROMIUM = List.of(Path.of("/usr/bin/chromium"), Path.of("/usr/bin/chromium-browser"));
  /** How long a page may take to show what a test waits for. */
  public static final Duration PATIENCE = Duration.ofSeconds(30);

  private final WebDriver driver;

  private Browser(WebDriver driver) {
    this.driver = driver;
  }

  /** A new headless browser; skips the calling test when Chromium or its driver is not installed. */
  public static Browser open() {
    Path chromium = CHROMIUM.stream().filter(Files::isExecutable).findFirst().orElse(null);
    assumeTrue(chromium != null && Files.isExecutable(CHROMEDRIVER),
        "chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver)");
    ChromeOptions options = new ChromeOptions().setBinary(chromium.toFile())
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1440,1000", "--lang=en-GB");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .build();
    return new Browser(new ChromeDriver(service, options));
  }

  public WebDriver driver() {
    return driver;
  }

  /** Opens the dashboard at {@code address} and logs in with {@code token}; waits for the runs page. */
  public void logIn(String address, String token) {
    driver.get(address);
    visible(By.id("token")).sendKeys(token);
    driver.findElement(By.id("login-button")).click();
    visible(By.id("counts"));
  }

  /** Waits until an element {@code locator} finds is visible and returns it. */
  public WebElement visible(By locator) {
    return new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(locator));
  }

  /** Waits until {@code condition} holds (not null, not false), failing with {@code what} after the patience. */
  public <T> T until(String what, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, PATIENCE).withMessage(what).ignoring(RuntimeException.class)
        .until(condition::apply);
  }

  /**
   * Clicks the element {@code locator} finds, finding it again if the page re-rendered it between the find and the
   * click (a run page redraws its tables as events arrive).
   */
  public void click(By locator) {
    until("a click on " + locator, driver -> {
      driver.findElement(locator).click();
      return true;
    });
  }

  /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
  public Path screenshot(String name) {
    try {
      Path file = Path.of("target", "screenshots", name + ".png");
      Files.createDirectories(file.getParent());
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
