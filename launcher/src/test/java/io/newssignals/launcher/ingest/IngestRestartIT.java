package io.newssignals.launcher.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.newssignals.ingest.FeedsCommand;
import io.newssignals.ingest.IngestConfig;
import io.newssignals.ingest.IngestService;
import io.newssignals.launcher.SharedKafka;
import io.newssignals.schema.Article;
import io.newssignals.schema.FeedState;
import io.newssignals.topics.TopicAdmin;
import io.newssignals.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Ingest on the real broker: N items, a killed and restarted service, a poll again: exactly N articles on
 * {@code news.articles}; then one item edited upstream: exactly one revision.
 */
class IngestRestartIT {
  private static final int N = 7;

  @TempDir
  Path dir;
  private HttpServer server;
  private final AtomicReference<String> feed = new AtomicReference<>();
  private String feedUrl;

  @BeforeEach
  void serveFeed() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    // no ETag: the server always sends the whole feed, so dedup (not 304) must keep it from republishing
    server.createContext("/feed.xml", ex -> {
      byte[] body = feed.get().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    server.start();
    feedUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml";
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private static String rss(String run, String firstTitleSuffix) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
        + "<title>Restart Wire</title><link>https://restart.example/</link><description>d</description>");
    for (int i = 0; i < N; i++) {
      sb.append("<item><title>Story ").append(i).append(i == 0 ? firstTitleSuffix : "").append("</title>")
          .append("<link>https://restart.example/").append(run).append('/').append(i).append("</link>")
          .append("<guid>").append(run).append('-').append(i).append("</guid>")
          .append("<pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate><description>Body ").append(i)
          .append("</description></item>");
    }
    return sb.append("</channel></rss>").toString();
  }

  @Test
  void shouldPublishEachArticleExactlyOnceAcrossARestartAndAnEditAsOneRevision() throws IOException {
    String run = UUID.randomUUID().toString();
    feed.set(rss(run, ""));
    Path feeds = dir.resolve("feeds.yaml");
    Files.writeString(feeds, "feeds:\n  - url: " + feedUrl + "\n    name: Restart Wire\n");
    IngestConfig config = IngestConfig.builder()
        .bootstrapServers(SharedKafka.bootstrapServers())
        .replicationFactor(1)
        .feedsFile(feeds)
        .transactionalId("ingest-restart-it-" + run)
        .build();

    IngestService first = new IngestService(config);
    assertThat(first.pollAllOnce()).isEqualTo(N);
    // killed: never closed, its producer is fenced by the next instance's transactional id

    try (IngestService restarted = new IngestService(config)) {
      assertThat(restarted.pollAllOnce()).as("restart republishes nothing").isZero();
      assertThat(restarted.pollAllOnce()).isZero();
      assertThat(articlesOfThisFeed()).hasSize(N);

      feed.set(rss(run, " (corrected)"));
      assertThat(restarted.pollAllOnce()).isEqualTo(1);
    } finally {
      try {
        first.close();
      } catch (RuntimeException fenced) {
        // the zombie's producer was fenced; closing it may complain
      }
    }

    // a third instance again restores the state written with the revision
    try (IngestService again = new IngestService(config)) {
      assertThat(again.pollAllOnce()).isZero();
    }

    List<Article> articles = articlesOfThisFeed();
    assertThat(articles).hasSize(N + 1);
    assertThat(articles.stream().map(Article::getId).distinct()).hasSize(N);
    List<Article> revisions = articles.stream().filter(a -> a.getRevision() > 1).toList();
    assertThat(revisions).singleElement().satisfies(a -> {
      assertThat(a.getId()).isEqualTo(run + "-0");
      assertThat(a.getRevision()).isEqualTo(2);
      assertThat(a.getTitle()).isEqualTo("Story 0 (corrected)");
      assertThat(a.getSource()).isEqualTo("Restart Wire");
    });
    FeedState state = feedState();
    assertThat(state.getItemsPublished()).isEqualTo(N + 1);
    assertThat(state.getFailures()).isZero();

    ByteArrayOutputStream out = new ByteArrayOutputStream();
    FeedsCommand.Status status = new FeedsCommand.Status(new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(new CommandLine(status).execute("--bootstrap-servers", SharedKafka.bootstrapServers(), "--json")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains(feedUrl)))
        .singleElement().asString().contains("\"itemsPublished\":" + (N + 1)).contains("\"failures\":0");
  }

  @Test
  void shouldKeepExactlyOnceWhileRunningInTheBackgroundAcrossARestart() throws Exception {
    String run = UUID.randomUUID().toString();
    feed.set(rss(run, ""));
    Path feeds = dir.resolve("feeds.yaml");
    // polled every second: each instance polls the unchanged feed several times
    Files.writeString(feeds, "feeds:\n  - url: " + feedUrl + "\n    interval: 1s\n");
    IngestConfig config = IngestConfig.builder()
        .bootstrapServers(SharedKafka.bootstrapServers())
        .replicationFactor(1)
        .feedsFile(feeds)
        .transactionalId("ingest-restart-it-bg-" + run)
        .build();

    try (IngestService first = new IngestService(config)) {
      first.start();
      awaitArticles(N);
    }
    try (IngestService second = new IngestService(config)) {
      second.start();
      Thread.sleep(3_000);
      assertThat(articlesOfThisFeed()).hasSize(N);
      feed.set(rss(run, " (corrected)"));
      awaitArticles(N + 1);
      Thread.sleep(2_000);
    }
    List<Article> articles = articlesOfThisFeed();
    assertThat(articles).hasSize(N + 1);
    assertThat(articles.stream().filter(a -> a.getRevision() == 2).map(Article::getId)).containsExactly(run + "-0");
  }

  /**
   * Regression: a restore read the feed-state topic only up to the last stable offset, so a transaction another
   * producer had left open hid the state committed after it, and the restarted service republished everything.
   */
  @Test
  void shouldNotRepublishWhenAnotherProducerLeftATransactionOpen() throws IOException {
    String run = UUID.randomUUID().toString();
    feed.set(rss(run, ""));
    Path feeds = dir.resolve("feeds.yaml");
    Files.writeString(feeds, "- " + feedUrl + "\n");
    IngestConfig config = IngestConfig.builder()
        .bootstrapServers(SharedKafka.bootstrapServers())
        .replicationFactor(1)
        .feedsFile(feeds)
        .transactionalId("ingest-restart-it-open-" + run)
        .build();
    TopicAdmin.ensureTopics(SharedKafka.bootstrapServers(), List.of(Topics.FEED_STATE), 1);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "stranger-" + run);
    p.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 20_000);
    try (KafkaProducer<byte[], byte[]> stranger = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      stranger.initTransactions();
      stranger.beginTransaction();
      for (int partition = 0; partition < Topics.FEED_STATE.partitions(); partition++) {
        // a keyed tombstone: compacted topics refuse records without a key
        stranger.send(new ProducerRecord<>(Topics.FEED_STATE.name(), partition,
            ("stranger-" + run).getBytes(StandardCharsets.UTF_8), null));
      }
      stranger.flush();
      // never committed: the broker aborts it after its 20 s timeout; meanwhile the service must not restore stale state

      try (IngestService first = new IngestService(config)) {
        assertThat(first.pollAllOnce()).isEqualTo(N);
      }
      try (IngestService restarted = new IngestService(config)) {
        assertThat(restarted.pollAllOnce()).isZero();
      }
    }
    assertThat(articlesOfThisFeed()).hasSize(N);
  }

  private void awaitArticles(int n) throws InterruptedException {
    long deadline = System.currentTimeMillis() + 60_000;
    while (articlesOfThisFeed().size() < n && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertThat(articlesOfThisFeed()).hasSize(n);
  }

  private List<Article> articlesOfThisFeed() {
    List<Article> out = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : readAll(Topics.ARTICLES.name())) {
      Article a = Topics.ARTICLES.valueSerde().deserializer().deserialize(r.topic(), r.value());
      if (feedUrl.equals(a.getFeedUrl())) {
        assertThat(r.key()).isEqualTo(a.getId());
        out.add(a);
      }
    }
    return out;
  }

  private FeedState feedState() {
    FeedState last = null;
    for (ConsumerRecord<String, byte[]> r : readAll(Topics.FEED_STATE.name())) {
      if (feedUrl.equals(r.key())) {
        last = Topics.FEED_STATE.valueSerde().deserializer().deserialize(r.topic(), r.value());
      }
    }
    return last;
  }

  private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers());
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(),
        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(topic, i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.currentTimeMillis() + 30_000;
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
