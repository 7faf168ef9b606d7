package io.newssignals.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Articles and alerts per minute over the last minute, from the process's counters: sampled every 5 s, the rate
 * is the difference between now and the sample about 60 s before (or the oldest one, in the first minute).
 */
final class Throughput implements AutoCloseable {
  private static final Map<String, String> SERIES = Map.of(
      "articlesPublished", OpsMetrics.INGEST_PUBLISHED,
      "articlesEnriched", OpsMetrics.ENRICH_ARTICLES,
      "alerts", OpsMetrics.ALERTS);

  private record Sample(long nanos, Map<String, Double> totals) {}

  private final MeterRegistry registry;
  private final ArrayDeque<Sample> samples = new ArrayDeque<>();
  private ScheduledExecutorService timer;

  Throughput(MeterRegistry registry) {
    this.registry = registry;
  }

  void start() {
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ops-throughput");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleAtFixedRate(this::sample, 0, 5, TimeUnit.SECONDS);
  }

  synchronized void sample() {
    long now = System.nanoTime();
    samples.addLast(new Sample(now, totals()));
    while (samples.size() > 2 && now - samples.peekFirst().nanos() > TimeUnit.SECONDS.toNanos(65)) {
      samples.removeFirst();
    }
  }

  private Map<String, Double> totals() {
    Map<String, Double> t = new LinkedHashMap<>();
    SERIES.forEach((key, meter) -> t.put(key,
        registry.find(meter).counters().stream().mapToDouble(Counter::count).sum()));
    return t;
  }

  /** Per-minute rates and totals: {@code {"articlesPublished": {"perMinute": r, "total": n}, ...}}. */
  synchronized Map<String, Map<String, Number>> perMinute() {
    Map<String, Double> now = totals();
    long t = System.nanoTime();
    Sample first = samples.peekFirst();
    Map<String, Map<String, Number>> out = new LinkedHashMap<>();
    for (String key : SERIES.keySet()) {
      double rate = 0;
      if (first != null && t - first.nanos() > TimeUnit.SECONDS.toNanos(1)) {
        double minutes = Math.max(1.0, (t - first.nanos()) / 1e9) / 60.0;
        rate = (now.get(key) - first.totals().get(key)) / minutes;
      }
      out.put(key, Map.of("perMinute", Math.round(rate * 10) / 10.0, "total", Math.round(now.get(key))));
    }
    return out;
  }

  @Override
  public void close() {
    if (timer != null) {
      timer.shutdownNow();
    }
  }
}
