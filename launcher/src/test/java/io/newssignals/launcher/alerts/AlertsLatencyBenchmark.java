package io.newssignals.launcher.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.newssignals.alerts.AlertsConfig;
import io.newssignals.alerts.AlertsService;
import io.newssignals.enrich.EnrichConfig;
import io.newssignals.enrich.EnrichService;
import io.newssignals.launcher.SharedKafka;
import io.newssignals.launcher.bench.SyntheticArticles;
import io.newssignals.schema.Article;
import io.newssignals.schema.DealEvent;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.schema.PartnershipStatus;
import io.newssignals.topics.TopicAdmin;
import io.newssignals.topics.Topics;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * End-to-end alert latency on the embedded broker. Mode {@code articles} (default): from an article being produced
 * to {@code news.articles} (enrich service + alerts service running) to (a) its alert being readable
 * (read_committed) on {@code alerts.partnership} and (b) the webhook request arriving at a local receiver. Mode
 * {@code deals}: the same from a deal event produced to {@code signals.deals} (alerts stage alone). Every input is
 * about a new pair, so each raises exactly one alert.
 *
 * <pre>
 * java -cp launcher/target/test-classes:launcher/target/classes:$(test classpath) \
 *     io.newssignals.launcher.alerts.AlertsLatencyBenchmark 1000 100 articles
 * </pre>
 * Arguments: number of alerts (default 1000), inputs per second (default 100), mode (default articles), optional
 * bootstrap servers (default: an embedded broker). {@code -DreorderQuiet=150ms} measures with the reorder buffer (default: off).
 */
public final class AlertsLatencyBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  private AlertsLatencyBenchmark() {}

  public static void main(String[] args) throws Exception {
    int status = 0;
    try {
      run(args);
    } catch (Exception e) {
      e.printStackTrace(System.err); // a benchmark main: nothing else reports it
      status = 1;
    }
    System.exit(status); // the shared broker's shutdown hook stops it
  }

  private static void run(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 100;
    boolean fromArticles = args.length <= 2 || !"deals".equals(args[2]);
    String bootstrap = args.length > 3 ? args[3] : SharedKafka.bootstrapServers();
    TopicAdmin.ensureTopics(bootstrap, Topics.all(), 1);
    String run = UUID.randomUUID().toString().substring(0, 8);
    String hub = "Bench" + run;

    Map<String, Long> webhookArrivals = new ConcurrentHashMap<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    receiver.setExecutor(Executors.newFixedThreadPool(4));
    receiver.createContext("/", ex -> {
      long now = System.nanoTime();
      byte[] body;
      try (InputStream in = ex.getRequestBody()) {
        body = in.readAllBytes();
      }
      webhookArrivals.putIfAbsent(JSON.readTree(body).at("/data/evidence/articleId").asText(), now);
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    receiver.start();
    Path dir = Files.createTempDirectory("alerts-bench-");
    Path hooks = dir.resolve("webhooks.yaml");
    Files.writeString(hooks, "- id: bench-" + run + "\n  url: http://127.0.0.1:" + receiver.getAddress().getPort()
        + "/hook\n  secret: whsec_"
        + java.util.Base64.getEncoder().encodeToString("bench-secret-bench-secret-32byte".getBytes()) + "\n");

    AlertsConfig cfg = AlertsConfig.builder().bootstrapServers(bootstrap).applicationId("alerts-bench-" + run)
        .replicationFactor(1).stateDir(dir.resolve("state")).webhooksFile(hooks)
        .reorderQuiet(AlertsConfig.parseDuration(System.getProperty("reorderQuiet",
            AlertsConfig.REORDER_QUIET_DEFAULT), "-DreorderQuiet"))
        .build();
    Map<String, Long> sent = new ConcurrentHashMap<>();
    Map<String, Long> alertArrivals = new ConcurrentHashMap<>();
    EnrichService enrich = fromArticles ? new EnrichService(EnrichConfig.builder().bootstrapServers(bootstrap)
        .applicationId("enrich-bench-" + run).stateDir(dir.resolve("enrich-state")).replicationFactor(1).build()) : null;
    SyntheticArticles articles = SyntheticArticles.distinctPairs(SyntheticArticles.DEFAULT_SEED + run.hashCode(),
        n + 50);
    try (AlertsService service = new AlertsService(cfg);
        KafkaProducer<String, DealEvent> producer = producer(bootstrap);
        KafkaProducer<String, Article> articleProducer = articleProducer(bootstrap);
        KafkaConsumer<String, PartnershipAlert> alerts = alertConsumer(bootstrap)) {
      if (enrich != null) {
        enrich.start();
      }
      service.start();
      Thread reader = new Thread(() -> {
        while (!Thread.currentThread().isInterrupted()) {
          for (ConsumerRecord<String, PartnershipAlert> r : alerts.poll(Duration.ofMillis(50))) {
            if (r.value().getEvidence().getArticleId().startsWith(run)) {
              alertArrivals.putIfAbsent(r.value().getEvidence().getArticleId(), System.nanoTime());
            }
          }
        }
      }, "alert-reader");
      reader.setDaemon(true);
      // warm up: the first alerts pay for the group joins
      String warm = run + "-warm-";
      String measured = run + "-m-";
      if (fromArticles) {
        sendArticles(articleProducer, sent, articles, warm, 20, 20);
      } else {
        send(producer, sent, hub, warm, 20, 20);
      }
      await(() -> webhookArrivals.keySet().stream().filter(k -> k.startsWith(warm)).count() >= 20,
          () -> "warm-up webhooks " + webhookArrivals.size());
      reader.start();
      long t0 = System.nanoTime();
      if (fromArticles) {
        sendArticles(articleProducer, sent, articles, measured, n, rate);
      } else {
        send(producer, sent, hub, measured, n, rate);
      }
      // until every input has its alert and webhook, or nothing new arrived for 20 s (an input enrichment did not
      // read as a partnership change is reported as missing rather than failing the run)
      long last = -1;
      long lastChange = System.nanoTime();
      while (true) {
        long a = alertArrivals.keySet().stream().filter(k -> k.startsWith(measured)).count();
        long w = webhookArrivals.keySet().stream().filter(k -> k.startsWith(measured)).count();
        if (a >= n && w >= n) {
          break;
        }
        if (a + w != last) {
          last = a + w;
          lastChange = System.nanoTime();
        } else if (System.nanoTime() - lastChange > Duration.ofSeconds(20).toNanos()) {
          System.out.printf(Locale.ROOT, "missing after 20 s without progress: %d alerts, %d webhooks of %d%n",
              n - a, n - w, n);
          break;
        }
        Thread.sleep(20);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      reader.interrupt();
      reader.join();
      String from = fromArticles ? "news.articles" : "signals.deals";
      System.out.printf(Locale.ROOT, "alert latency, %d alerts at %d inputs/s (%.1f s), embedded broker, reorder "
          + "quiet %d ms%n", n, rate, seconds, cfg.reorderQuiet().toMillis());
      print(from + " -> alerts.partnership (read_committed)", sent, alertArrivals, measured);
      print(from + " -> webhook request received", sent, webhookArrivals, measured);
    } finally {
      receiver.stop(0);
      if (enrich != null) {
        enrich.close();
      }
    }
  }

  private static void send(KafkaProducer<String, DealEvent> producer, Map<String, Long> sent, String hub, String prefix,
      int count, int rate) throws InterruptedException {
    long interval = 1_000_000_000L / rate;
    long next = System.nanoTime();
    for (int i = 0; i < count; i++) {
      while (System.nanoTime() < next) {
        Thread.onSpinWait();
      }
      String id = prefix + i;
      DealEvent e = AlertsIT.partnership(id, Instant.now(), PartnershipStatus.FORMED, hub,
          "Partner" + prefix + i);
      sent.put(id, System.nanoTime());
      producer.send(new ProducerRecord<>(Topics.DEALS.name(), String.join("|", e.getParties()), e));
      next += interval;
    }
    producer.flush();
  }

  private static void sendArticles(KafkaProducer<String, Article> producer, Map<String, Long> sent,
      SyntheticArticles articles, String prefix, int count, int rate) {
    long interval = 1_000_000_000L / rate;
    long next = System.nanoTime();
    for (int i = 0; i < count; i++) {
      while (System.nanoTime() < next) {
        Thread.onSpinWait();
      }
      // live news: published now (old publication times would count as backlog and wait the backlog quiet period)
      Article a = articles.next(prefix).article();
      if (!Boolean.getBoolean("syntheticDates")) {
        a = Article.newBuilder(a).setPublished(Instant.now()).setFetched(Instant.now()).build();
      }
      sent.put(a.getId(), System.nanoTime());
      producer.send(new ProducerRecord<>(Topics.ARTICLES.name(), a.getId(), a));
      next += interval;
    }
    producer.flush();
  }

  private static KafkaProducer<String, Article> articleProducer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaProducer<>(p, Topics.ARTICLES.keySerde().serializer(), Topics.ARTICLES.valueSerde().serializer());
  }

  private static void print(String what, Map<String, Long> sent, Map<String, Long> arrived, String prefix) {
    long[] ms = arrived.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && sent.containsKey(e.getKey()))
        .mapToLong(e -> (e.getValue() - sent.get(e.getKey())) / 1_000).sorted().toArray();
    System.out.printf(Locale.ROOT, "  %-55s n=%d  p50=%.1f ms  p90=%.1f ms  p99=%.1f ms  max=%.1f ms%n", what,
        ms.length, pct(ms, 50), pct(ms, 90), pct(ms, 99), ms[ms.length - 1] / 1000.0);
  }

  private static double pct(long[] sortedMicros, double p) {
    int i = (int) Math.ceil(p / 100.0 * sortedMicros.length) - 1;
    return sortedMicros[Math.max(0, Math.min(i, sortedMicros.length - 1))] / 1000.0;
  }

  private static void await(java.util.function.BooleanSupplier done, java.util.function.Supplier<String> state)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("benchmark did not complete within 3 minutes: " + state.get());
      }
      Thread.sleep(20);
    }
  }

  private static KafkaProducer<String, DealEvent> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    return new KafkaProducer<>(p, Topics.DEALS.keySerde().serializer(), Topics.DEALS.valueSerde().serializer());
  }

  private static KafkaConsumer<String, PartnershipAlert> alertConsumer(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    KafkaConsumer<String, PartnershipAlert> c = new KafkaConsumer<>(p, Topics.ALERTS.keySerde().deserializer(),
        Topics.ALERTS.valueSerde().deserializer());
    List<TopicPartition> parts = c.partitionsFor(Topics.ALERTS.name(), Duration.ofSeconds(30)).stream()
        .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
    c.assign(parts);
    c.seekToEnd(parts);
    parts.forEach(c::position);
    return c;
  }

}
