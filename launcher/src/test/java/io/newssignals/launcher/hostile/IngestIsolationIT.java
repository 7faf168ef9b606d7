package io.newssignals.launcher.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.newssignals.launcher.EmbeddedKafkaBroker;
import io.newssignals.launcher.LocalPipeline;
import io.newssignals.schema.Article;
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
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, problems 2 and 4, on the real broker: a feed with a title over the producer's 1 MB limit does not
 * wedge the poll (the other feed is published, the title is cut), a feed listed under four spellings is polled once,
 * an item carried by two feeds is published once, and the pipeline catches up (what run --once waits for).
 */
class IngestIsolationIT {

  private static String rss(String channel, String guid, String title, String body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>" + channel
        + "</title><link>https://example.test/</link><description>d</description><item><guid>" + guid
        + "</guid><title>" + title + "</title><link>https://example.test/" + guid + "</link>"
        + "<pubDate>Tue, 02 Dec 2025 10:00:00 GMT</pubDate><description>" + body
        + "</description></item></channel></rss>";
  }

  @Test
  void shouldPublishEveryItemOnceWhateverTheOtherFeedsDo(@TempDir Path dir) throws Exception {
    String story = "Microsoft and OpenAI have ended their partnership, the companies said on Tuesday.";
    Map<String, String> served = Map.of(
        "/huge.xml", rss("huge", "huge-1", "Headline " + "x".repeat(1_200_000), "A story with a very long title."),
        "/wire.xml", rss("wire", "ms-openai-1", "Microsoft and OpenAI end partnership", story),
        "/mirror.xml", rss("mirror", "ms-openai-1", "Microsoft and OpenAI end partnership", story));
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      byte[] body = served.getOrDefault(ex.getRequestURI().getPath(), "").getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/rss+xml");
      ex.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
      ex.close();
    });
    server.start();
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir.resolve("kafka")).start()) {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      Path feeds = dir.resolve("feeds.yaml");
      Files.writeString(feeds, "feeds:\n"
          + "  - url: " + base + "/huge.xml\n"
          + "  - url: " + base + "/wire.xml\n"
          + "  - url: " + base.replace("http://", "HTTP://") + "/wire.xml#top\n"
          + "  - url: " + base + "/wire.xml?utm_source=rss\n"
          + "  - url: " + base + "/mirror.xml\n");
      LocalPipeline.Options options = LocalPipeline.Options.local(dir)
          .withBootstrapServers(broker.bootstrapServers())
          .withFeedsFile(feeds)
          .withInstanceId("isolation-" + UUID.randomUUID());
      try (LocalPipeline pipeline = LocalPipeline.start(options, false)) {
        assertThat(pipeline.pollAllOnce()).as("the huge item (title cut) and the story once").isEqualTo(2);
        pipeline.awaitCaughtUp(Duration.ofSeconds(60));
        List<PartnershipAlert> alerts = pipeline.drainAlerts(Duration.ofSeconds(10));
        assertThat(alerts).filteredOn(a -> a.getPair().contains("Microsoft")).hasSize(1);
      }
      List<Article> articles = articles(broker.bootstrapServers());
      assertThat(articles).extracting(Article::getId).containsExactlyInAnyOrder("huge-1", "ms-openai-1");
      assertThat(articles).filteredOn(a -> a.getId().equals("huge-1")).singleElement()
          .satisfies(a -> assertThat(a.getTitle().length()).isLessThanOrEqualTo(4_096));
    } finally {
      server.stop(0);
    }
  }

  private static List<Article> articles(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<Article> values = new ArrayList<>();
    var decoder = Topics.ARTICLES.valueSerde().deserializer();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(Topics.ARTICLES.name()).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      var ends = consumer.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(200))) {
          values.add(decoder.deserialize(Topics.ARTICLES.name(), rec.value()));
        }
      }
    }
    return values;
  }
}
