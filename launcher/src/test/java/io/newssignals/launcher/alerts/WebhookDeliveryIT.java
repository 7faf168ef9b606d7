package io.newssignals.launcher.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newssignals.alerts.AlertsConfig;
import io.newssignals.alerts.AlertsService;
import io.newssignals.launcher.Await;
import io.newssignals.launcher.SharedKafka;
import io.newssignals.schema.DealEvent;
import io.newssignals.schema.PartnershipStatus;
import io.newssignals.schema.WebhookDeadLetter;
import io.newssignals.topics.TopicAdmin;
import io.newssignals.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alerts service on the real broker delivering to real local HTTP receivers: Standard Webhooks signatures
 * checked by an independent implementation, retries with a stable webhook-id, dead letters, 410, and isolation of
 * a hanging endpoint. Each test uses its own company names, application id and subscription ids.
 */
class WebhookDeliveryIT {
  static final String SECRET = "whsec_" + java.util.Base64.getEncoder()
      .encodeToString("integration-test-secret-32-bytes".getBytes(java.nio.charset.StandardCharsets.UTF_8));
  static final ObjectMapper JSON = new ObjectMapper();

  static String bootstrap;

  @TempDir
  Path dir;

  @BeforeAll
  static void topics() {
    bootstrap = SharedKafka.bootstrapServers();
    TopicAdmin.ensureTopics(bootstrap, Topics.all(), 1);
  }

  private AlertsService service(Path webhooks) {
    AlertsConfig cfg = AlertsConfig.builder()
        .bootstrapServers(bootstrap)
        .applicationId("alerts-it-" + UUID.randomUUID())
        .replicationFactor(1)
        .stateDir(dir.resolve("state"))
        .webhooksFile(webhooks)
        .retrySchedule(List.of(Duration.ofMillis(300), Duration.ofMillis(300)))
        .webhookTimeout(Duration.ofSeconds(2))
        .build();
    return new AlertsService(cfg);
  }

  private Path webhooksFile(String company, String... idAndUrl) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < idAndUrl.length; i += 2) {
      sb.append("- id: ").append(idAndUrl[i]).append('\n')
          .append("  url: ").append(idAndUrl[i + 1]).append('\n')
          .append("  secret: ").append(SECRET).append('\n')
          .append("  companies: [").append(company).append("]\n");
    }
    Path f = dir.resolve("webhooks.yaml");
    Files.writeString(f, sb.toString());
    return f;
  }

  @Test
  void shouldSignRetryWithTheSameWebhookIdAndDeadLetterAnEndpointThatAlwaysFails() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String acme = "Acme" + run;
    try (ScriptedReceiver flaky = new ScriptedReceiver(SECRET, attempt -> attempt <= 2 ? 503 : 204);
        ScriptedReceiver failing = new ScriptedReceiver(SECRET, attempt -> 500);
        ScriptedReceiver healthy = new ScriptedReceiver(SECRET, attempt -> 204);
        AlertsService service = service(webhooksFile(acme, "flaky-" + run, flaky.url(), "failing-" + run,
            failing.url(), "healthy-" + run, healthy.url()));
        KafkaProducer<String, DealEvent> producer = AlertsIT.producer(bootstrap)) {
      service.start();
      Instant t0 = Instant.parse("2025-01-22T18:00:00Z");
      AlertsIT.send(producer, AlertsIT.partnership("a1-" + run, t0, PartnershipStatus.FORMED, acme, "Globex" + run));

      Await.until(Duration.ofSeconds(60), () -> flaky.requests().size() >= 3 && failing.requests().size() >= 3
          && healthy.requests().size() >= 1, () -> "flaky " + flaky.requests().size() + ", failing "
          + failing.requests().size() + ", healthy " + healthy.requests().size());

      List<ScriptedReceiver.Request> tries = flaky.requests();
      assertThat(tries).hasSize(3);
      assertThat(tries).extracting(ScriptedReceiver.Request::webhookId).containsOnly(tries.get(0).webhookId());
      assertThat(tries).allSatisfy(r -> assertThat(r.signatureValid()).as("signature of %s", r).isTrue());
      assertThat(tries).extracting(ScriptedReceiver.Request::bodyText).containsOnly(tries.get(0).bodyText());
      JsonNode body = JSON.readTree(tries.get(0).body());
      assertThat(body.get("type").asText()).isEqualTo("partnership.status_changed");
      assertThat(body.get("timestamp").asText()).isNotBlank();
      assertThat(body.at("/data/current").asText()).isEqualTo("ACTIVE");
      assertThat(body.at("/data/previous").isNull()).isTrue();
      assertThat(body.at("/data/evidence/articleId").asText()).isEqualTo("a1-" + run);
      assertThat(Set.of(tries.get(0).webhookId(), healthy.requests().get(0).webhookId()))
          .as("webhook-id differs per subscription").hasSize(2);

      Await.until(Duration.ofSeconds(30), () -> deadLetters("failing-" + run).size() == 1,
          () -> "dead letters " + deadLetters("failing-" + run));
      WebhookDeadLetter dl = deadLetters("failing-" + run).get(0);
      assertThat(dl.getAttempts()).isEqualTo(3);
      assertThat(dl.getLastStatusCode()).isEqualTo(500);
      assertThat(dl.getWebhookId()).isEqualTo(failing.requests().get(0).webhookId());
      assertThat(dl.getReason()).contains("3 attempts");
      assertThat(JSON.readTree(dl.getPayload()).at("/data/pair/0").asText()).isEqualTo(acme);
      assertThat(deadLetters("flaky-" + run)).isEmpty();
      Thread.sleep(1500);
      assertThat(failing.requests()).as("no attempt after the dead letter").hasSize(3);
      assertThat(healthy.requests()).hasSize(1);
    }
  }

  @Test
  void shouldDisableASubscriptionAnswered410AndNotHoldUpOthersBehindAHangingEndpoint() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String acme = "Initech" + run;
    try (ScriptedReceiver gone = new ScriptedReceiver(SECRET, attempt -> 410);
        ScriptedReceiver hanging = new ScriptedReceiver(SECRET, attempt -> 0);
        ScriptedReceiver healthy = new ScriptedReceiver(SECRET, attempt -> 204);
        AlertsService service = service(webhooksFile(acme, "gone-" + run, gone.url(), "hanging-" + run,
            hanging.url(), "healthy-" + run, healthy.url()));
        KafkaProducer<String, DealEvent> producer = AlertsIT.producer(bootstrap)) {
      service.start();
      Instant t0 = Instant.parse("2025-03-01T10:00:00Z");
      AlertsIT.send(producer, AlertsIT.partnership("b1-" + run, t0, PartnershipStatus.FORMED, acme, "Hooli" + run));
      Await.until(Duration.ofSeconds(60), () -> healthy.requests().size() >= 1 && gone.requests().size() >= 1,
          () -> "healthy " + healthy.requests().size() + ", gone " + gone.requests().size());
      AlertsIT.send(producer, AlertsIT.partnership("b2-" + run, t0.plusSeconds(3600), PartnershipStatus.ENDED, acme,
          "Hooli" + run));
      Await.until(Duration.ofSeconds(30), () -> healthy.requests().size() >= 2,
          () -> "healthy " + healthy.requests().size());

      // the hanging endpoint still holds its first delivery (2 s timeout, retries) while the healthy one got both
      assertThat(hanging.requests().size()).isLessThanOrEqualTo(3);
      assertThat(healthy.requests()).extracting(r -> JSON.readTree(r.body()).at("/data/current").asText())
          .containsExactly("ACTIVE", "ENDED");
      Thread.sleep(1000);
      assertThat(gone.requests()).as("nothing after 410").hasSize(1);
      List<WebhookDeadLetter> dls = deadLetters("gone-" + run);
      assertThat(dls).singleElement().satisfies(d -> {
        assertThat(d.getLastStatusCode()).isEqualTo(410);
        assertThat(d.getReason()).contains("410");
      });
    }
  }

  private static List<WebhookDeadLetter> deadLetters(String subscriptionId) {
    return AlertsIT.readCommitted(bootstrap, Topics.WEBHOOK_DEAD_LETTER).stream()
        .filter(r -> subscriptionId.equals(r.key())).map(ConsumerRecord::value).collect(Collectors.toList());
  }
}
