package io.newssignals.launcher.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newssignals.launcher.EmbeddedKafkaBroker;
import io.newssignals.launcher.Pipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production shape: ingest, enrich and alerts each run alone ({@code bin/pipeline ingest|enrich|alerts
 * --http-port P}) against a broker of their own, and each answers {@code /health/ready} and {@code /metrics} for
 * its own part. When the broker goes away, readiness turns 503 naming it, and a service started with
 * {@code --exit-after-broker-outage} exits with status 3 so that an orchestrator restarts it.
 */
class StandaloneOpsIT {
  @TempDir Path dir;

  private Process start(String name, int port, Map<String, String> env, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-cp", System.getProperty("java.class.path"), Pipeline.class.getName()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--http-port", String.valueOf(port)));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().putAll(env);
    return pb.start();
  }

  private String log(String name) throws Exception {
    return Files.readString(dir.resolve(name + ".log"));
  }

  @Test
  void shouldServeHealthAndMetricsFromEachServiceRunningAlone() throws Exception {
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir.resolve("kafka")).start();
    String bootstrap = broker.bootstrapServers();
    int ingestPort = OpsHttp.freePort();
    int enrichPort = OpsHttp.freePort();
    int alertsPort = OpsHttp.freePort();
    Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", bootstrap,
        "ENRICH_STATE_DIR", dir.resolve("enrich-state").toString(),
        "ALERTS_STATE_DIR", dir.resolve("alerts-state").toString());
    List<Process> processes = new ArrayList<>();
    try {
      Process alerts = start("alerts", alertsPort, env, "alerts");
      processes.add(alerts);
      Process enrich = start("enrich", enrichPort, env, "enrich");
      processes.add(enrich);
      Process ingest = start("ingest", ingestPort, env, "ingest", "--exit-after-broker-outage", "3s");
      processes.add(ingest);

      OpsHttp ingestHttp = new OpsHttp(ingestPort);
      OpsHttp enrichHttp = new OpsHttp(enrichPort);
      OpsHttp alertsHttp = new OpsHttp(alertsPort);
      for (var e : Map.of("ingest", ingestHttp, "enrich", enrichHttp, "alerts", alertsHttp).entrySet()) {
        Process p = processes.get(List.of("alerts", "enrich", "ingest").indexOf(e.getKey()));
        OpsHttp.Response ready = e.getValue().await("/health/ready", 200, Duration.ofMinutes(2), p);
        assertThat(ready.status()).as("%s ready: %s; log:%n%s", e.getKey(), ready.body(), log(e.getKey()))
            .isEqualTo(200);
      }

      // each serves its own part: ingest its feeds, enrich and alerts their Streams apps and consumer lag
      awaitSeries(ingestHttp, "newssignals_ingest_articles_published_total", ingest);
      awaitSeries(enrichHttp, "newssignals_enrich_articles_total", enrich);
      awaitSeries(alertsHttp, "newssignals_alerts_total", alerts);
      assertThat(ingestHttp.get("/metrics").body()).contains("newssignals_ingest_feed_last_success_timestamp_seconds",
          "kafka_producer");
      // the lag watcher reports on its own schedule, after the first committed offsets: wait for its first reading
      String lag = "newssignals_consumer_lag_records{group=\"news-signals-enrich\"";
      awaitText(enrichHttp, lag, enrich);
      assertThat(enrichHttp.get("/metrics").body()).contains(lag, "kafka_stream");
      JsonNode ingestStatus = ingestHttp.json("/api/status");
      assertThat(ingestStatus.get("process").asText()).isEqualTo("ingest");
      assertThat(ingestStatus.get("feeds")).hasSizeGreaterThanOrEqualTo(4);
      long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (alertsHttp.json("/api/status").get("pairs").isEmpty() && System.nanoTime() < until) {
        Thread.sleep(250);
      }
      assertThat(alertsHttp.json("/api/status").get("pairs")).as("pairs of the alerts service").isNotEmpty();

      // the broker goes away: readiness names it, and the service told to exits with status 3
      broker.close();
      OpsHttp.Response down = ingestHttp.await("/health/ready", 503, Duration.ofSeconds(30), ingest);
      if (down.status() == 503) {
        assertThat(down.body()).contains("broker", bootstrap, "unreachable");
      }
      assertThat(ingest.waitFor(60, TimeUnit.SECONDS)).as("ingest exits after the outage; log:%n%s", log("ingest"))
          .isTrue();
      assertThat(ingest.exitValue()).isEqualTo(3);
      assertThat(log("ingest")).contains("unreachable", "--exit-after-broker-outage");
      OpsHttp.Response enrichDown = enrichHttp.await("/health/ready", 503, Duration.ofSeconds(30), enrich);
      assertThat(enrichDown.status()).as("enrich readiness during the outage").isEqualTo(503);
      assertThat(enrichDown.body()).contains("broker");
      assertThat(enrich.isAlive()).as("enrich, without the flag, waits for the broker").isTrue();
    } finally {
      processes.forEach(Process::destroyForcibly);
      broker.close();
    }
  }

  private static void awaitText(OpsHttp http, String text, Process p) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (http.get("/metrics").body().contains(text)) {
        return;
      }
      Thread.sleep(500);
    }
  }

  private static void awaitSeries(OpsHttp http, String series, Process p) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline && p.isAlive()) {
      if (OpsHttp.sum(http.get("/metrics").body(), series) > 0) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(series + " never counted anything");
  }
}
