package io.newssignals.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.alerts.AlertsConfig;
import io.newssignals.alerts.AlertsService;
import io.newssignals.launcher.Await;
import io.newssignals.launcher.EmbeddedKafkaBroker;
import io.newssignals.schema.DealEvent;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.schema.PartnershipStatus;
import io.newssignals.topics.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber whose endpoint accepts the connection and never answers must not delay the others: with a 30 s
 * delivery timeout on the hanging endpoint, the answering subscriber still receives every alert within seconds.
 */
class HangingWebhookIT {
  private static final int PAIRS = 20;

  @TempDir Path dir;

  @Test
  @Timeout(120)
  void shouldDeliverToOtherSubscribersOnTimeWhileOneEndpointHangs() throws Exception {
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir.resolve("kafka")).start();
        WebhookReceiver hanging = WebhookReceiver.hanging();
        WebhookReceiver answering = WebhookReceiver.answering()) {
      String bootstrap = broker.bootstrapServers();
      FaultFixtures.createTopics(bootstrap);
      Path webhooks = FaultFixtures.webhooksFile(dir, List.of(
          new String[] {"hanging", hanging.url()}, new String[] {"answering", answering.url()}));
      AlertsConfig cfg = AlertsConfig.builder()
          .applicationId("fault-hanging-webhook")
          .bootstrapServers(bootstrap)
          .replicationFactor(1)
          .stateDir(dir.resolve("state"))
          .webhooksFile(webhooks)
          .webhookTimeout(Duration.ofSeconds(30))
          .build();
      Map<String, Long> publishedAt = new HashMap<>();
      try (AlertsService alerts = new AlertsService(cfg)) {
        alerts.start();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        Instant t0 = Instant.parse("2025-03-01T09:00:00Z");
        try (KafkaProducer<String, DealEvent> producer = new KafkaProducer<>(p,
            Topics.DEALS.keySerde().serializer(), Topics.DEALS.valueSerde().serializer())) {
          // warm-up: once the first alert reached both endpoints, the service is running and one endpoint hangs
          producer.send(new ProducerRecord<>(Topics.DEALS.name(), Topics.pairKey("WarmA", "WarmB"),
              FaultFixtures.partnership("hang-warm", "WarmA", "WarmB", PartnershipStatus.FORMED, t0))).get();
          Await.until(Duration.ofSeconds(60),
              () -> answering.deliveries().size() == 1 && hanging.hangingRequests() == 1,
              () -> "warm-up alert not delivered: answering " + answering.deliveries().size() + ", hanging "
                  + hanging.hangingRequests());
          for (int i = 0; i < PAIRS; i++) {
            String a = "Company" + i + "A";
            String b = "Company" + i + "B";
            DealEvent e = FaultFixtures.partnership("hang-" + i, a, b, PartnershipStatus.FORMED,
                t0.plusSeconds(60L * (i + 1)));
            publishedAt.put("hang-" + i, System.nanoTime());
            producer.send(new ProducerRecord<>(Topics.DEALS.name(), Topics.pairKey(a, b), e)).get();
            Thread.sleep(100);
          }
        }

        Await.until(Duration.ofSeconds(60), () -> answering.deliveries().stream()
            .map(WebhookReceiver.Delivery::alertId).distinct().count() >= PAIRS + 1,
            () -> "answering subscriber got " + answering.deliveries().size() + " deliveries, hanging one holds "
                + hanging.hangingRequests());

        List<PartnershipAlert> committed = FaultFixtures.committedAlerts(bootstrap);
        Map<String, String> articleOfAlert = committed.stream().collect(Collectors.toMap(
            PartnershipAlert::getId, a -> a.getEvidence().getArticleId(), (x, y) -> x));
        assertThat(articleOfAlert).hasSize(PAIRS + 1);
        Set<String> delivered = answering.deliveries().stream().map(WebhookReceiver.Delivery::alertId)
            .collect(Collectors.toSet());
        assertThat(delivered).containsExactlyInAnyOrderElementsOf(articleOfAlert.keySet());
        // on time: each alert reached the answering subscriber within 2 s of its deal event being published, while
        // the other endpoint held its request open (its timeout is 30 s)
        long worstMs = 0;
        for (WebhookReceiver.Delivery d : answering.deliveries()) {
          Long sent = publishedAt.get(articleOfAlert.get(d.alertId()));
          if (sent != null) {
            worstMs = Math.max(worstMs, (d.arrivedNanos() - sent) / 1_000_000);
          }
        }
        assertThat(worstMs).as("worst ms from publish to delivery to the answering subscriber").isLessThan(2_000);
        // and the other endpoint really was hanging all along: its first request is still unanswered
        assertThat(hanging.hangingRequests()).isEqualTo(1);
        assertThat(hanging.deliveries()).hasSize(1);
      }
    }
  }
}
