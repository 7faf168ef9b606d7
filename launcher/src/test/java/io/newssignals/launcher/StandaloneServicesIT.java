package io.newssignals.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.alerts.AlertsConfig;
import io.newssignals.alerts.AlertsService;
import io.newssignals.enrich.EnrichConfig;
import io.newssignals.enrich.EnrichService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The services configured as an operator would run them alone ({@code bin/pipeline enrich|alerts
 * --bootstrap-servers H:P}, environment defaults: replication factor 3) reach RUNNING on a one-broker cluster:
 * every topic they create, Kafka Streams' internal ones included, gets the factor capped at the broker count.
 */
class StandaloneServicesIT {

  @Test
  void shouldRunEnrichAloneOnASingleBrokerWithTheDefaultReplicationFactor() throws Exception {
    Path state = Files.createTempDirectory("standalone-enrich");
    EnrichConfig cfg = EnrichConfig.fromEnvironment(SharedKafka.bootstrapServers(), Map.of(
        "ENRICH_APPLICATION_ID", "standalone-enrich-it", "ENRICH_STATE_DIR", state.toString()));
    assertThat(cfg.replicationFactor()).isEqualTo(3);
    try (EnrichService enrich = new EnrichService(cfg)) {
      enrich.start();
      awaitRunning(() -> enrich.streams().state());
    }
  }

  @Test
  void shouldRunAlertsAloneOnASingleBrokerWithTheDefaultReplicationFactor() throws Exception {
    Path state = Files.createTempDirectory("standalone-alerts");
    AlertsConfig cfg = AlertsConfig.fromEnvironment(Map.of(
        "ALERTS_APPLICATION_ID", "standalone-alerts-it", "ALERTS_STATE_DIR", state.toString()),
        SharedKafka.bootstrapServers(), null);
    assertThat(cfg.replicationFactor()).isEqualTo(3);
    try (AlertsService alerts = new AlertsService(cfg)) {
      alerts.start();
      awaitRunning(alerts::state);
    }
  }

  private static void awaitRunning(Supplier<KafkaStreams.State> state) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (state.get() != KafkaStreams.State.RUNNING && System.nanoTime() < deadline) {
      assertThat(state.get()).as("Streams state").isNotIn(KafkaStreams.State.ERROR, KafkaStreams.State.NOT_RUNNING);
      Thread.sleep(100);
    }
    assertThat(state.get()).isEqualTo(KafkaStreams.State.RUNNING);
  }
}
