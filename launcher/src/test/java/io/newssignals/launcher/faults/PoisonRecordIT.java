package io.newssignals.launcher.faults;

import io.newssignals.alerts.AlertsConfig;
import io.newssignals.alerts.AlertsService;
import io.newssignals.enrich.EnrichConfig;
import io.newssignals.enrich.EnrichService;
import io.newssignals.enrich.EnrichmentPipeline;
import io.newssignals.launcher.Await;
import io.newssignals.launcher.EmbeddedKafkaBroker;
import io.newssignals.launcher.bench.SyntheticArticles;
import io.newssignals.schema.Article;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.schema.PartnershipStatus;
import io.newssignals.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unreadable records on each input topic of the running services (enrich reads {@code news.articles}, the alerts
 * topology {@code signals.deals}, webhook delivery {@code alerts.partnership}): bytes that are not Avro at all, and
 * a single-object record whose schema fingerprint no schema has. Each must reach {@code pipeline.dead-letter} with
 * its original key and value and headers naming its topic, partition, offset and the reason, and the valid record
 * sent after it, to the same partition, must still be processed.
 */
@Timeout(120)
class PoisonRecordIT {
  private static Path dir;
  private static EmbeddedKafkaBroker broker;
  private static String bootstrap;
  private static WebhookReceiver receiver;
  private static EnrichService enrich;
  private static AlertsService alerts;

  @BeforeAll
  static void startPipeline() throws Exception {
    // the enrichment code path once in this JVM first: its classes are loaded before anything else can change
    EnrichmentPipeline.withBundledGazetteer().newSession()
        .process(SyntheticArticles.distinctPairs(9, 1).next("poison-warm-").article());
    dir = Files.createTempDirectory("poison-it-");
    broker = new EmbeddedKafkaBroker(dir.resolve("kafka")).start();
    bootstrap = broker.bootstrapServers();
    FaultFixtures.createTopics(bootstrap);
    receiver = WebhookReceiver.answering();
    Path webhooks = FaultFixtures.webhooksFile(dir, List.<String[]>of(new String[] {"poison", receiver.url()}));
    enrich = new EnrichService(EnrichConfig.builder().applicationId("fault-poison-enrich")
        .bootstrapServers(bootstrap).replicationFactor(1).stateDir(dir.resolve("enrich")).build());
    alerts = new AlertsService(AlertsConfig.builder().applicationId("fault-poison-alerts")
        .bootstrapServers(bootstrap).replicationFactor(1).stateDir(dir.resolve("alerts")).webhooksFile(webhooks)
        .build());
    enrich.start();
    alerts.start();
  }

  @AfterAll
  static void stopPipeline() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {alerts, enrich, receiver, broker}) {
      if (c != null) {
        c.close();
      }
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void shouldDeadLetterUnreadableArticlesAndKeepEnriching() throws Exception {
    Article article = SyntheticArticles.distinctPairs(5, 1).next("poison-article-").article();
    int partition = FaultFixtures.partitionOf(article.getId(), Topics.ARTICLES.partitions());
    Map<String, RecordMetadata> poison = plant(Topics.ARTICLES.name(), partition);
    FaultFixtures.sendRaw(bootstrap, Topics.ARTICLES.name(), key(article.getId()),
        Topics.ARTICLES.valueSerde().serializer().serialize(Topics.ARTICLES.name(), article));

    Await.until(Duration.ofSeconds(60), () -> keysOf(Topics.ENRICHED.name()).contains(article.getId()),
        () -> "the article after the poison was not enriched");
    assertDeadLettered(poison);
  }

  @Test
  void shouldDeadLetterUnreadableDealEventsAndKeepAlerting() throws Exception {
    String pair = Topics.pairKey("PoisonDealA", "PoisonDealB");
    Map<String, RecordMetadata> poison = plant(Topics.DEALS.name(),
        FaultFixtures.partitionOf(pair, Topics.DEALS.partitions()));
    FaultFixtures.sendRaw(bootstrap, Topics.DEALS.name(), key(pair), Topics.DEALS.valueSerde().serializer()
        .serialize(Topics.DEALS.name(), FaultFixtures.partnership("poison-deal-valid", "PoisonDealA", "PoisonDealB",
            PartnershipStatus.FORMED, Instant.parse("2025-02-01T10:00:00Z"))));

    Await.until(Duration.ofSeconds(60), () -> FaultFixtures.committedAlerts(bootstrap).stream()
        .anyMatch(a -> a.getEvidence().getArticleId().equals("poison-deal-valid")),
        () -> "the deal event after the poison gave no alert");
    assertDeadLettered(poison);
  }

  @Test
  void shouldDeadLetterUnreadableAlertsAndKeepDeliveringWebhooks() throws Exception {
    String pair = Topics.pairKey("PoisonAlertA", "PoisonAlertB");
    Map<String, RecordMetadata> poison = plant(Topics.ALERTS.name(),
        FaultFixtures.partitionOf(pair, Topics.ALERTS.partitions()));
    // the alert of this deal event lands on the poisoned partition of alerts.partnership
    FaultFixtures.sendRaw(bootstrap, Topics.DEALS.name(), key(pair), Topics.DEALS.valueSerde().serializer()
        .serialize(Topics.DEALS.name(), FaultFixtures.partnership("poison-alert-valid", "PoisonAlertA",
            "PoisonAlertB", PartnershipStatus.FORMED, Instant.parse("2025-02-01T11:00:00Z"))));

    Await.until(Duration.ofSeconds(60), () -> {
      Optional<PartnershipAlert> alert = FaultFixtures.committedAlerts(bootstrap).stream()
          .filter(a -> a.getEvidence().getArticleId().equals("poison-alert-valid")).findFirst();
      return alert.isPresent() && receiver.deliveries().stream()
          .anyMatch(d -> alert.get().getId().equals(d.alertId()));
    }, () -> "the alert after the poison was not delivered");
    assertDeadLettered(poison);
  }

  /** Sends the two kinds of poison to one partition of a topic. */
  private static Map<String, RecordMetadata> plant(String topic, int partition) {
    Map<String, RecordMetadata> poison = new LinkedHashMap<>();
    poison.put("poison-garbage-" + topic,
        FaultFixtures.sendRaw(bootstrap, topic, partition, key("poison-garbage-" + topic), notAvro()));
    poison.put("poison-fingerprint-" + topic,
        FaultFixtures.sendRaw(bootstrap, topic, partition, key("poison-fingerprint-" + topic), unknownFingerprint()));
    return poison;
  }

  /**
   * The service got past the poison (the valid record after it is done); a dead letter written outside the
   * processing transaction may still lag a moment.
   */
  private static void assertDeadLettered(Map<String, RecordMetadata> poison) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!deadLetters().keySet().containsAll(poison.keySet()) && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    Map<String, ConsumerRecord<byte[], byte[]>> dead = deadLetters();
    SoftAssertions soft = new SoftAssertions();
    for (Map.Entry<String, RecordMetadata> p : poison.entrySet()) {
      String name = p.getKey();
      RecordMetadata source = p.getValue();
      ConsumerRecord<byte[], byte[]> d = dead.get(name);
      soft.assertThat(d).as("dead letter of %s (%s-%d@%d)", name, source.topic(), source.partition(),
          source.offset()).isNotNull();
      if (d == null) {
        continue;
      }
      soft.assertThat(d.value()).as("original bytes of %s", name)
          .isEqualTo(name.startsWith("poison-garbage") ? notAvro() : unknownFingerprint());
      List<String> headerValues = Arrays.stream(d.headers().toArray())
          .map(h -> h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8)).toList();
      soft.assertThat(headerValues).as("headers of %s: source topic, partition and offset", name)
          .contains(source.topic(), Integer.toString(source.partition()), Long.toString(source.offset()));
      Optional<Header> reason = Arrays.stream(d.headers().toArray())
          .filter(h -> h.key().toLowerCase(Locale.ROOT).matches(".*(reason|exception|error|cause).*"))
          .filter(h -> h.value() != null && h.value().length > 0).findFirst();
      soft.assertThat(reason).as("headers of %s: a reason", name).isPresent();
    }
    soft.assertAll();
  }

  private static Map<String, ConsumerRecord<byte[], byte[]>> deadLetters() {
    return CommittedRecords.readAll(bootstrap, Topics.DEAD_LETTER.name()).stream()
        .filter(r -> r.key() != null)
        .collect(Collectors.toMap(r -> new String(r.key(), StandardCharsets.UTF_8), r -> r, (x, y) -> x));
  }

  private static List<String> keysOf(String topic) {
    return CommittedRecords.readAll(bootstrap, topic).stream()
        .map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList();
  }

  private static byte[] key(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] notAvro() {
    return "{\"this\": \"is JSON, not Avro\"}".getBytes(StandardCharsets.UTF_8);
  }

  /** The single-object header (C3 01) with a fingerprint of no known schema, then a few body bytes. */
  private static byte[] unknownFingerprint() {
    ByteBuffer b = ByteBuffer.allocate(2 + 8 + 6).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 0xC3).put((byte) 0x01).putLong(0x0123456789ABCDEFL);
    b.put(new byte[] {6, 'a', 'b', 'c', 2, 0});
    return b.array();
  }
}
