package io.newssignals.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.newssignals.schema.Article;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.topics.Topic;
import io.newssignals.topics.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The walking skeleton: the bundled sample feeds, served over HTTP, go through ingest, enrich and alerts on a real
 * broker, the way {@code bin/pipeline run --once} runs them; and {@code pipeline run} itself, as a process.
 */
class PipelineEndToEndIT {
  private static final List<String> SAMPLES =
      List.of("wire-desk.rss.xml", "tech-currents.atom.xml", "techledger.atom.xml", "ai-trends-korea.rss.xml");
  private static HttpServer feedServer;
  private String bootstrap;

  @BeforeAll
  static void serveSampleFeeds() throws IOException {
    feedServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    feedServer.createContext("/feeds/", exchange -> {
      String name = exchange.getRequestURI().getPath().substring("/feeds/".length());
      byte[] body;
      try (InputStream in = PipelineEndToEndIT.class.getClassLoader().getResourceAsStream("samples/" + name)) {
        body = in == null || !SAMPLES.contains(name) ? null : in.readAllBytes();
      }
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        exchange.getResponseHeaders().set("Content-Type", name.contains("atom") ? "application/atom+xml" : "application/rss+xml");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      exchange.close();
    });
    feedServer.start();
  }

  @AfterAll
  static void stopFeedServer() {
    feedServer.stop(0);
  }

  @Test
  void shouldTurnFeedsServedOverHttpIntoArticlesEnrichedArticlesAndAPartnershipAlert(@TempDir Path dir)
      throws IOException {
    Path feeds = dir.resolve("feeds.yaml");
    String base = "http://127.0.0.1:" + feedServer.getAddress().getPort() + "/feeds/";
    Files.writeString(feeds, "feeds:\n" + SAMPLES.stream()
        .map(s -> "  - url: " + base + s + "\n    interval: 1m\n").collect(Collectors.joining()));
    // a broker of its own, not SharedKafka: other ITs leave thousands of records (and poison) on the pipeline's
    // topics, which this test's fresh consumer groups would otherwise have to work through first
    List<PartnershipAlert> alerts;
    int published;
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir.resolve("kafka")).start()) {
      bootstrap = broker.bootstrapServers();
      LocalPipeline.Options options = LocalPipeline.Options.local(dir)
          .withBootstrapServers(bootstrap)
          .withFeedsFile(feeds)
          .withInstanceId("e2e-" + UUID.randomUUID());
      try (LocalPipeline pipeline = LocalPipeline.start(options, false)) {
        published = pipeline.pollAllOnce();
        pipeline.awaitCaughtUp(Duration.ofSeconds(120));
        alerts = pipeline.drainAlerts(Duration.ofSeconds(30));
        checkTopics(base, published, alerts);
      }
    }
  }

  private void checkTopics(String base, int published, List<PartnershipAlert> alerts) {
    assertThat(published).as("articles published from the sample feeds").isGreaterThanOrEqualTo(SAMPLES.size());
    // exactly the records fetched from this test's feed server
    List<Article> articles = readCommitted(Topics.ARTICLES).stream()
        .filter(a -> a.getFeedUrl().startsWith(base))
        .toList();
    assertThat(articles).as("records on news.articles").hasSize(published);
    Set<String> ids = articles.stream().map(Article::getId).collect(Collectors.toSet());
    assertThat(readCommitted(Topics.ENRICHED).stream()
        .filter(e -> e.getArticle().getFeedUrl().startsWith(base))
        .map(e -> e.getArticle().getId())
        .collect(Collectors.toSet()))
        .isEqualTo(ids);
    assertThat(alerts).as("alerts raised by this run")
        .anySatisfy(a -> assertThat(a.getPair()).containsExactlyInAnyOrder("Microsoft", "OpenAI"));
    assertThat(readCommitted(Topics.ALERTS)).extracting(PartnershipAlert::getId)
        .containsAll(alerts.stream().map(PartnershipAlert::getId).toList());
  }

  @Test
  void shouldPrintTheAlertsWhenRunOnceAsACommandAndNothingNewWhenRunAgainOnTheSameDataDirectory(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("data");

    List<String> first = runOnce(data, dir.resolve("first"));
    List<String> second = runOnce(data, dir.resolve("second"));

    assertThat(first).as("stdout holds alert lines only").allMatch(l -> l.matches("^\\d{4}-\\d{2}-\\d{2}T.*"));
    assertThat(first).anyMatch(l -> l.contains("Microsoft") && l.contains("OpenAI"));
    assertThat(second).as("the feeds' state survived in the data directory: nothing is published twice").isEmpty();
  }

  @Test
  void shouldKeepPrintingAlertsUntilStoppedAndThenShutDownCleanly(@TempDir Path dir) throws Exception {
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    Process process = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"),
        Pipeline.class.getName(), "run", "--http-port", "0", "--data-dir", dir.resolve("data").toString())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
    try {
      long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
      while (Files.readAllLines(stdout).stream().noneMatch(l -> l.contains("Microsoft") && l.contains("OpenAI"))
          && process.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(200);
      }
      assertThat(process.isAlive()).as("still running after its first alerts; stderr:%n%s", Files.readString(stderr))
          .isTrue();

      process.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook closes everything

      assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s").isTrue();
    } finally {
      process.destroyForcibly();
    }
    String log = Files.readString(stderr);
    assertThat(log).contains("shutting down", "enrich stopped", "alerts service stopped",
        "embedded Kafka broker stopped");
    assertThat(log.indexOf("embedded Kafka broker stopped")).as("the broker stops last")
        .isGreaterThan(log.indexOf("alerts service stopped"));
  }

  /** {@code pipeline run --once --data-dir data} in a new JVM; returns its standard output lines. */
  private static List<String> runOnce(Path data, Path logs) throws Exception {
    Files.createDirectories(logs);
    Path stdout = logs.resolve("stdout.txt");
    Path stderr = logs.resolve("stderr.txt");
    Process process = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path"),
        Pipeline.class.getName(), "run", "--once", "--data-dir", data.toString())
        .redirectOutput(stdout.toFile())
        .redirectError(stderr.toFile())
        .start();
    boolean exited = process.waitFor(3, TimeUnit.MINUTES);
    if (!exited) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    assertThat(exited).as("run --once finished within 3 minutes; stderr:%n%s", Files.readString(stderr)).isTrue();
    assertThat(process.exitValue()).as("exit status; stderr:%n%s", Files.readString(stderr)).isZero();
    return Files.readAllLines(stdout, StandardCharsets.UTF_8);
  }

  private <V> List<V> readCommitted(Topic<String, V> topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<V> values = new ArrayList<>();
    var decoder = topic.valueSerde().deserializer();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          try {
            values.add(decoder.deserialize(topic.name(), r.value()));
          } catch (RuntimeException e) {
            // another test's poison record: not ours to check here
          }
        }
      }
    }
    return values;
  }
}
