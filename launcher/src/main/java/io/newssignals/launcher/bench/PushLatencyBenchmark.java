package io.newssignals.launcher.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpServer;
import io.newssignals.config.OpsSettings;
import io.newssignals.ingest.IngestConfig;
import io.newssignals.launcher.LocalPipeline;
import io.newssignals.ops.OpsOptions;
import io.newssignals.ops.OpsRuntime;
import io.newssignals.schema.AlertKind;
import io.newssignals.schema.Article;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.topics.AvroSerde;
import io.newssignals.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publish → alert latency through WebSub push ({@code bin/pipeline bench push}): the whole pipeline as
 * {@code bin/pipeline run} starts it (embedded broker, ingest, enrich and alerts with their defaults, the HTTP
 * server serving the WebSub callbacks, {@code INGEST_PUBLIC_URL} pointing at it), a publisher whose feed advertises
 * a hub ({@link LoopbackHub}), both on loopback, and polls an hour apart.
 *
 * <p>Once ingest has subscribed, each of the pushes publishes one new partnership story (a synthetic 2-5 KB
 * article about a company pair no earlier story named, so each gives exactly one status-change alert) to the hub,
 * which pushes it, signed, to ingest's callback. One at a time: the next story is published once the alert of the
 * previous one has arrived. Times are taken with {@link System#nanoTime()} in this JVM, from the start of the hub's
 * distribution to the first record of the story seen by a {@code read_committed} consumer on each topic:
 * {@code news.articles} (ingest's transaction committed), {@code news.articles.enriched} and
 * {@code alerts.partnership}. The feed's fetches are counted: a poll during the pushes would make the figures
 * meaningless, and is reported.
 */
public final class PushLatencyBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(PushLatencyBenchmark.class);
  private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME;
  private static final Duration PER_PUSH_TIMEOUT = Duration.ofSeconds(30);

  /**
   * @param pushes measured pushes
   * @param warmup pushes before them, not measured (class loading, JIT, first transactions)
   * @param seed of the synthetic stories
   * @param workDir where the broker and the state stores keep their data
   */
  public record Settings(int pushes, int warmup, long seed, Path workDir) {
    public Settings {
      if (pushes < 1 || warmup < 0) {
        throw new IllegalArgumentException("--pushes must be >= 1 and --warmup >= 0, got " + pushes + ", " + warmup);
      }
    }
  }

  private final Settings settings;

  public PushLatencyBenchmark(Settings settings) {
    this.settings = settings;
  }

  /** Runs the benchmark and returns its figures (see {@link #toJson}). */
  public Map<String, Object> run() throws IOException, InterruptedException {
    double loadAtStart = loadAverage();
    AtomicReference<byte[]> feed = new AtomicReference<>();
    AtomicInteger fetches = new AtomicInteger();
    HttpServer publisher = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    publisher.createContext("/feed.xml", ex -> {
      fetches.incrementAndGet();
      byte[] body = feed.get();
      ex.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    publisher.start();
    String feedUrl = "http://127.0.0.1:" + publisher.getAddress().getPort() + "/feed.xml";
    Path feeds = settings.workDir().resolve("push-feeds.yaml");
    Files.writeString(feeds, "feeds:\n  - url: " + feedUrl + "\n    name: Push Wire\n");

    // the services' defaults, not this shell's environment: figures comparable from one machine to another
    Map<String, String> env = new HashMap<>();
    env.put(OpsSettings.HTTP_PORT.env(), "0");
    env.put(OpsSettings.HTTP_HOST.env(), "127.0.0.1");
    OpsRuntime surface = null;
    LocalPipeline pipeline = null;
    try (LoopbackHub hub = new LoopbackHub(Duration.ofDays(1))) {
      feed.set(rss(hub.url(), feedUrl, List.of()).getBytes(StandardCharsets.UTF_8));
      surface = OpsRuntime.serve(new OpsOptions(), "bench push", env);
      env.put(IngestConfig.PUBLIC_URL_ENV, "http://127.0.0.1:" + surface.server().port() + "/");
      env.put(IngestConfig.POLL_INTERVAL_ENV, "1h");
      pipeline = LocalPipeline.start(LocalPipeline.Options.local(settings.workDir()).withFresh(true)
          .withFeedsFile(feeds).withEnv(env), true);
      surface.watch(pipeline.bootstrapServers());
      pipeline.expose(surface);
      pipeline.awaitRunning(Duration.ofSeconds(120));
      awaitSubscribed(hub, feedUrl);
      LOG.info("ingest subscribed at the hub; {} warm-up and {} measured pushes", settings.warmup(),
          settings.pushes());

      int total = settings.warmup() + settings.pushes();
      SyntheticArticles stories = SyntheticArticles.distinctPairs(settings.seed(), total);
      Map<String, List<Double>> latencies = new LinkedHashMap<>();
      for (String label : List.of("push_accepted", "article", "enriched", "alert")) {
        latencies.put(label, new ArrayList<>());
      }
      int missing = 0;
      int fetchesBefore = fetches.get();
      try (ArrivalRecorder arrivals = new ArrivalRecorder(pipeline.bootstrapServers(), outputs()).start()) {
        for (int i = 0; i < total; i++) {
          boolean measured = i >= settings.warmup();
          Article story = stories.next(measured ? "push-" : "push-warmup-").article();
          byte[] content = rss(hub.url(), feedUrl, List.of(story)).getBytes(StandardCharsets.UTF_8);
          feed.set(content);
          long t0 = System.nanoTime();
          List<Integer> statuses = hub.publish(feedUrl, content, "application/rss+xml; charset=utf-8");
          long accepted = System.nanoTime();
          if (!statuses.equals(List.of(202))) {
            throw new IllegalStateException("the push of " + story.getId() + " was answered " + statuses);
          }
          Long alert = awaitArrival(arrivals, "alert", story.getId());
          if (!measured) {
            continue;
          }
          if (alert == null) {
            missing++;
            LOG.warn("no alert for {} within {} s", story.getId(), PER_PUSH_TIMEOUT.toSeconds());
            continue;
          }
          latencies.get("push_accepted").add((accepted - t0) / 1e6);
          latencies.get("article").add(millisSince(t0, arrivals.arrival("article", story.getId())));
          latencies.get("enriched").add(millisSince(t0, arrivals.arrival("enriched", story.getId())));
          latencies.get("alert").add((alert - t0) / 1e6);
          LOG.debug("push {}: accepted {} ms, article {} ms, enriched {} ms, alert {} ms", story.getId(),
              (accepted - t0) / 1_000_000, last(latencies, "article"), last(latencies, "enriched"),
              (alert - t0) / 1_000_000);
        }
      }
      int polls = fetches.get() - fetchesBefore;
      return result(latencies, missing, polls, loadAtStart);
    } finally {
      if (pipeline != null) {
        pipeline.close();
      }
      if (surface != null) {
        surface.close();
      }
      publisher.stop(0);
    }
  }

  private Map<String, Object> result(Map<String, List<Double>> latencies, int missing, int polls, double loadAtStart) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("benchmark", "push");
    j.put("path", "publisher -> hub -> signed WebSub push -> ingest -> news.articles -> enrich -> alerts"
        + " -> alerts.partnership (read_committed)");
    j.put("pushes", settings.pushes());
    j.put("warmup_pushes", settings.warmup());
    j.put("seed", settings.seed());
    j.put("alerts_missing", missing);
    j.put("feed_polls_during_pushes", polls);
    Map<String, Object> lat = new LinkedHashMap<>();
    latencies.forEach((label, values) -> lat.put(label,
        BenchResult.percentiles(values.stream().mapToDouble(Double::doubleValue).sorted().toArray())));
    j.put("latency_ms", lat);
    Map<String, Object> machine = BenchResult.machine();
    machine.put("load_average_1m_at_start", loadAtStart);
    machine.put("load_average_1m_at_end", loadAverage());
    j.put("machine", machine);
    return j;
  }

  /** The figures as pretty-printed JSON. */
  public static String toJson(Map<String, Object> result) {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The figures as a short table. */
  @SuppressWarnings("unchecked")
  public static String toTable(Map<String, Object> result) {
    StringBuilder t = new StringBuilder();
    t.append(String.format(Locale.ROOT, "publish -> ... through WebSub push, %s pushes one at a time (ms)%n",
        result.get("pushes")));
    t.append(String.format(Locale.ROOT, "%-36s %8s %8s %8s %8s%n", "from the hub's push to", "p50", "p95", "p99",
        "max"));
    Map<String, Object> lat = (Map<String, Object>) result.get("latency_ms");
    lat.forEach((label, value) -> {
      Map<String, Object> p = (Map<String, Object>) value;
      t.append(String.format(Locale.ROOT, "%-36s %8s %8s %8s %8s%n", label, p.get("p50"), p.get("p95"), p.get("p99"),
          p.get("max")));
    });
    t.append("alerts missing: ").append(result.get("alerts_missing")).append(", feed polls during the pushes: ")
        .append(result.get("feed_polls_during_pushes")).append('\n');
    Map<String, Object> m = (Map<String, Object>) result.get("machine");
    t.append("machine: ").append(m.get("cores")).append(" cores, load average ")
        .append(m.get("load_average_1m_at_start")).append(" at start, ").append(m.get("load_average_1m_at_end"))
        .append(" at end\n");
    return t.toString();
  }

  private static long last(Map<String, List<Double>> latencies, String label) {
    List<Double> values = latencies.get(label);
    return Math.round(values.get(values.size() - 1));
  }

  private static double millisSince(long t0, Long arrival) {
    return arrival == null ? Double.NaN : (arrival - t0) / 1e6;
  }

  private static Long awaitArrival(ArrivalRecorder arrivals, String label, String id) throws InterruptedException {
    long deadline = System.nanoTime() + PER_PUSH_TIMEOUT.toNanos();
    Long at;
    while ((at = arrivals.arrival(label, id)) == null && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    return at;
  }

  private static void awaitSubscribed(LoopbackHub hub, String topic) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (hub.subscribers(topic) == 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("ingest did not subscribe to " + topic + " at the hub within 120 s");
      }
      Thread.sleep(20);
    }
  }

  /** The records a story leads to: by article id on the articles topics, by the evidence's article for alerts. */
  private static List<ArrivalRecorder.Source> outputs() {
    AvroSerde<PartnershipAlert> alerts = AvroSerde.of(PartnershipAlert.class);
    return List.of(
        new ArrivalRecorder.Source("article", Topics.ARTICLES.name(), PushLatencyBenchmark::key),
        new ArrivalRecorder.Source("enriched", Topics.ENRICHED.name(), PushLatencyBenchmark::key),
        new ArrivalRecorder.Source("alert", Topics.ALERTS.name(), r -> {
          PartnershipAlert alert = alerts.decode(r.value());
          return alert.getKind() == AlertKind.STATUS_CHANGED ? alert.getEvidence().getArticleId() : null;
        }));
  }

  private static String key(ConsumerRecord<byte[], byte[]> r) {
    return r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
  }

  /** The feed document: the channel with its hub and self links, and the stories given (published now). */
  static String rss(String hub, String self, List<Article> stories) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\""
        + " xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>Push Wire</title>"
        + "<link>https://push.example/</link><description>stories pushed by a WebSub hub</description>"
        + "<atom:link rel=\"hub\" href=\"" + xml(hub) + "\"/><atom:link rel=\"self\" href=\"" + xml(self) + "\"/>");
    String now = RFC_822.format(ZonedDateTime.now(ZoneOffset.UTC));
    for (Article a : stories) {
      sb.append("<item><title>").append(xml(a.getTitle())).append("</title><link>").append(xml(a.getUrl()))
          .append("</link><guid>").append(xml(a.getId())).append("</guid><pubDate>").append(now)
          .append("</pubDate><description>").append(xml(a.getBody())).append("</description></item>");
    }
    return sb.append("</channel></rss>").toString();
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static double loadAverage() {
    return Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0;
  }
}
