package io.newssignals.launcher.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.newssignals.launcher.EmbeddedKafkaBroker;
import io.newssignals.launcher.LocalPipeline;
import io.newssignals.schema.EnrichedArticle;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.topics.Topics;
import java.io.OutputStream;
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
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, problem 1, on the real broker: a feed whose items are the enrichment's worst cases (200 KB of digits,
 * a 40 KB run of percent figures, thousands of names without punctuation) polled beside a normal feed. Every
 * hostile item is enriched (flagged, not dropped) and the normal feed's partnership alert arrives on time.
 */
class HostileFeedIT {

  private static String rss(String title, Map<String, String> items) {
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
        + "<title>" + title + "</title><link>https://example.test/</link><description>d</description>");
    int i = 0;
    for (var e : items.entrySet()) {
      b.append("<item><guid>").append(title).append('-').append(i++).append("</guid><title>").append(e.getKey())
          .append("</title><link>https://example.test/").append(title).append('/').append(i).append("</link>")
          .append("<pubDate>Tue, 02 Dec 2025 10:0").append(i).append(":00 GMT</pubDate><description>")
          .append(e.getValue()).append("</description></item>");
    }
    return b.append("</channel></rss>").toString();
  }

  @Test
  void shouldEnrichEveryHostileItemAndStillAlertOnTheNormalFeedInTime(@TempDir Path dir) throws Exception {
    Random r = new Random(12);
    StringBuilder digits = new StringBuilder();
    while (digits.length() < 190_000) {
      digits.append(r.nextInt(10));
    }
    StringBuilder percents = new StringBuilder();
    while (percents.length() < 40_000) {
      percents.append("rose ").append(r.nextInt(99)).append(" pct ");
    }
    StringBuilder names = new StringBuilder();
    for (int i = 0; names.length() < 60_000; i++) {
      names.append("Acme").append(i).append(" Corp partnership ");
    }
    String hostile = rss("hostile", Map.of("Digits", digits.toString(), "Percents", percents.toString(),
        "Names", names.toString()));
    String normal = rss("normal", Map.of("Microsoft and OpenAI end their partnership",
        "Microsoft and OpenAI have ended their partnership, the companies said on Tuesday."));

    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      byte[] body = (ex.getRequestURI().getPath().contains("hostile") ? hostile : normal)
          .getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
      ex.close();
    });
    server.start();
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir.resolve("kafka")).start()) {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      Path feeds = dir.resolve("feeds.yaml");
      Files.writeString(feeds, "feeds:\n  - url: " + base + "/hostile.xml\n    interval: 1m\n"
          + "  - url: " + base + "/normal.xml\n    interval: 1m\n");
      LocalPipeline.Options options = LocalPipeline.Options.local(dir)
          .withBootstrapServers(broker.bootstrapServers())
          .withFeedsFile(feeds)
          .withInstanceId("hostile-" + UUID.randomUUID());
      try (LocalPipeline pipeline = LocalPipeline.start(options, false)) {
        long start = System.nanoTime();
        int published = pipeline.pollAllOnce();
        assertThat(published).isEqualTo(4);
        pipeline.awaitCaughtUp(Duration.ofSeconds(60));
        List<PartnershipAlert> alerts = pipeline.drainAlerts(Duration.ofSeconds(20));
        long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
        assertThat(alerts).anySatisfy(a -> assertThat(a.getPair()).containsExactlyInAnyOrder("Microsoft", "OpenAI"));
        // far below the transaction time-out (60 s) that one 40 KB item used to exceed on its own
        assertThat(seconds).as("seconds from poll to alert").isLessThan(40);
        List<EnrichedArticle> enriched = enriched(broker.bootstrapServers());
        assertThat(enriched).hasSize(4);
        assertThat(enriched).filteredOn(e -> e.getArticle().getTitle().equals("Digits"))
            .singleElement().satisfies(e -> assertThat(e.getDegraded()).contains("truncated"));
      }
    } finally {
      server.stop(0);
    }
  }

  private static List<EnrichedArticle> enriched(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<EnrichedArticle> values = new ArrayList<>();
    var decoder = Topics.ENRICHED.valueSerde().deserializer();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(Topics.ENRICHED.name()).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      var ends = consumer.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(200))) {
          values.add(decoder.deserialize(Topics.ENRICHED.name(), rec.value()));
        }
      }
    }
    return values;
  }
}
