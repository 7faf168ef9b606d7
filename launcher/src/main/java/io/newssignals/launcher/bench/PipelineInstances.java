package io.newssignals.launcher.bench;

import io.newssignals.alerts.AlertsConfig;
import io.newssignals.alerts.AlertsService;
import io.newssignals.enrich.EnrichConfig;
import io.newssignals.enrich.EnrichService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The services under test, in this JVM: {@code instances} instances each of the enrich and the alerts service,
 * with the same application ids (so they share the partitions, as separate processes would) and their own state
 * directories. The application ids carry a prefix, so the benchmark can tell each service's threads apart.
 */
final class PipelineInstances implements AutoCloseable {
  private final String enrichApplicationId;
  private final String alertsApplicationId;
  private final List<EnrichService> enrich = new ArrayList<>();
  private final List<AlertsService> alerts = new ArrayList<>();
  private final String bootstrapServers;
  private final int instances;
  private final Path stateRoot;
  private final int commitIntervalMs;
  private final Duration reorderQuiet;
  private final Duration reorderBacklogQuiet;

  /**
   * @param commitIntervalMs Streams commit interval of both services (their default is 100 ms): under
   *     exactly-once, output becomes visible downstream only at a commit
   * @param reorderQuiet alerts' reorder buffer for live news ({@code ALERTS_REORDER_QUIET})
   * @param reorderBacklogQuiet alerts' reorder buffer for backlog news ({@code ALERTS_REORDER_BACKLOG_QUIET})
   */
  PipelineInstances(String bootstrapServers, int instances, Path stateRoot, String idPrefix, int commitIntervalMs,
      Duration reorderQuiet, Duration reorderBacklogQuiet) {
    this.commitIntervalMs = commitIntervalMs;
    this.reorderQuiet = reorderQuiet;
    this.reorderBacklogQuiet = reorderBacklogQuiet;
    this.bootstrapServers = bootstrapServers;
    this.instances = instances;
    this.stateRoot = stateRoot;
    this.enrichApplicationId = idPrefix + "-enrich";
    this.alertsApplicationId = idPrefix + "-alerts";
  }

  /** Thread-name markers of the services: their application ids. */
  List<String> threadMarkers() {
    return List.of(enrichApplicationId, alertsApplicationId);
  }

  void start() {
    for (int i = 0; i < instances; i++) {
      EnrichService e = new EnrichService(EnrichConfig.builder()
          .applicationId(enrichApplicationId)
          .bootstrapServers(bootstrapServers)
          .replicationFactor(1)
          .stateDir(stateRoot.resolve("enrich-" + i))
          .commitIntervalMs(commitIntervalMs)
          .build());
      enrich.add(e);
      e.start();
      AlertsService a = new AlertsService(AlertsConfig.builder()
          .applicationId(alertsApplicationId)
          .bootstrapServers(bootstrapServers)
          .replicationFactor(1)
          .stateDir(stateRoot.resolve("alerts-" + i))
          .commitIntervalMs(commitIntervalMs)
          .reorderQuiet(reorderQuiet)
          .reorderBacklogQuiet(reorderBacklogQuiet)
          .build());
      alerts.add(a);
      a.start();
    }
  }

  /**
   * Waits until every Streams application is RUNNING (partitions assigned, state restored) and returns that moment
   * ({@link System#nanoTime()}).
   */
  long awaitRunning(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      boolean running = enrich.stream().allMatch(e -> e.streams() != null
          && e.streams().state() == KafkaStreams.State.RUNNING)
          && alerts.stream().allMatch(a -> a.state() == KafkaStreams.State.RUNNING);
      if (running) {
        return System.nanoTime();
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the services did not reach RUNNING within " + timeout.toSeconds() + " s");
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  @Override
  public void close() {
    // closed in parallel: each close waits for its Streams threads to commit and leave the group
    List<Thread> closing = new ArrayList<>();
    for (AutoCloseable c : concat()) {
      Thread t = new Thread(() -> {
        try {
          c.close();
        } catch (Exception e) {
          org.slf4j.LoggerFactory.getLogger(PipelineInstances.class).warn("bench: close failed: {}", e.toString());
        }
      }, "bench-close");
      t.start();
      closing.add(t);
    }
    for (Thread t : closing) {
      try {
        t.join(60_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private List<AutoCloseable> concat() {
    List<AutoCloseable> all = new ArrayList<>(enrich);
    all.addAll(alerts);
    return all;
  }
}
