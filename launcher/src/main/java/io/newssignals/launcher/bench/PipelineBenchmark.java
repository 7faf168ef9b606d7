package io.newssignals.launcher.bench;

import io.newssignals.enrich.EnrichmentPipeline;
import io.newssignals.enrich.MinHashNoveltyIndex;
import io.newssignals.launcher.EmbeddedKafkaBroker;
import io.newssignals.schema.AlertKind;
import io.newssignals.schema.Article;
import io.newssignals.schema.DealEvent;
import io.newssignals.schema.EventType;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.topics.AvroSerde;
import io.newssignals.topics.Topic;
import io.newssignals.topics.TopicAdmin;
import io.newssignals.topics.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end-to-end benchmark behind {@code bin/pipeline bench}: the real enrich and alerts services on the embedded
 * KRaft broker, against a plain Kafka pass-through of the same records measured in the same run.
 *
 * <p>Phases, each on records published before it starts unless said otherwise:
 * <ol>
 *   <li>warm-up (JIT), nothing measured: the enrichment code path runs in-process over at least
 *       {@value #WARM_UP_ARTICLES} articles, until the compiler goes quiet; then the whole pipeline drains
 *       {@value #WARM_UP_PIPELINE_ARTICLES} articles on a broker of its own, closed before the next phase;</li>
 *   <li>broker A, {@code news.articles} pre-loaded with N synthetic articles ({@link SyntheticArticles});</li>
 *   <li>baseline, exactly-once: consumer → producer copy of {@code news.articles} to a 6-partition topic with
 *       transactions, Article decoded and encoded again ({@link PassThroughBaseline}); then the same at-least-once;</li>
 *   <li>pipeline, 1 instance each of enrich and alerts ({@code exactly_once_v2}): an article is done when its
 *       enriched record and its partnership alert have both reached a {@code read_committed} consumer;</li>
 *   <li>latency: the same services keep running while fresh articles (published now, as live news is) are
 *       published at 50% of the rate measured in phase 4; publish → enriched record and publish → alert at a
 *       {@code read_committed} consumer;</li>
 *   <li>broker B, the same N articles, 2 instances each of enrich and alerts (6 partitions): scaling.</li>
 * </ol>
 *
 * <p>Rate: records drained from a pre-loaded backlog per second, from the moment the processor starts working
 * (the pass-through's first non-empty poll; both Streams applications RUNNING) to the arrival of the last output
 * at a {@code read_committed} consumer, so start-up (group join, transaction initialisation) does not count but
 * the final commit does. The pass-through is fast, so it copies the articles several times over (at least
 * {@value #BASELINE_MIN_RECORDS} records) to last long enough to measure.
 */
public final class PipelineBenchmark {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineBenchmark.class);
  private static final int PARTITIONS = Topics.ARTICLES.partitions();
  private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(5);
  /** The baseline copies at least this many records (several passes over the articles). */
  private static final int BASELINE_MIN_RECORDS = 30_000;
  /** Articles the enrichment code runs over before anything is measured (JIT). */
  static final int WARM_UP_ARTICLES = 1_500;
  /** The warm-up stops by this many articles even if the compiler is still busy. */
  static final int WARM_UP_MAX_ARTICLES = 10_000;
  /** The warm-up's articles are run in batches of this many, and ... */
  static final int WARM_UP_BATCH = 250;
  /** ... it ends after a batch during which the compiler's time was under this share of the batch's wall time. */
  static final double WARM_UP_JIT_SHARE = 0.1;
  private int warmUpArticles;
  /** Articles of the pipeline warm-up pass (its own broker, nothing measured). */
  static final int WARM_UP_PIPELINE_ARTICLES = 600;
  private static final Topic<String, Article> PASS_THROUGH_EOS = new Topic<>("bench.passthrough.eos",
      Topics.ARTICLES.keySerde(), Topics.ARTICLES.valueSerde(), PARTITIONS, Map.of(), "benchmark baseline copy");
  private static final Topic<String, Article> PASS_THROUGH_ALO = new Topic<>("bench.passthrough.alo",
      Topics.ARTICLES.keySerde(), Topics.ARTICLES.valueSerde(), PARTITIONS, Map.of(), "benchmark baseline copy");

  /**
   * What to run.
   *
   * @param articles articles per throughput phase
   * @param latencySeconds how long articles are published at half load in the latency phase
   * @param seed seed of the synthetic articles
   * @param scaling whether to run the 2-instance phase
   * @param workDir where the brokers and the state stores keep their data (deleted afterwards)
   * @param commitIntervalMs Streams commit interval of enrich and alerts (their default: 50 ms)
   * @param reorderQuiet alerts' reorder buffer for live news ({@code ALERTS_REORDER_QUIET})
   * @param reorderBacklogQuiet alerts' reorder buffer for backlog news ({@code ALERTS_REORDER_BACKLOG_QUIET})
   */
  public record Settings(int articles, int latencySeconds, long seed, boolean scaling, Path workDir,
      int commitIntervalMs, Duration reorderQuiet, Duration reorderBacklogQuiet) {
    public Settings {
      if (commitIntervalMs < 1) {
        throw new IllegalArgumentException("--commit-interval-ms must be >= 1, got " + commitIntervalMs);
      }
      if (articles < 100) {
        throw new IllegalArgumentException("--articles must be >= 100, got " + articles);
      }
      if (latencySeconds < 1) {
        throw new IllegalArgumentException("latency phase must last >= 1 s, got " + latencySeconds);
      }
    }
  }

  private final Settings settings;

  public PipelineBenchmark(Settings settings) {
    this.settings = settings;
  }

  /** Runs every phase and returns the figures. */
  public BenchResult run() throws IOException {
    Instant startedAt = Instant.now();
    long t0 = System.nanoTime();
    Files.createDirectories(settings.workDir());
    BenchResult.Builder result = BenchResult.builder(settings, startedAt);

    LOG.info("bench: generating {} synthetic articles (seed {})", settings.articles(), settings.seed());
    SyntheticArticles generator = SyntheticArticles.forArticles(settings.seed(), settings.articles());
    List<SyntheticArticles.Generated> stream = generator.next("bench-", settings.articles());
    List<Article> articles = stream.stream().map(SyntheticArticles.Generated::article).toList();
    result.corpus(articles);
    result.extractionOnly(warmUpAndMeasureExtraction(articles));
    warmUpPipeline();

    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(settings.workDir().resolve("kafka-a")).start()) {
      String bootstrap = broker.bootstrapServers();
      createTopics(bootstrap);
      publish(bootstrap, articles);

      LOG.info("bench: baseline pass-through, exactly-once");
      result.baselineExactlyOnce(passThrough(bootstrap, PASS_THROUGH_EOS, true, articles));
      LOG.info("bench: baseline pass-through, at-least-once");
      result.baselineAtLeastOnce(passThrough(bootstrap, PASS_THROUGH_ALO, false, articles));

      LOG.info("bench: pipeline, 1 instance of enrich and alerts");
      Path state = settings.workDir().resolve("state-1");
      try (PipelineInstances services =
          new PipelineInstances(bootstrap, 1, state, "bench-1", settings.commitIntervalMs(),
              settings.reorderQuiet(), settings.reorderBacklogQuiet())) {
        BenchResult.Throughput one = pipelineThroughput(bootstrap, services, articles);
        result.pipelineOneInstance(one);
        double rate = 0.5 * one.perSecond();
        LOG.info("bench: latency at half load ({} articles/s for {} s)", String.format("%.0f", rate),
            settings.latencySeconds());
        // the same generator: the pairs' histories continue where phase 4 left them, so every article is a change
        result.latency(latency(bootstrap, generator, rate));
      }
    }

    if (settings.scaling()) {
      LOG.info("bench: pipeline, 2 instances of enrich and alerts");
      try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(settings.workDir().resolve("kafka-b")).start()) {
        String bootstrap = broker.bootstrapServers();
        createTopics(bootstrap);
        publish(bootstrap, articles);
        try (PipelineInstances services =
            new PipelineInstances(bootstrap, 2, settings.workDir().resolve("state-2"), "bench-2",
                settings.commitIntervalMs(), settings.reorderQuiet(), settings.reorderBacklogQuiet())) {
          result.pipelineTwoInstances(pipelineThroughput(bootstrap, services, articles));
        }
      }
    }
    deleteRecursively(settings.workDir());
    return result.build((System.nanoTime() - t0) / 1e9);
  }

  /**
   * Creates the pipeline's topics and the baseline's copies, and waits until every partition has a leader the
   * broker knows of: an idempotent producer that writes to a partition still being created can get stuck retrying
   * an out-of-order sequence.
   */
  static void createTopics(String bootstrap) {
    List<Topic<?, ?>> topics = new ArrayList<>(Topics.all());
    topics.add(PASS_THROUGH_EOS);
    topics.add(PASS_THROUGH_ALO);
    TopicAdmin.ensureTopics(bootstrap, topics, 1);
    List<String> names = topics.stream().map(Topic::name).toList();
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (Admin admin = Admin.create(p)) {
      while (true) {
        Map<String, TopicDescription> d = admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS);
        boolean ready = d.values().stream().flatMap(t -> t.partitions().stream())
            .allMatch(i -> i.leader() != null && !i.leader().isEmpty());
        if (ready) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("topics have no leader after 60 s: " + names);
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe topics on " + bootstrap + ": " + e, e);
    }
  }

  /**
   * JIT warm-up of everything else the pipeline phase runs in this JVM: the broker, Kafka Streams, transactions, the
   * state stores, the services' processors. Without it the compiler threads took about one core of the two during
   * the pipeline phase, compiling mostly Kafka's own code (JFR, {@code jdk.Compilation}: 16.6 s of compilation in a
   * 16 s phase), which a long-running deployment pays once. The pass runs on a broker of its own, which is closed
   * before the measured phases start, so nothing of it is counted or left behind.
   */
  private void warmUpPipeline() throws IOException {
    long t = System.nanoTime();
    List<Article> warm = SyntheticArticles.forArticles(settings.seed() + 2, WARM_UP_PIPELINE_ARTICLES)
        .next("warm-pipeline-", WARM_UP_PIPELINE_ARTICLES).stream().map(SyntheticArticles.Generated::article).toList();
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(settings.workDir().resolve("kafka-warm-up")).start()) {
      String bootstrap = broker.bootstrapServers();
      createTopics(bootstrap);
      publish(bootstrap, warm);
      try (PipelineInstances services = new PipelineInstances(bootstrap, 1, settings.workDir().resolve("state-w"),
          "bench-w", settings.commitIntervalMs(), settings.reorderQuiet(), settings.reorderBacklogQuiet())) {
        BenchResult.Throughput r = pipelineThroughput(bootstrap, services, warm);
        LOG.info("bench: pipeline warm-up over {} articles done in {} ms ({} articles/s, not counted)", warm.size(),
            (System.nanoTime() - t) / 1_000_000, String.format("%.0f", r.perSecond()));
      }
    }
  }

  /**
   * JIT warm-up of the enrichment code path, so that the first measured phase is not the one paying for it; then
   * the CPU time of the extraction alone (no Kafka) over up to 500 of the measured articles, in this thread.
   */
  private double warmUpAndMeasureExtraction(List<Article> articles) {
    long t = System.nanoTime();
    EnrichmentPipeline pipeline = EnrichmentPipeline.withBundledGazetteer();
    // the JIT keeps compiling the extraction's many large rule methods long after the first thousand articles: a
    // fixed count left the compiler threads busy through the measured phases (JFR: C2 recompiling EntityTagger and
    // EventDetector during the pipeline phase, compiler threads the process's busiest). Run at least
    // WARM_UP_ARTICLES, then go on until a batch of articles costs the compiler under a tenth of its own time
    SyntheticArticles warm = SyntheticArticles.forArticles(settings.seed() + 1, WARM_UP_MAX_ARTICLES);
    java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
    boolean canTell = jit != null && jit.isCompilationTimeMonitoringSupported();
    int done = 0;
    long batchStart = System.nanoTime();
    long jitStart = canTell ? jit.getTotalCompilationTime() : 0;
    while (done < WARM_UP_MAX_ARTICLES) {
      SyntheticArticles.Generated g = warm.next("warm-");
      pipeline.enrich(g.article());
      MinHashNoveltyIndex.signature(EnrichmentPipeline.noveltyText(g.article()));
      done++;
      if (done % WARM_UP_BATCH == 0) {
        long now = System.nanoTime();
        long jitNow = canTell ? jit.getTotalCompilationTime() : 0;
        double jitShare = (jitNow - jitStart) / ((now - batchStart) / 1e6);
        if (done >= WARM_UP_ARTICLES && (!canTell || jitShare < WARM_UP_JIT_SHARE)) {
          break;
        }
        batchStart = now;
        jitStart = jitNow;
      }
    }
    warmUpArticles = done;
    LOG.info("bench: warm-up over {} articles, compiler {} ms in all", done,
        canTell ? jit.getTotalCompilationTime() : -1);
    LOG.info("bench: warm-up done in {} ms", (System.nanoTime() - t) / 1_000_000);
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    int n = Math.min(500, articles.size());
    long cpu0 = threads.getCurrentThreadCpuTime();
    for (Article a : articles.subList(0, n)) {
      pipeline.enrich(a);
      MinHashNoveltyIndex.signature(EnrichmentPipeline.noveltyText(a));
    }
    double ms = (threads.getCurrentThreadCpuTime() - cpu0) / 1e6 / n;
    LOG.info("bench: extraction alone {} ms CPU per article ({} articles)", String.format("%.2f", ms), n);
    return ms;
  }

  private BenchResult.Throughput passThrough(String bootstrap, Topic<String, Article> out, boolean exactlyOnce,
      List<Article> articles) {
    // the copy is fast: several passes over the same records, so that it lasts long enough to measure
    int passes = (int) Math.ceil((double) Math.max(articles.size(), BASELINE_MIN_RECORDS) / articles.size());
    long total = (long) passes * articles.size();
    ArrivalRecorder.Source source = new ArrivalRecorder.Source("copy", out.name(), PipelineBenchmark::keyString);
    try (ArrivalRecorder arrivals = new ArrivalRecorder(bootstrap, List.of(source)).start();
        ResourceSampler sampler = new ResourceSampler(List.of())) {
      sampler.start();
      long start = PassThroughBaseline.run(bootstrap, Topics.ARTICLES.name(), out.name(), exactlyOnce,
          articles.size(), passes, PHASE_TIMEOUT);
      if (!arrivals.awaitRecords("copy", total, Duration.ofSeconds(60))) {
        throw new IllegalStateException("baseline: only " + arrivals.records("copy") + " of " + total
            + " copies reached a read_committed consumer");
      }
      ResourceSampler.Usage usage = sampler.stop();
      double rate = total / ((arrivals.lastArrival("copy") - start) / 1e9);
      return new BenchResult.Throughput((int) total, rate, usage, 0, 0);
    }
  }

  private BenchResult.Throughput pipelineThroughput(String bootstrap, PipelineInstances services,
      List<Article> articles) {
    try (ArrivalRecorder arrivals = new ArrivalRecorder(bootstrap, outputs()).start();
        ResourceSampler sampler = new ResourceSampler(services.threadMarkers())) {
      sampler.start();
      services.start();
      long start = services.awaitRunning(Duration.ofSeconds(120));
      boolean allEnriched = arrivals.await("enriched", articles.size(), Duration.ofSeconds(30), PHASE_TIMEOUT);
      if (!allEnriched) {
        throw new IllegalStateException("pipeline: only " + arrivals.distinct("enriched") + " of "
            + articles.size() + " articles were enriched");
      }
      // every article reports a partnership change: wait for its alert, or until alerts stop coming (longer than
      // the alerts' reorder buffer may hold an event: 10 s)
      arrivals.await("alert", articles.size(), Duration.ofSeconds(12), Duration.ofSeconds(90));
      ResourceSampler.Usage usage = sampler.stop();
      Map<String, Long> enriched = arrivals.arrivals("enriched");
      Map<String, Long> alerts = arrivals.arrivals("alert");
      long last = 0;
      for (Article a : articles) {
        Long e = enriched.get(a.getId());
        Long al = alerts.get(a.getId());
        last = Math.max(last, al == null ? e : Math.max(e, al));
      }
      int alertCount = (int) articles.stream().filter(a -> alerts.containsKey(a.getId())).count();
      if (alertCount < articles.size()) {
        LOG.warn("bench: {} of {} articles gave no partnership alert: the rate counts their enriched record only",
            articles.size() - alertCount, articles.size());
      }
      double rate = articles.size() / ((last - start) / 1e9);
      return new BenchResult.Throughput(articles.size(), rate, usage, alertCount,
          arrivals.records("alert") - alertCount);
    }
  }

  private BenchResult.Latency latency(String bootstrap, SyntheticArticles generator, double ratePerSecond) {
    int count = (int) Math.max(50, Math.round(ratePerSecond * settings.latencySeconds()));
    List<Article> articles = generator.next("bench-latency-", count).stream()
        .map(SyntheticArticles.Generated::article).toList();
    Map<String, Long> sentAt = new ConcurrentHashMap<>();
    try (ArrivalRecorder arrivals = new ArrivalRecorder(bootstrap, outputs()).start();
        KafkaProducer<String, Article> producer = producer(bootstrap)) {
      AtomicReference<Exception> failure = new AtomicReference<>();
      long start = System.nanoTime();
      double intervalNs = 1e9 / ratePerSecond;
      for (int i = 0; i < articles.size(); i++) {
        long due = start + (long) (i * intervalNs);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          sleepNanos(wait);
        }
        // live news: published now (the alerts service treats old publication times as a backlog replay)
        Article a = Article.newBuilder(articles.get(i)).setPublished(Instant.now()).setFetched(Instant.now()).build();
        sentAt.put(a.getId(), System.nanoTime());
        producer.send(new ProducerRecord<>(Topics.ARTICLES.name(), a.getId(), a), (md, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
      }
      producer.flush();
      double achieved = articles.size() / ((System.nanoTime() - start) / 1e9);
      if (failure.get() != null) {
        throw new IllegalStateException("latency phase: publish failed: " + failure.get(), failure.get());
      }
      arrivals.await("enriched", articles.size(), Duration.ofSeconds(15), Duration.ofSeconds(120));
      arrivals.await("alert", articles.size(), Duration.ofSeconds(5), Duration.ofSeconds(60));
      Map<String, Long> enriched = arrivals.arrivals("enriched");
      Map<String, Long> deals = arrivals.arrivals("deal");
      Map<String, Long> alerts = arrivals.arrivals("alert");
      return new BenchResult.Latency(ratePerSecond, achieved, articles.size(), latencies(sentAt, enriched),
          latencies(sentAt, deals), latencies(sentAt, alerts), latencies(enriched, deals), latencies(deals, alerts));
    }
  }

  /** Per article present in both: {@code arrivedAt - sentAt} in ms, sorted. */
  private static double[] latencies(Map<String, Long> sentAt, Map<String, Long> arrivedAt) {
    return sentAt.entrySet().stream()
        .filter(e -> arrivedAt.containsKey(e.getKey()))
        .mapToDouble(e -> (arrivedAt.get(e.getKey()) - e.getValue()) / 1e6)
        .sorted()
        .toArray();
  }

  /**
   * The pipeline's outputs: enriched records by article id, partnership deal events and status-change alerts by the
   * article that caused them.
   */
  private static List<ArrivalRecorder.Source> outputs() {
    AvroSerde<PartnershipAlert> alerts = AvroSerde.of(PartnershipAlert.class);
    AvroSerde<DealEvent> deals = AvroSerde.of(DealEvent.class);
    return List.of(
        new ArrivalRecorder.Source("enriched", Topics.ENRICHED.name(), PipelineBenchmark::keyString),
        new ArrivalRecorder.Source("deal", Topics.DEALS.name(), r -> {
          DealEvent deal = deals.decode(r.value());
          return deal.getType() == EventType.PARTNERSHIP ? deal.getArticleId() : null;
        }),
        new ArrivalRecorder.Source("alert", Topics.ALERTS.name(), r -> {
          PartnershipAlert alert = alerts.decode(r.value());
          return alert.getKind() == AlertKind.STATUS_CHANGED ? alert.getEvidence().getArticleId() : null;
        }));
  }

  private static String keyString(org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> r) {
    return r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
  }

  /** Publishes the articles to {@code news.articles} keyed by id, idempotent, acks=all, then flushes. */
  static void publish(String bootstrap, List<Article> articles) {
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<String, Article> producer = producer(bootstrap)) {
      for (Article a : articles) {
        producer.send(new ProducerRecord<>(Topics.ARTICLES.name(), a.getId(), a), (md, e) -> {
          if (e != null) {
            failure.compareAndSet(null, e);
          }
        });
      }
      producer.flush();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("cannot publish articles: " + failure.get(), failure.get());
    }
  }

  private static KafkaProducer<String, Article> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    // one request in flight: right after topic creation a first batch can be refused (NOT_LEADER_OR_FOLLOWER) while
    // later ones land; its retry then fails forever with OUT_OF_ORDER_SEQUENCE_NUMBER (seen with 4.1 on one broker)
    p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
    return new KafkaProducer<>(p, Serdes.String().serializer(), Topics.ARTICLES.valueSerde().serializer());
  }

  private static void sleepNanos(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("bench: could not delete {}: {}", dir, e.toString());
    }
  }
}
