package io.newssignals.launcher.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.alerts.Backtest;
import io.newssignals.enrich.EnrichmentPipeline;
import io.newssignals.launcher.Await;
import io.newssignals.launcher.EmbeddedKafkaBroker;
import io.newssignals.launcher.bench.SyntheticArticles;
import io.newssignals.schema.AlertKind;
import io.newssignals.schema.Article;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code kill -9} of each service, each in its own JVM, in the middle of a stream of 1,000 articles (2-5 KB each) served as RSS
 * feeds that fill up over time; each killed service is started again on the same state directory. Downstream, at a
 * {@code read_committed} consumer: every article exactly once on {@code news.articles} and on
 * {@code news.articles.enriched}, every alert exactly once on {@code alerts.partnership} (the same alerts a
 * fault-free replay of the same articles gives), every alert delivered to the webhook subscriber at least once,
 * always under the same {@code webhook-id}.
 *
 * <p>Every article reports a partnership between a pair no other article names, so the expected alerts do not
 * depend on the order in which partitions are processed after a restart. Enrich and alerts are killed close
 * together so that their consumer-group recoveries (the dead member's session timeout) overlap.
 */
class ServiceKillIT {
  private static final Logger LOG = LoggerFactory.getLogger(ServiceKillIT.class);
  private static final int ARTICLES = 1_000;
  private static final int FEEDS = 20;
  /** Kafka's default {@code session.timeout.ms}, which the services keep. */
  private static final long SESSION_TIMEOUT_MS = 45_000;

  @TempDir Path dir;
  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  private <T extends AutoCloseable> T closeLater(T c) {
    open.add(c);
    return c;
  }

  @Test
  @Timeout(300)
  void shouldKeepEveryArticleAndAlertExactlyOnceWhenEachServiceIsKilledMidStream() throws Exception {
    EmbeddedKafkaBroker broker = closeLater(new EmbeddedKafkaBroker(dir.resolve("kafka")).start());
    String bootstrap = broker.bootstrapServers();
    FaultFixtures.createTopics(bootstrap);
    Admin admin = closeLater(CommittedRecords.admin(bootstrap));

    List<Article> stream = SyntheticArticles.distinctPairs(SyntheticArticles.DEFAULT_SEED, ARTICLES)
        .next("kill-", ARTICLES).stream().map(SyntheticArticles.Generated::article).toList();
    // what a fault-free replay of the same articles raises (alert ids: pair, transition, published time)
    List<PartnershipAlert> replay = Backtest.statusChanges(new Backtest(EnrichmentPipeline.withBundledGazetteer(),
        Duration.ofDays(7)).run(stream));
    Set<String> expected = replay.stream().map(PartnershipAlert::getId).collect(Collectors.toSet());
    ProgressiveFeedServer feeds = closeLater(new ProgressiveFeedServer(stream, FEEDS, 100));
    Path feedsFile = dir.resolve("feeds.yaml");
    StringBuilder yaml = new StringBuilder("feeds:\n");
    feeds.urls().forEach(u -> yaml.append("  - url: ").append(u).append("\n    interval: 1s\n"));
    Files.writeString(feedsFile, yaml, StandardCharsets.UTF_8);
    WebhookReceiver receiver = closeLater(WebhookReceiver.answering());
    Path webhooks = FaultFixtures.webhooksFile(dir, List.<String[]>of(new String[] {"kill-test", receiver.url()}));

    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
    env.put("KAFKA_REPLICATION_FACTOR", "1");
    env.put("INGEST_POLL_INTERVAL", "1s");
    env.put("INGEST_RECENT_IDS", "5000");
    env.put("ENRICH_APPLICATION_ID", "fault-kill-enrich");
    env.put("ENRICH_STATE_DIR", dir.resolve("enrich-state").toString());
    // these dated articles are backlog news, which enrich's novelty stage parks to judge in published order: a
    // shorter hold keeps the kill-to-first-output time about the restart, not about the hold (default 10 s)
    env.put("ENRICH_NOVELTY_MAX_HOLD", "2s");
    env.put("ALERTS_APPLICATION_ID", "fault-kill-alerts");
    env.put("ALERTS_STATE_DIR", dir.resolve("alerts-state").toString());
    env.put("ALERTS_WEBHOOK_RETRY_SCHEDULE", "1s,1s,1s,1s,1s");
    Path logs = Files.createDirectories(dir.resolve("logs"));
    ServiceProcess ingest = closeLater(ServiceProcess.start("ingest", "io.newssignals.ingest.IngestCommand",
        List.of("--feeds", feedsFile.toString()), env, logs));
    ServiceProcess enrich = closeLater(ServiceProcess.start("enrich", "io.newssignals.enrich.EnrichCommand",
        List.of(), env, logs));
    ServiceProcess alerts = closeLater(ServiceProcess.start("alerts", "io.newssignals.alerts.AlertsCommand",
        List.of("--webhooks", webhooks.toString()), env, logs));
    List<ServiceProcess> services = List.of(ingest, enrich, alerts);
    Function<String, String> logsOf = why -> why + " (feed requests " + feeds.requests() + ", revealed "
        + feeds.revealed() + ")\n" + ingest.logTail(15) + "\n" + enrich.logTail(15) + "\n"
        + alerts.logTail(15);

    // the stream starts once ingest polls: a kill then falls in the middle of it, not after one big first poll
    await(services, Duration.ofSeconds(90), () -> feeds.requests() >= FEEDS, () -> logsOf.apply("ingest never polled"));
    feeds.startRevealing();
    await(services, Duration.ofSeconds(90),
        () -> CommittedRecords.committedOffsets(admin, Topics.ARTICLES.name()) >= 200,
        () -> logsOf.apply("ingest did not publish 200 articles"));
    LOG.info("fault test: killing ingest, {} of {} articles revealed", feeds.revealed(), ARTICLES);
    ingest.kill();
    ingest.restart();

    await(services, Duration.ofSeconds(90),
        () -> CommittedRecords.committedOffsets(admin, Topics.ALERTS.name()) >= 150,
        () -> logsOf.apply("alerts did not reach 150"));
    LOG.info("fault test: killing alerts, {} of {} articles revealed", feeds.revealed(), ARTICLES);
    // measured later: enrich is killed while alerts recovers, so that the two recoveries overlap
    // its input (signals.deals) comes from enrich, killed next: only its output is timed
    Recovery alertsRecovery = killAndWatch(bootstrap, admin, alerts, "fault-kill-alerts", null, Topics.ALERTS.name());
    // no wait here: enrich writes a backlog in bursts (its novelty stage judges backlog news in published order,
    // releasing it at most every ENRICH_NOVELTY_MAX_HOLD), and one more burst could hold every remaining article
    long articlesAtEnrichKill = CommittedRecords.committedOffsets(admin, Topics.ARTICLES.name());
    int enrichedAtKill = distinctKeys(bootstrap, Topics.ENRICHED.name());
    assertThat(enrichedAtKill).as("enrich still had articles to process when killed").isLessThan(ARTICLES);
    LOG.info("fault test: killing enrich at {} enriched, {} of {} articles revealed", enrichedAtKill,
        feeds.revealed(), ARTICLES);
    Recovery enrichRecovery = killAndWatch(bootstrap, admin, enrich, "fault-kill-enrich", Topics.ARTICLES.name(),
        Topics.ENRICHED.name());
    awaitRecovery(List.of(enrichRecovery, alertsRecovery), admin, () -> logsOf.apply("no recovery after the kills"));
    LOG.info("fault test: alerts killed (SIGKILL) and restarted: first new alert {} ms after the kill",
        alertsRecovery.firstOutputMs);
    LOG.info("fault test: enrich killed (SIGKILL) and restarted: input committed again {} ms, first new enriched "
        + "article {} ms after the kill (these articles are backlog news: the novelty stage holds them a while)",
        enrichRecovery.progressMs, enrichRecovery.firstOutputMs);
    // static membership: the restarted instance takes its partitions back at once instead of waiting out the dead
    // member's 45 s session timeout (before, the whole test took about 45 s longer per killed Streams service)
    assertThat(enrichRecovery.progressMs).as("kill of enrich -> its input committed again (ms)")
        .isLessThan(SESSION_TIMEOUT_MS / 2);
    for (Recovery r : List.of(enrichRecovery, alertsRecovery)) {
      assertThat(r.firstOutputMs).as("kill of %s -> first new output (ms)", r.group)
          .isLessThan(SESSION_TIMEOUT_MS * 2 / 3);
    }

    await(services, Duration.ofSeconds(150), () -> feeds.revealed() == ARTICLES
        && distinctKeys(bootstrap, Topics.ENRICHED.name()) >= ARTICLES,
        () -> logsOf.apply("not every article was enriched: " + distinctKeys(bootstrap, Topics.ENRICHED.name())
            + " (articles offsets at the enrich kill: " + articlesAtEnrichKill + ")"));

    LOG.info("fault test: every article enriched; checking topics");
    // ingest: each article once
    List<ConsumerRecord<byte[], byte[]>> articleRecords = CommittedRecords.readAll(bootstrap, Topics.ARTICLES.name());
    List<Article> published = articleRecords.stream()
        .map(r -> Topics.ARTICLES.valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
    assertThat(published).extracting(Article::getTitle).doesNotHaveDuplicates().hasSize(ARTICLES);
    List<String> articleIds = published.stream().map(Article::getId).toList();

    // enrich: each article once
    List<String> enrichedKeys = keys(CommittedRecords.readAll(bootstrap, Topics.ENRICHED.name()));
    assertThat(enrichedKeys).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(articleIds);

    // alerts: the alerts of a fault-free replay, each once
    assertThat(expected).as("alerts a replay of the same articles raises").hasSizeGreaterThan(ARTICLES / 2);
    await(services, Duration.ofSeconds(60), () -> statusChangeIds(bootstrap).size() >= expected.size(),
        () -> logsOf.apply("alerts: " + statusChangeIds(bootstrap).size() + " of " + expected.size()));
    List<PartnershipAlert> live = FaultFixtures.committedAlerts(bootstrap).stream()
        .filter(a -> a.getKind() == AlertKind.STATUS_CHANGED).toList();
    assertThat(live).extracting(PartnershipAlert::getId)
        .as("status changes on the alert topic vs a fault-free replay:%s", FaultFixtures.describeDifference(live, replay))
        .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);

    // webhooks: every alert at least once, one stable webhook-id per alert
    Set<String> allAlertIds = FaultFixtures.committedAlerts(bootstrap).stream().map(PartnershipAlert::getId)
        .collect(Collectors.toSet());
    await(services, Duration.ofSeconds(60), () -> receiver.deliveries().stream()
        .map(WebhookReceiver.Delivery::alertId).collect(Collectors.toSet()).containsAll(allAlertIds),
        () -> logsOf.apply("webhook deliveries: " + receiver.deliveries().size() + " for " + allAlertIds.size()
            + " alerts"));
    Map<String, Set<String>> webhookIdsByAlert = new HashMap<>();
    for (WebhookReceiver.Delivery d : receiver.deliveries()) {
      webhookIdsByAlert.computeIfAbsent(d.alertId(), k -> new HashSet<>()).add(d.webhookId());
    }
    assertThat(webhookIdsByAlert.keySet()).containsExactlyInAnyOrderElementsOf(allAlertIds);
    assertThat(webhookIdsByAlert.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
  }

  /** {@link CommittedRecords#await}, failing at once with its log when a service died on its own. */
  private static void await(List<ServiceProcess> services, Duration timeout, java.util.function.BooleanSupplier done,
      java.util.function.Supplier<String> state) {
    Await.until(timeout, () -> {
      for (ServiceProcess p : services) {
        if (!p.isAlive()) {
          throw new AssertionError("a service exited on its own: " + p.logTail(40));
        }
      }
      return done.getAsBoolean();
    }, state);
  }

  /**
   * Kills {@code service} ({@code SIGKILL}), notes its group's committed input offsets and positions a
   * {@code read_committed} consumer at the end of {@code outputTopic} once it is dead, then starts it again;
   * {@link #awaitRecovery} then measures from the kill to the group's first commit of further input and to the first
   * record committed on the output. The transaction the killed instance left open is aborted, never read, so that
   * record is the new instance's.
   */
  private Recovery killAndWatch(String bootstrap, Admin admin, ServiceProcess service, String group,
      String inputTopic, String outputTopic) {
    java.util.Properties p = new java.util.Properties();
    p.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(org.apache.kafka.clients.consumer.ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(org.apache.kafka.clients.consumer.ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> c = closeLater(
        new org.apache.kafka.clients.consumer.KafkaConsumer<>(p,
            new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
            new org.apache.kafka.common.serialization.ByteArrayDeserializer()));
    List<org.apache.kafka.common.TopicPartition> partitions = c.partitionsFor(outputTopic).stream()
        .map(i -> new org.apache.kafka.common.TopicPartition(i.topic(), i.partition())).toList();
    c.assign(partitions);
    long killedAt = System.nanoTime();
    service.kill();
    c.seekToEnd(partitions);
    partitions.forEach(c::position); // resolved now, with the old instance dead: only the new one's output counts
    Recovery r = new Recovery(group, inputTopic, c, killedAt,
        inputTopic == null ? 0 : groupOffsets(admin, group, inputTopic));
    service.restart();
    return r;
  }

  /** Polls every recovery until each has committed input again and written output again. */
  private static void awaitRecovery(List<Recovery> recoveries, Admin admin,
      java.util.function.Supplier<String> state) {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (recoveries.stream().anyMatch(r -> r.firstOutputMs < 0 || r.inputTopic != null && r.progressMs < 0)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(state.get());
      }
      for (Recovery r : recoveries) {
        if (r.firstOutputMs < 0 && !r.consumer.poll(Duration.ofMillis(20)).isEmpty()) {
          r.firstOutputMs = (System.nanoTime() - r.killedAt) / 1_000_000;
        }
        if (r.inputTopic != null && r.progressMs < 0 && groupOffsets(admin, r.group, r.inputTopic) > r.offsetsAtKill) {
          r.progressMs = (System.nanoTime() - r.killedAt) / 1_000_000;
        }
      }
    }
  }

  /** Sum of the group's committed offsets on {@code topic}. */
  private static long groupOffsets(Admin admin, String group, String topic) {
    try {
      return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
          .get(30, java.util.concurrent.TimeUnit.SECONDS).entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
          .mapToLong(e -> e.getValue().offset()).sum();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot read the offsets of group " + group + ": " + e, e);
    }
  }

  /** A killed and restarted service, watched from the moment of the kill; -1 until seen. */
  private static final class Recovery {
    final String group;
    final String inputTopic;
    final org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer;
    final long killedAt;
    final long offsetsAtKill;
    long progressMs = -1;
    long firstOutputMs = -1;

    Recovery(String group, String inputTopic,
        org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer, long killedAt, long offsetsAtKill) {
      this.group = group;
      this.inputTopic = inputTopic;
      this.consumer = consumer;
      this.killedAt = killedAt;
      this.offsetsAtKill = offsetsAtKill;
    }
  }

  private static List<String> statusChangeIds(String bootstrap) {
    return FaultFixtures.committedAlerts(bootstrap).stream().filter(a -> a.getKind() == AlertKind.STATUS_CHANGED)
        .map(PartnershipAlert::getId).toList();
  }

  private static int distinctKeys(String bootstrap, String topic) {
    return new HashSet<>(keys(CommittedRecords.readAll(bootstrap, topic))).size();
  }

  private static List<String> keys(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).toList();
  }
}
