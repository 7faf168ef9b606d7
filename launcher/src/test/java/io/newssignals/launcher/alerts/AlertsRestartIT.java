package io.newssignals.launcher.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.newssignals.alerts.AlertsCommand;
import io.newssignals.launcher.Await;
import io.newssignals.launcher.SharedKafka;
import io.newssignals.schema.AlertKind;
import io.newssignals.schema.DealEvent;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.schema.PartnershipStatus;
import io.newssignals.topics.TopicAdmin;
import io.newssignals.topics.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the alerts service (SIGKILL: no shutdown hook, no commit, no transaction abort) in the middle of a stream of
 * partnership changes and starts it again on the same state directory: every change gets exactly one alert on
 * {@code alerts.partnership} (read_committed), and every alert reaches the webhook at least once, always under the
 * same webhook-id. The reorder buffer is on, as deployed: events parked when the service dies are restored with its
 * state and released after the restart.
 */
class AlertsRestartIT {
  static final int CHANGES = 240;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  @Test
  void shouldLoseNoAlertAndDuplicateNoneWhenTheServiceIsKilledMidStream() throws Exception {
    String bootstrap = SharedKafka.bootstrapServers();
    TopicAdmin.ensureTopics(bootstrap, Topics.all(), 1);
    String run = UUID.randomUUID().toString().substring(0, 8);
    String hub = "Umbrella" + run;
    Path hooks = dir.resolve("webhooks.yaml");
    Files.writeString(hooks, "- id: restart-" + run + "\n  url: URL\n  secret: " + WebhookDeliveryIT.SECRET
        + "\n  companies: [" + hub + "]\n");

    try (ScriptedReceiver receiver = new ScriptedReceiver(WebhookDeliveryIT.SECRET, attempt -> 204);
        KafkaProducer<String, DealEvent> producer = AlertsIT.producer(bootstrap)) {
      Files.writeString(hooks, Files.readString(hooks).replace("URL", receiver.url()));
      Map<String, String> env = Map.of(
          "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
          "KAFKA_REPLICATION_FACTOR", "1",
          "ALERTS_APPLICATION_ID", "alerts-restart-" + run,
          "ALERTS_STATE_DIR", dir.resolve("state").toString(),
          "ALERTS_WEBHOOKS_FILE", hooks.toString(),
          "ALERTS_WEBHOOK_RETRY_SCHEDULE", "200ms,200ms,200ms",
          // as deployed: the reorder buffer on, so events parked at the kill must survive it (partnership-pending)
          "ALERTS_REORDER_QUIET", "150ms",
          "ALERTS_REORDER_BACKLOG_QUIET", "1s");
      Path log = dir.resolve("alerts.log");
      Process service = startService(env, log);
      AtomicInteger sent = new AtomicInteger();
      Thread feeder = new Thread(() -> {
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < CHANGES; i++) {
          // every event is a new pair: exactly one STATUS_CHANGED alert each
          AlertsIT.send(producer, AlertsIT.partnership("r" + i + "-" + run, t0.plusSeconds(i * 60L),
              PartnershipStatus.FORMED, hub, "Spoke" + i + "x" + run));
          sent.incrementAndGet();
          sleep(15);
        }
      }, "feeder");
      feeder.start();
      try {
        Await.until(Duration.ofSeconds(90), () -> receiver.requests().size() >= CHANGES / 4,
            () -> "deliveries before the kill: " + receiver.requests().size() + "\n" + tail(log));
        service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        int deliveredAtKill = receiver.requests().size();
        assertThat(deliveredAtKill).as("killed mid-stream").isLessThan(CHANGES);
        service = startService(env, log);
        feeder.join(120_000);

        Await.until(Duration.ofSeconds(120), () -> deliveredAlertIds(receiver).size() >= CHANGES,
            () -> "delivered " + deliveredAlertIds(receiver).size() + " of " + CHANGES + "\n" + tail(log));
        Await.until(Duration.ofSeconds(30), () -> AlertsIT.alertsNaming(bootstrap, hub).size() >= CHANGES,
            () -> "alerts on the topic " + AlertsIT.alertsNaming(bootstrap, hub).size());
      } finally {
        service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }

      List<PartnershipAlert> alerts = AlertsIT.alertsNaming(bootstrap, hub);
      assertThat(alerts).hasSize(CHANGES);
      assertThat(alerts).extracting(PartnershipAlert::getKind).containsOnly(AlertKind.STATUS_CHANGED);
      Set<String> ids = new HashSet<>();
      alerts.forEach(a -> ids.add(a.getId()));
      assertThat(ids).as("no duplicate alert").hasSize(CHANGES);
      assertThat(deliveredAlertIds(receiver)).containsExactlyInAnyOrderElementsOf(ids);

      Map<String, Set<String>> webhookIdsPerAlert = new HashMap<>();
      for (ScriptedReceiver.Request r : receiver.requests()) {
        assertThat(r.signatureValid()).isTrue();
        webhookIdsPerAlert.computeIfAbsent(alertId(r), k -> new HashSet<>()).add(r.webhookId());
      }
      assertThat(webhookIdsPerAlert.values()).allSatisfy(s -> assertThat(s).hasSize(1));
    }
  }

  private static Set<String> deliveredAlertIds(ScriptedReceiver receiver) {
    Set<String> out = new HashSet<>();
    receiver.requests().forEach(r -> out.add(alertId(r)));
    return out;
  }

  private static String alertId(ScriptedReceiver.Request r) {
    try {
      return JSON.readTree(r.body()).at("/data/id").asText();
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static Process startService(Map<String, String> env, Path log) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), AlertsCommand.class.getName()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    return pb.start();
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
