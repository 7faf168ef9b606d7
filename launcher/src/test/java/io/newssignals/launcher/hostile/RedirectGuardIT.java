package io.newssignals.launcher.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.newssignals.ingest.IngestConfig;
import io.newssignals.ingest.IngestService;
import io.newssignals.ingest.fetch.RedirectGuard;
import io.newssignals.launcher.EmbeddedKafkaBroker;
import io.newssignals.schema.Article;
import io.newssignals.schema.IngestError;
import io.newssignals.schema.IngestErrorKind;
import io.newssignals.topics.Topic;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, problem 3 (a redirect was followed to 127.0.0.2 and its articles published), on the real broker. The
 * origin server is on 127.0.0.1, which the guard is told resolves to a public address
 * ({@link IngestConfig.Builder#redirectResolverForTests}); the HTTP client still connects to loopback. Its feed
 * redirects to a second server on 127.0.0.2, which the guard resolves as it is (loopback). Beside it, a normal feed
 * and a feed redirected within the public origin.
 */
class RedirectGuardIT {
  private static final String PUBLIC_ADDRESS = "93.184.216.34";
  /** The guard's view: the origin 127.0.0.1 is public, every other name resolves as the system resolves it. */
  private static final RedirectGuard.Resolver ORIGIN_LOOKS_PUBLIC = host -> host.equals("127.0.0.1")
      ? new InetAddress[] {InetAddress.getByName(PUBLIC_ADDRESS)}
      : InetAddress.getAllByName(host);

  @TempDir
  Path dir;
  private HttpServer origin;
  private HttpServer internal;
  private final AtomicInteger internalHits = new AtomicInteger();
  private String base;
  private String internalBase;

  private static String rss(String channel, String guid, String title) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>" + channel
        + "</title><link>https://example.test/</link><description>d</description><item><guid>" + guid
        + "</guid><title>" + title + "</title><link>https://example.test/" + guid + "</link>"
        + "<pubDate>Tue, 02 Dec 2025 10:00:00 GMT</pubDate><description>" + title + ".</description></item>"
        + "</channel></rss>";
  }

  private static HttpServer serve(String address, Map<String, String> feeds, Map<String, String> redirects,
      AtomicInteger hits) throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), 0), 0);
    server.createContext("/", ex -> {
      hits.incrementAndGet();
      String path = ex.getRequestURI().getPath();
      if (redirects.containsKey(path)) {
        ex.getResponseHeaders().set("Location", redirects.get(path));
        ex.sendResponseHeaders(302, -1);
        ex.close();
        return;
      }
      byte[] body = feeds.getOrDefault(path, "").getBytes(StandardCharsets.UTF_8);
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
    return server;
  }

  @BeforeEach
  void startServers() throws Exception {
    // the whole of 127.0.0.0/8 is loopback on Linux: a second host, as in the reproduction
    internal = serve("127.0.0.2", Map.of("/internal.xml", rss("internal", "internal-1", "Internal only")), Map.of(),
        internalHits);
    internalBase = "http://127.0.0.2:" + internal.getAddress().getPort();
    origin = serve("127.0.0.1", Map.of(
            "/wire.xml", rss("wire", "wire-1", "Microsoft and OpenAI end partnership"),
            "/relocated.xml", rss("relocated", "relocated-1", "Acme moves its feed")),
        Map.of("/hostile.xml", internalBase + "/internal.xml", "/old.xml", "/relocated.xml"),
        new AtomicInteger());
    base = "http://127.0.0.1:" + origin.getAddress().getPort();
  }

  @AfterEach
  void stopServers() {
    origin.stop(0);
    internal.stop(0);
  }

  private IngestConfig config(String bootstrap, boolean allowPrivateRedirects) throws Exception {
    Path feeds = dir.resolve("feeds.yaml");
    Files.writeString(feeds, "feeds:\n"
        + "  - url: " + base + "/hostile.xml\n"
        + "  - url: " + base + "/wire.xml\n"
        + "  - url: " + base + "/old.xml\n");
    return IngestConfig.builder()
        .bootstrapServers(bootstrap)
        .feedsFile(feeds)
        .transactionalId("redirect-guard-" + UUID.randomUUID())
        .allowPrivateRedirects(allowPrivateRedirects)
        .redirectResolverForTests(ORIGIN_LOOKS_PUBLIC)
        .build();
  }

  @Test
  void shouldRefuseARedirectFromAPublicHostToLoopbackAndPublishTheOtherFeeds() throws Exception {
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir.resolve("kafka")).start()) {
      try (IngestService ingest = new IngestService(config(broker.bootstrapServers(), false))) {
        assertThat(ingest.pollAllOnce()).as("the normal feed and the feed moved within the public host").isEqualTo(2);
      }

      assertThat(internalHits).as("no request reaches the redirect target").hasValue(0);
      assertThat(read(broker.bootstrapServers(), Topics.ARTICLES)).extracting(Article::getId)
          .containsExactlyInAnyOrder("wire-1", "relocated-1");
      List<IngestError> errors = read(broker.bootstrapServers(), Topics.INGEST_ERRORS);
      assertThat(errors).singleElement().satisfies(e -> {
        assertThat(e.getFeedUrl()).isEqualTo(base + "/hostile.xml");
        assertThat(e.getKind()).isEqualTo(IngestErrorKind.OTHER);
        assertThat(e.getHttpStatus()).isEqualTo(302);
        assertThat(e.getMessage()).startsWith("redirect refused:")
            .contains(internalBase + "/internal.xml", "loopback address 127.0.0.2",
                IngestConfig.ALLOW_PRIVATE_REDIRECTS_ENV);
      });
    }
  }

  @Test
  void shouldFollowTheSameRedirectWhenTheOperatorAllowsPrivateRedirects() throws Exception {
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir.resolve("kafka")).start()) {
      try (IngestService ingest = new IngestService(config(broker.bootstrapServers(), true))) {
        assertThat(ingest.pollAllOnce()).isEqualTo(3);
      }

      assertThat(internalHits).hasValue(1);
      assertThat(read(broker.bootstrapServers(), Topics.ARTICLES)).extracting(Article::getId)
          .containsExactlyInAnyOrder("internal-1", "wire-1", "relocated-1");
      assertThat(read(broker.bootstrapServers(), Topics.INGEST_ERRORS)).isEmpty();
    }
  }

  /** Every committed value of {@code topic}, from the beginning to the end offsets at the time of the call. */
  private static <V> List<V> read(String bootstrap, Topic<String, V> topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<V> values = new ArrayList<>();
    var decoder = topic.valueSerde().deserializer();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = consumer.partitionsFor(topic.name()).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      var ends = consumer.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> rec : consumer.poll(Duration.ofMillis(200))) {
          values.add(decoder.deserialize(topic.name(), rec.value()));
        }
      }
      assertThat(parts).as("read to the end of " + topic.name())
          .allSatisfy(tp -> assertThat(consumer.position(tp)).isGreaterThanOrEqualTo(ends.get(tp)));
    }
    return values;
  }
}
