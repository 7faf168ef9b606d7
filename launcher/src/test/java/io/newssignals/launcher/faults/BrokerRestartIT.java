package io.newssignals.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.alerts.AlertsConfig;
import io.newssignals.alerts.AlertsService;
import io.newssignals.alerts.Backtest;
import io.newssignals.enrich.EnrichConfig;
import io.newssignals.enrich.EnrichService;
import io.newssignals.enrich.EnrichmentPipeline;
import io.newssignals.launcher.Await;
import io.newssignals.launcher.EmbeddedKafkaBroker;
import io.newssignals.launcher.bench.SyntheticArticles;
import io.newssignals.schema.AlertKind;
import io.newssignals.schema.Article;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker goes down and comes back (same port, same data) while enrich and alerts are processing a stream of
 * articles that a producer keeps publishing: the services reconnect by themselves and, at a {@code read_committed}
 * consumer, every article is enriched exactly once and every alert of a fault-free replay is on the alert topic
 * exactly once.
 */
class BrokerRestartIT {
  private static final int ARTICLES = 1_000;

  @TempDir Path dir;

  @Test
  @Timeout(180)
  void shouldFinishWithNothingLostOrDuplicatedWhenTheBrokerRestartsMidStream() throws Exception {
    List<Article> stream = SyntheticArticles.distinctPairs(11, ARTICLES).next("restart-", ARTICLES).stream()
        .map(SyntheticArticles.Generated::article).toList();
    List<PartnershipAlert> replay = Backtest.statusChanges(new Backtest(EnrichmentPipeline.withBundledGazetteer(),
        Duration.ofDays(7)).run(stream));
    Set<String> expected = replay.stream().map(PartnershipAlert::getId).collect(Collectors.toSet());
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir.resolve("kafka")).start()) {
      String bootstrap = broker.bootstrapServers();
      FaultFixtures.createTopics(bootstrap);
      try (EnrichService enrich = new EnrichService(EnrichConfig.builder()
              .applicationId("fault-restart-enrich").bootstrapServers(bootstrap).replicationFactor(1)
              .stateDir(dir.resolve("enrich")).build());
          AlertsService alerts = new AlertsService(AlertsConfig.builder()
              .applicationId("fault-restart-alerts").bootstrapServers(bootstrap).replicationFactor(1)
              .stateDir(dir.resolve("alerts")).build());
          Admin admin = CommittedRecords.admin(bootstrap)) {
        enrich.start();
        alerts.start();

        AtomicReference<Exception> publishFailure = new AtomicReference<>();
        Thread publisher = new Thread(() -> publish(bootstrap, stream, publishFailure), "restart-publisher");
        publisher.start();

        Await.until(Duration.ofSeconds(90),
            () -> CommittedRecords.committedOffsets(admin, Topics.ENRICHED.name()) >= ARTICLES / 4,
            () -> "enriched " + CommittedRecords.committedOffsets(admin, Topics.ENRICHED.name()));
        broker.restart();

        publisher.join(120_000);
        assertThat(publishFailure.get()).as("publisher error").isNull();
        Await.until(Duration.ofSeconds(120),
            () -> distinctEnriched(bootstrap) >= ARTICLES,
            () -> "enriched " + distinctEnriched(bootstrap) + " of " + ARTICLES);

        List<String> enrichedKeys = CommittedRecords.readAll(bootstrap, Topics.ENRICHED.name()).stream()
            .map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList();
        assertThat(enrichedKeys).doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(stream.stream().map(Article::getId).toList());

        Await.until(Duration.ofSeconds(60), () -> statusChanges(bootstrap).size() >= expected.size(),
            () -> "alerts " + statusChanges(bootstrap).size() + " of " + expected.size());
        List<PartnershipAlert> live = FaultFixtures.committedAlerts(bootstrap).stream()
            .filter(a -> a.getKind() == AlertKind.STATUS_CHANGED).toList();
        assertThat(live).extracting(PartnershipAlert::getId)
            .as("status changes on the alert topic vs a fault-free replay:%s",
                FaultFixtures.describeDifference(live, replay))
            .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
      }
    }
  }

  /** Publishes at about 300 articles/s, so that the restart falls in the middle of the stream. */
  private static void publish(String bootstrap, List<Article> stream, AtomicReference<Exception> failure) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 120_000);
    // one request in flight: a refused first batch retried after later ones landed fails forever with
    // OUT_OF_ORDER_SEQUENCE_NUMBER (seen with 4.1 on one broker right after topic creation)
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    try (KafkaProducer<String, Article> producer = new KafkaProducer<>(p, Topics.ARTICLES.keySerde().serializer(),
        Topics.ARTICLES.valueSerde().serializer())) {
      for (int i = 0; i < stream.size(); i++) {
        Article a = stream.get(i);
        producer.send(new ProducerRecord<>(Topics.ARTICLES.name(), a.getId(), a), (md, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
        if (i % 30 == 29) {
          Thread.sleep(100);
        }
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure.compareAndSet(null, e);
    } catch (RuntimeException e) {
      failure.compareAndSet(null, e);
    }
  }

  private static int distinctEnriched(String bootstrap) {
    return CommittedRecords.readAll(bootstrap, Topics.ENRICHED.name()).stream()
        .map(r -> new String(r.key(), StandardCharsets.UTF_8)).collect(Collectors.toCollection(HashSet::new)).size();
  }

  private static List<String> statusChanges(String bootstrap) {
    return FaultFixtures.committedAlerts(bootstrap).stream().filter(a -> a.getKind() == AlertKind.STATUS_CHANGED)
        .map(PartnershipAlert::getId).toList();
  }
}
