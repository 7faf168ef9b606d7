package io.newssignals.launcher.bench;

import io.newssignals.alerts.AlertsConfig;
import io.newssignals.alerts.AlertsService;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The services under test, in this JVM: {@code instances} instances each of the enrich and the alerts service,
 * with the same application ids (so they share the partitions, as separate processes would) and their own state
 * directories. The application ids carry a prefix, so the benchmark can tell each service's threads apart.
 */
final class PipelineInstances implements AutoCloseable {
  private final String enrichApplicationId;
  private final String alertsApplicationId;
  private final List<AutoCloseable> enrich = new ArrayList<>();
  private final List<AlertsService> alerts = new ArrayList<>();
  private final String bootstrapServers;
  private final int instances;
  private final Path stateRoot;

  PipelineInstances(String bootstrapServers, int instances, Path stateRoot, String idPrefix) {
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
      if (enrich != null) {
        throw new IllegalStateException("the enrich service is not wired into the benchmark yet");
      }
      AlertsService a = new AlertsService(AlertsConfig.builder()
          .applicationId(alertsApplicationId)
          .bootstrapServers(bootstrapServers)
          .replicationFactor(1)
          .stateDir(stateRoot.resolve("alerts-" + i))
          .build());
      alerts.add(a);
      a.start();
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
