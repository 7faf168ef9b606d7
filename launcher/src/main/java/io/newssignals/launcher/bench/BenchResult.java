package io.newssignals.launcher.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.newssignals.schema.Article;
import io.newssignals.topics.Topics;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of one benchmark run: {@link #toJson()} for machines (the fields documented in
 * {@code docs/benchmarks.md}), {@link #toTable()} for people.
 */
public final class BenchResult {
  private static final double MB = 1024.0 * 1024.0;

  /** One throughput phase. {@code alerts}: articles whose alert arrived; {@code extraAlerts}: further alerts. */
  record Throughput(int articles, double perSecond, ResourceSampler.Usage usage, int alerts, long extraAlerts) {
    double cpuMsPerArticle() {
      return usage.processCpuSeconds() * 1000 / articles;
    }
  }

  /** The half-load phase; latencies in ms, sorted. */
  /**
   * Latency phase: publish → each output at a {@code read_committed} consumer (sorted ms), and per article the time
   * between two outputs of the same article: enriched → its partnership deal event (both leave enrich's novelty
   * task in one transaction) and deal → alert (the alerts service).
   */
  record Latency(double targetRate, double achievedRate, int articles, double[] enrichedMs, double[] dealMs,
      double[] alertMs, double[] enrichedToDealMs, double[] dealToAlertMs) {}

  private final Map<String, Object> json;
  private final String table;

  private BenchResult(Map<String, Object> json, String table) {
    this.json = json;
    this.table = table;
  }

  static Builder builder(PipelineBenchmark.Settings settings, Instant startedAt) {
    return new Builder(settings, startedAt);
  }

  /** The top-level fields, in output order. */
  public Map<String, Object> fields() {
    return json;
  }

  public String toJson() {
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write benchmark JSON", e);
    }
  }

  public String toTable() {
    return table;
  }

  static final class Builder {
    private final PipelineBenchmark.Settings settings;
    private final Instant startedAt;
    private final double loadAtStart = Math.round(ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage() * 100) / 100.0;
    private int corpusArticles;
    private double corpusAvgBytes;
    private int corpusMinBytes;
    private int corpusMaxBytes;
    private double extractionOnlyCpuMs = Double.NaN;
    private Throughput baselineEos;
    private Throughput baselineAlo;
    private Throughput one;
    private Throughput two;
    private Latency latency;

    private Builder(PipelineBenchmark.Settings settings, Instant startedAt) {
      this.settings = settings;
      this.startedAt = startedAt;
    }

    void corpus(List<Article> articles) {
      corpusArticles = articles.size();
      int[] sizes = articles.stream()
          .mapToInt(a -> (a.getTitle() + "\n" + a.getBody()).getBytes(StandardCharsets.UTF_8).length).toArray();
      corpusAvgBytes = Arrays.stream(sizes).average().orElse(0);
      corpusMinBytes = Arrays.stream(sizes).min().orElse(0);
      corpusMaxBytes = Arrays.stream(sizes).max().orElse(0);
    }

    void baselineExactlyOnce(Throughput t) {
      baselineEos = t;
    }

    void baselineAtLeastOnce(Throughput t) {
      baselineAlo = t;
    }

    /** CPU ms per article of the extraction alone (EnrichmentPipeline.enrich and the MinHash signature), in-process. */
    void extractionOnly(double cpuMsPerArticle) {
      extractionOnlyCpuMs = cpuMsPerArticle;
    }

    void pipelineOneInstance(Throughput t) {
      one = t;
    }

    void pipelineTwoInstances(Throughput t) {
      two = t;
    }

    void latency(Latency l) {
      latency = l;
    }

    BenchResult build(double durationSeconds) {
      Map<String, Object> j = new LinkedHashMap<>();
      double ratio = one.perSecond() / baselineEos.perSecond();
      j.put("throughput_ratio", round(ratio, 3));
      j.put("pipeline_articles_per_s", round(one.perSecond(), 1));
      j.put("baseline_records_per_s", round(baselineEos.perSecond(), 1));
      j.put("baseline_at_least_once_records_per_s", round(baselineAlo.perSecond(), 1));
      j.put("throughput_ratio_vs_at_least_once", round(one.perSecond() / baselineAlo.perSecond(), 3));

      Map<String, Object> lat = new LinkedHashMap<>();
      lat.put("enriched", percentiles(latency.enrichedMs()));
      lat.put("deal", percentiles(latency.dealMs()));
      lat.put("alert", percentiles(latency.alertMs()));
      Map<String, Object> hops = new LinkedHashMap<>();
      hops.put("publish_to_enriched", percentiles(latency.enrichedMs()));
      hops.put("enriched_to_deal", percentiles(latency.enrichedToDealMs()));
      hops.put("deal_to_alert", percentiles(latency.dealToAlertMs()));
      lat.put("hops", hops);
      lat.put("target_rate_articles_per_s", round(latency.targetRate(), 1));
      lat.put("achieved_rate_articles_per_s", round(latency.achievedRate(), 1));
      lat.put("articles", latency.articles());
      j.put("latency_ms", lat);

      if (two != null) {
        j.put("instances_scaling", round(two.perSecond() / one.perSecond(), 3));
        j.put("pipeline_2_instances_articles_per_s", round(two.perSecond(), 1));
      } else {
        j.put("instances_scaling", null);
      }

      Map<String, Object> cpu = new LinkedHashMap<>();
      cpu.put("pipeline_process", round(one.cpuMsPerArticle(), 3));
      one.usage().cpuSecondsByMarker().forEach((marker, seconds) ->
          cpu.put(serviceName(marker) + "_threads", round(seconds * 1000 / one.articles(), 3)));
      cpu.put("extraction_only", Double.isNaN(extractionOnlyCpuMs) ? null : round(extractionOnlyCpuMs, 3));
      cpu.put("baseline_process", round(baselineEos.cpuMsPerArticle(), 3));
      cpu.put("note", "process = the whole JVM (broker, services, benchmark clients); *_threads = the Kafka Streams"
          + " threads of that service (stream, producer and consumer threads named after its client id);"
          + " extraction_only = the thread CPU of EnrichmentPipeline.enrich and the MinHash signature over the same"
          + " articles in one thread after the warm-up, no Kafka");
      j.put("cpu_ms_per_article", cpu);

      Map<String, Object> heap = new LinkedHashMap<>();
      heap.put("scope", "one JVM for broker, enrich, alerts and benchmark clients: the figure is the JVM's,"
          + " shared by every service");
      heap.put("pipeline", round(one.usage().peakHeapBytes() / MB, 1));
      heap.put("pipeline_gc_pool_peaks_sum", round(one.usage().poolPeakHeapBytes() / MB, 1));
      if (two != null) {
        heap.put("pipeline_2_instances", round(two.usage().peakHeapBytes() / MB, 1));
      }
      heap.put("baseline", round(baselineEos.usage().peakHeapBytes() / MB, 1));
      heap.put("max_heap", round(Runtime.getRuntime().maxMemory() / MB, 1));
      j.put("peak_heap_mb", heap);

      Map<String, Object> alerts = new LinkedHashMap<>();
      alerts.put("articles", one.articles());
      alerts.put("articles_with_alert", one.alerts());
      alerts.put("other_alerts", one.extraAlerts());
      j.put("alerts", alerts);

      Map<String, Object> corpus = new LinkedHashMap<>();
      corpus.put("articles", corpusArticles);
      corpus.put("avg_bytes", Math.round(corpusAvgBytes));
      corpus.put("min_bytes", corpusMinBytes);
      corpus.put("max_bytes", corpusMaxBytes);
      corpus.put("seed", settings.seed());
      j.put("corpus", corpus);

      Map<String, Object> setup = new LinkedHashMap<>();
      setup.put("processing_guarantee", "exactly_once_v2");
      setup.put("partitions", Topics.ARTICLES.partitions());
      setup.put("commit_interval_ms", settings.commitIntervalMs());
      setup.put("alerts_reorder_quiet_ms", settings.reorderQuiet().toMillis());
      setup.put("alerts_reorder_backlog_quiet_ms", settings.reorderBacklogQuiet().toMillis());
      setup.put("baseline", "consumer -> producer copy of news.articles, Article decoded and re-encoded;"
          + " exactly-once: read_committed + transactions committing offsets every 100 ms");
      setup.put("baseline_records", baselineEos.articles());
      setup.put("rate", "pre-loaded backlog drained per second: from the first poll (baseline) or both Streams"
          + " apps RUNNING (pipeline) to the last output at a read_committed consumer; the pipeline's last output is"
          + " the later of the enriched record and the alert");
      setup.put("broker", "embedded single-node KRaft, same JVM");
      j.put("setup", setup);

      Map<String, Object> machine = machine();
      machine.put("load_average_1m_at_start", loadAtStart);
      j.put("machine", machine);
      j.put("started_at", startedAt.toString());
      j.put("duration_s", round(durationSeconds, 1));
      return new BenchResult(j, table(j));
    }

    private static String serviceName(String marker) {
      return marker.replaceAll("^bench-\\d+-", "").replace('-', '_');
    }

    private String table(Map<String, Object> j) {
      StringBuilder t = new StringBuilder();
      String row = "%-44s %14s%n";
      t.append(String.format(Locale.ROOT, row, "news-signals bench (" + corpusArticles + " articles, "
          + Math.round(corpusAvgBytes) + " B avg)", ""));
      t.append("-".repeat(59)).append('\n');
      t.append(String.format(Locale.ROOT, row, "baseline pass-through, exactly-once (rec/s)",
          fmt(baselineEos.perSecond())));
      t.append(String.format(Locale.ROOT, row, "baseline pass-through, at-least-once (rec/s)",
          fmt(baselineAlo.perSecond())));
      t.append(String.format(Locale.ROOT, row, "pipeline enrich+alerts, 1 instance (art/s)", fmt(one.perSecond())));
      t.append(String.format(Locale.ROOT, row, "throughput ratio pipeline / baseline (EOS)",
          String.format(Locale.ROOT, "%.3f", one.perSecond() / baselineEos.perSecond())));
      if (two != null) {
        t.append(String.format(Locale.ROOT, row, "pipeline, 2 instances (art/s)", fmt(two.perSecond())));
        t.append(String.format(Locale.ROOT, row, "scaling 2 instances / 1",
            String.format(Locale.ROOT, "%.3f", two.perSecond() / one.perSecond())));
      }
      t.append(String.format(Locale.ROOT, row, "CPU per article, pipeline JVM (ms)",
          String.format(Locale.ROOT, "%.3f", one.cpuMsPerArticle())));
      if (!Double.isNaN(extractionOnlyCpuMs)) {
        t.append(String.format(Locale.ROOT, row, "CPU per article, extraction alone (ms)",
            String.format(Locale.ROOT, "%.3f", extractionOnlyCpuMs)));
      }
      t.append(String.format(Locale.ROOT, row, "CPU per record, baseline JVM (ms)",
          String.format(Locale.ROOT, "%.3f", baselineEos.cpuMsPerArticle())));
      t.append(String.format(Locale.ROOT, row, "peak heap, shared JVM, pipeline (MiB)",
          fmt(one.usage().peakHeapBytes() / MB)));
      t.append(String.format(Locale.ROOT, row, "articles with an alert",
          one.alerts() + " / " + one.articles()));
      t.append(String.format(Locale.ROOT, "latency at %s art/s (ms)        %8s %8s %8s%n",
          fmt(latency.achievedRate()), "p50", "p95", "p99"));
      appendLatency(t, "  publish -> enriched", latency.enrichedMs());
      appendLatency(t, "  publish -> deal event", latency.dealMs());
      appendLatency(t, "  publish -> alert", latency.alertMs());
      appendLatency(t, "  hop: deal event -> alert", latency.dealToAlertMs());
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) j.get("machine");
      t.append("machine: ").append(m.get("cores")).append(" cores, ").append(m.get("memory_mb")).append(" MiB, ")
          .append(m.get("jvm")).append(", load average ").append(loadAtStart).append(" at start, ")
          .append(m.get("load_average_1m_at_end")).append(" at end\n");
      return t.toString();
    }

    private static void appendLatency(StringBuilder t, String label, double[] ms) {
      t.append(String.format(Locale.ROOT, "%-36s %8s %8s %8s%n", label, fmt(quantile(ms, 0.50)),
          fmt(quantile(ms, 0.95)), fmt(quantile(ms, 0.99))));
    }
  }

  static Map<String, Object> percentiles(double[] sortedMs) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("p50", round(quantile(sortedMs, 0.50), 1));
    p.put("p95", round(quantile(sortedMs, 0.95), 1));
    p.put("p99", round(quantile(sortedMs, 0.99), 1));
    p.put("max", sortedMs.length == 0 ? null : round(sortedMs[sortedMs.length - 1], 1));
    p.put("count", sortedMs.length);
    return p;
  }

  /** Nearest-rank quantile of sorted values; NaN when empty. */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static Map<String, Object> machine() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cores", Runtime.getRuntime().availableProcessors());
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    m.put("memory_mb", os.getTotalMemorySize() / (1024 * 1024));
    m.put("cpu", cpuModel());
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    m.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    m.put("max_heap_mb", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    // other work on the machine skews every absolute figure (and favours more threads): say how busy it was
    m.put("load_average_1m_at_end", Math.round(os.getSystemLoadAverage() * 100) / 100.0);
    return m;
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the model is optional
    }
    return null;
  }

  private static Double round(double v, int digits) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return null;
    }
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }

  private static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
