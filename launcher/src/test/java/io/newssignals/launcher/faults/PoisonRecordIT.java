package io.newssignals.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.alerts.AlertsConfig;
import io.newssignals.alerts.AlertsService;
import io.newssignals.enrich.EnrichConfig;
import io.newssignals.enrich.EnrichService;
import io.newssignals.launcher.EmbeddedKafkaBroker;
import io.newssignals.launcher.bench.SyntheticArticles;
import io.newssignals.schema.Article;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.schema.PartnershipStatus;
import io.newssignals.topics.TopicAdmin;
import io.newssignals.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unreadable records on every input topic of the running services (enrich reads {@code news.articles}, the alerts
 * topology {@code signals.deals}, webhook delivery {@code alerts.partnership}): bytes that are not Avro at all, and
 * a single-object record whose schema fingerprint no schema has. Each goes to {@code pipeline.dead-letter} with its
 * original bytes and headers naming its topic, partition, offset and the reason, and the records after it are
 * still processed.
 */
class PoisonRecordIT {
  @TempDir Path dir;

  @Test
  @Timeout(150)
  void shouldRouteUnreadableRecordsOfEveryInputTopicToTheDeadLetterTopicAndKeepProcessing() throws Exception {
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir.resolve("kafka")).start();
        WebhookReceiver receiver = WebhookReceiver.answering()) {
      String bootstrap = broker.bootstrapServers();
      TopicAdmin.ensureTopics(bootstrap, Topics.all(), 1);
      Path webhooks = FaultFixtures.webhooksFile(dir, List.<String[]>of(new String[] {"poison", receiver.url()}));
      try (EnrichService enrich = new EnrichService(EnrichConfig.builder()
              .applicationId("fault-poison-enrich").bootstrapServers(bootstrap).replicationFactor(1)
              .stateDir(dir.resolve("enrich")).build());
          AlertsService alerts = new AlertsService(AlertsConfig.builder()
              .applicationId("fault-poison-alerts").bootstrapServers(bootstrap).replicationFactor(1)
              .stateDir(dir.resolve("alerts")).webhooksFile(webhooks).build())) {
        enrich.start();
        alerts.start();

        Map<String, RecordMetadata> poison = new LinkedHashMap<>();
        for (String topic : List.of(Topics.ARTICLES.name(), Topics.DEALS.name(), Topics.ALERTS.name())) {
          poison.put("poison-garbage-" + topic,
              FaultFixtures.sendRaw(bootstrap, topic, key("poison-garbage-" + topic), notAvro()));
          poison.put("poison-fingerprint-" + topic,
              FaultFixtures.sendRaw(bootstrap, topic, key("poison-fingerprint-" + topic), unknownFingerprint()));
        }
        // then valid records on each input: an article, and a deal event of another pair
        Article article = SyntheticArticles.distinctPairs(5, 1).next("poison-valid-").article();
        FaultFixtures.sendRaw(bootstrap, Topics.ARTICLES.name(), key(article.getId()),
            Topics.ARTICLES.valueSerde().serializer().serialize(Topics.ARTICLES.name(), article));
        FaultFixtures.sendRaw(bootstrap, Topics.DEALS.name(), key(Topics.pairKey("PoisonAfterA", "PoisonAfterB")),
            Topics.DEALS.valueSerde().serializer().serialize(Topics.DEALS.name(), FaultFixtures.partnership(
                "poison-valid-deal", "PoisonAfterA", "PoisonAfterB", PartnershipStatus.FORMED,
                Instant.parse("2025-02-01T10:00:00Z"))));

        CommittedRecords.await(Duration.ofSeconds(90), () -> FaultFixtures.committedAlerts(bootstrap).size() >= 2
            && receiver.deliveries().size() >= 2
            && CommittedRecords.readAll(bootstrap, Topics.DEAD_LETTER.name()).size() >= poison.size(),
            () -> "alerts " + FaultFixtures.committedAlerts(bootstrap).size() + ", webhook deliveries "
                + receiver.deliveries().size() + ", dead letters "
                + CommittedRecords.readAll(bootstrap, Topics.DEAD_LETTER.name()).size() + " of " + poison.size());

        Map<String, ConsumerRecord<byte[], byte[]>> deadByKey = CommittedRecords.readAll(bootstrap,
            Topics.DEAD_LETTER.name()).stream().collect(Collectors.toMap(r -> new String(r.key(),
                StandardCharsets.UTF_8), r -> r, (x, y) -> x));
        SoftAssertions soft = new SoftAssertions();
        for (Map.Entry<String, RecordMetadata> p : poison.entrySet()) {
          String name = p.getKey();
          RecordMetadata source = p.getValue();
          ConsumerRecord<byte[], byte[]> dead = deadByKey.get(name);
          soft.assertThat(dead).as("dead letter of %s on %s", name, source.topic()).isNotNull();
          if (dead == null) {
            continue;
          }
          soft.assertThat(dead.value()).as("original bytes of %s", name)
              .isEqualTo(name.startsWith("poison-garbage") ? notAvro() : unknownFingerprint());
          List<String> headerValues = Arrays.stream(dead.headers().toArray())
              .map(h -> h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8)).toList();
          soft.assertThat(headerValues).as("headers of %s: source topic, partition and offset", name)
              .contains(source.topic(), Integer.toString(source.partition()), Long.toString(source.offset()));
          Optional<Header> reason = Arrays.stream(dead.headers().toArray())
              .filter(h -> h.key().toLowerCase(Locale.ROOT).matches(".*(reason|exception|error|cause).*"))
              .filter(h -> h.value() != null && h.value().length > 0).findFirst();
          soft.assertThat(reason).as("headers of %s: a reason", name).isPresent();
        }
        soft.assertThat(CommittedRecords.readAll(bootstrap, Topics.ENRICHED.name()))
            .as("the article after the poison was enriched")
            .anySatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(article.getId()));
        List<PartnershipAlert> committed = FaultFixtures.committedAlerts(bootstrap);
        soft.assertThat(committed).as("alerts after the poison")
            .extracting(a -> a.getEvidence().getArticleId()).contains(article.getId(), "poison-valid-deal");
        soft.assertThat(receiver.deliveries()).as("webhook deliveries after the poison")
            .extracting(WebhookReceiver.Delivery::alertId)
            .containsAll(committed.stream().map(PartnershipAlert::getId).toList());
        soft.assertAll();
      }
    }
  }

  private static byte[] key(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] notAvro() {
    return "{\"this\": \"is JSON, not Avro\"}".getBytes(StandardCharsets.UTF_8);
  }

  /** The single-object header (C3 01) with a fingerprint of no known schema, then a plausible body. */
  private static byte[] unknownFingerprint() {
    ByteBuffer b = ByteBuffer.allocate(2 + 8 + 16).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0xC3).put((byte) 0x01).putLong(0x0123456789ABCDEFL);
    b.put("\u0006abc\u0002\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000".getBytes(StandardCharsets.US_ASCII),
        0, 16);
    return b.array();
  }
}
