package io.newssignals.launcher.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.newssignals.launcher.Pipeline;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * {@code bin/pipeline run --http-port P} as an operator meets it: the pipeline on its embedded broker with the
 * bundled sample feeds, its readiness, its Prometheus metrics moving with the feeds (as many alerts counted as
 * printed), and the status page in a real browser (Debian's Chromium, driven by its chromedriver through
 * Selenium) showing the feeds, the Microsoft–OpenAI alerts with their evidence and the partnership graph. A
 * screenshot is saved as {@code target/status-page.png}. Without a browser the test is skipped, except under
 * {@code CI=true}, where it fails.
 */
class StatusPageIT {
  private static final List<String> SERIES = List.of(
      "newssignals_ingest_articles_published_total", "newssignals_ingest_feed_last_success_timestamp_seconds",
      "newssignals_enrich_articles_total", "newssignals_enrich_events_total", "newssignals_alerts_total",
      "newssignals_consumer_lag_records", "newssignals_alert_latency_seconds_bucket", "newssignals_broker_reachable",
      "jvm_memory_used_bytes", "kafka_stream_thread", "kafka_producer");

  @TempDir Path dir;

  @Test
  void shouldServeHealthMetricsAndAStatusPageABrowserRenders() throws Exception {
    Path chromium = Path.of(System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium"));
    Path driverBinary = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    boolean browser = Files.isExecutable(chromium) && Files.isExecutable(driverBinary);
    if (!browser && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("no browser under CI=true: " + chromium + " and " + driverBinary
          + " must exist (.ci/run installs Debian's chromium and chromium-driver)");
    }
    assumeTrue(browser, "no Chromium at " + chromium + " with a chromedriver at " + driverBinary);

    int port = OpsHttp.freePort();
    OpsHttp http = new OpsHttp(port);
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    Process process = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"),
        Pipeline.class.getName(), "run", "--http-port", String.valueOf(port), "--data-dir",
        dir.resolve("data").toString())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
    try {
      assertThat(http.await("/health/live", 200, Duration.ofSeconds(60), process).body()).contains("UP");
      OpsHttp.Response ready = http.await("/health/ready", 200, Duration.ofMinutes(2), process);
      assertThat(ready.status()).as("ready; stderr:%n%s", Files.readString(stderr)).isEqualTo(200);

      // the counters move with the feeds: as many alerts counted as printed, once the printing has settled
      List<String> printed = awaitAlertsCountedAsPrinted(http, stdout, process);
      assertThat(printed).anyMatch(l -> l.contains("Microsoft") && l.contains("OpenAI"));
      String scrape = http.get("/metrics").body();
      assertThat(SERIES).allSatisfy(s -> assertThat(scrape).as("series %s", s).contains(s));
      assertThat(OpsHttp.sum(scrape, "newssignals_ingest_articles_published_total")).isPositive();
      assertThat(OpsHttp.sum(scrape, "newssignals_enrich_articles_total"))
          .isEqualTo(OpsHttp.sum(scrape, "newssignals_ingest_articles_published_total"));
      assertThat(OpsHttp.sum(scrape, "newssignals_alert_latency_seconds_count")).isPositive();

      JsonNode status = http.json("/api/status");
      assertThat(status.get("ready").asBoolean()).isTrue();
      assertThat(status.get("feeds")).hasSizeGreaterThanOrEqualTo(4);
      assertThat(status.get("lag")).isNotEmpty();
      JsonNode pair = null;
      for (JsonNode p : status.get("pairs")) {
        if (p.get("pair").get(0).asText().equals("Microsoft") && p.get("pair").get(1).asText().equals("OpenAI")) {
          pair = p;
        }
      }
      assertThat(pair).as("Microsoft|OpenAI among the pairs of /api/status").isNotNull();
      List<String> settings = new ArrayList<>();
      status.get("config").forEach(c -> settings.add(c.get("name").asText()));
      assertThat(settings).as("the effective settings of every service of the run")
          .contains("PIPELINE_HTTP_PORT", "INGEST_POLL_INTERVAL", "ENRICH_COMMIT_INTERVAL_MS", "ALERTS_REORDER_QUIET")
          .doesNotHaveDuplicates();

      inBrowser(chromium, driverBinary, http, status, pair);

      process.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook closes everything
      assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s").isTrue();
      assertThat(Files.readString(stderr)).contains("status page, health and metrics on http://127.0.0.1:" + port,
          "embedded Kafka broker stopped");
    } finally {
      process.destroyForcibly();
    }
  }

  private static List<String> awaitAlertsCountedAsPrinted(OpsHttp http, Path stdout, Process process)
      throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    int agreeing = 0;
    List<String> printed = List.of();
    double counted = -1;
    while (System.nanoTime() < deadline && process.isAlive()) {
      printed = Files.readAllLines(stdout, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
      counted = OpsHttp.sum(http.get("/metrics").body(), "newssignals_alerts_total");
      boolean settled = !printed.isEmpty() && counted == printed.size()
          && printed.stream().anyMatch(l -> l.contains("Microsoft") && l.contains("OpenAI"));
      agreeing = settled ? agreeing + 1 : 0;
      if (agreeing >= 3) {
        return printed;
      }
      Thread.sleep(1_000);
    }
    throw new AssertionError("newssignals_alerts_total " + counted + " never settled at the " + printed.size()
        + " alerts printed");
  }

  private void inBrowser(Path chromium, Path driverBinary, OpsHttp http, JsonNode status, JsonNode pair)
      throws Exception {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1280,2000", "--user-data-dir=" + dir.resolve("chromium-profile"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(driverBinary.toFile()).usingAnyFreePort().build();
    WebDriver browser = new ChromeDriver(service, options);
    try {
      browser.get(http.base() + "/");
      WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
      wait.until(d -> d.findElement(By.id("ready")).getText().equals("READY"));

      // the feeds
      wait.until(d -> d.findElements(By.cssSelector("#feeds tbody tr")).size() == status.get("feeds").size());
      String feedsText = browser.findElement(By.id("feeds")).getText();
      for (JsonNode f : status.get("feeds")) {
        assertThat(feedsText).contains(f.get("name").asText());
      }

      // the Microsoft–OpenAI alerts with their evidence
      wait.until(d -> d.findElement(By.id("alerts")).getText().contains("Microsoft – OpenAI"));
      String alertsText = browser.findElement(By.id("alerts")).getText();
      List<String> sentences = new ArrayList<>();
      pair.get("alerts").forEach(a -> sentences.add(a.get("evidence").get("sentence").asText()));
      assertThat(sentences).isNotEmpty().allSatisfy(s -> assertThat(alertsText).contains(s));
      assertThat(alertsText).contains(pair.get("status").asText());

      // the graph: companies as nodes, the pair's current status as the colour of its edge, clickable
      List<WebElement> nodes = browser.findElements(By.cssSelector("#graph g.node"));
      assertThat(nodes).extracting(n -> n.getAttribute("data-name")).contains("Microsoft", "OpenAI");
      WebElement edge = browser.findElement(By.cssSelector("#graph line.edge[data-pair='Microsoft|OpenAI']"));
      assertThat(edge.getAttribute("data-status")).isEqualTo(pair.get("status").asText());
      assertThat(browser.findElements(By.cssSelector("#graph line.edge"))).hasSize(status.get("pairs").size());
      edge.click();
      wait.until(d -> d.findElement(By.id("pair-history")).isDisplayed());
      assertThat(browser.findElement(By.id("pair-title")).getText()).contains("Microsoft – OpenAI");
      assertThat(browser.findElements(By.cssSelector("#pair-rows tr"))).hasSize(pair.get("alerts").size());
      assertThat(browser.findElements(By.cssSelector("#config tbody tr"))).hasSize(status.get("config").size());

      File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
      Path target = Path.of("target", "status-page.png");
      Files.createDirectories(target.getParent());
      Files.copy(shot.toPath(), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } finally {
      browser.quit();
    }
  }
}
