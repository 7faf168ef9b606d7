package io.newssignals.ingest.bench;

import com.sun.net.httpserver.HttpServer;
import io.newssignals.ingest.CountingPublisher;
import io.newssignals.ingest.IngestConfig;
import io.newssignals.ingest.IngestService;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One full poll cycle over many feeds, without a broker: a local HTTP server serves {@code feeds} distinct RSS feeds
 * of {@code items} items each (with ETags), the ingest service polls them all twice through {@link
 * IngestService#pollAllOnce()} publishing to a {@link CountingPublisher}. The first cycle fetches, parses and maps
 * everything (all 200), the second costs one conditional GET per feed (all 304). Reports wall time of each cycle and
 * the peak heap used (sum of the heap pools' peaks, an upper bound).
 *
 * <p>Run: {@code java -Xmx256m -cp ... io.newssignals.ingest.bench.PollCycleBenchmark [feeds] [items]} or
 * {@code bin/pipeline bench ingest}.
 */
public final class PollCycleBenchmark {
  private PollCycleBenchmark() {}

  /**
   * Figures of one run.
   *
   * @param feeds feeds polled
   * @param itemsPerFeed items per feed
   * @param firstCycleMillis wall time of the first cycle (all 200)
   * @param firstArticles articles published by the first cycle
   * @param secondCycleMillis wall time of the second cycle (all 304)
   * @param secondArticles articles published by the second cycle (should be 0)
   * @param notModified 304 responses the server sent
   * @param peakHeapBytes peak heap used during both cycles
   * @param maxHeapBytes the JVM's maximum heap
   */
  public record Result(int feeds, int itemsPerFeed, long firstCycleMillis, long firstArticles, long secondCycleMillis,
      long secondArticles, long notModified, long peakHeapBytes, long maxHeapBytes) {

    /** Human-readable lines for the console. */
    public String summary() {
      return String.format("ingest poll cycle: %d feeds x %d items%n"
              + "  first cycle (200):  %6d ms, %d articles%n"
              + "  second cycle (304): %6d ms, %d articles, %d not-modified responses%n"
              + "  peak heap: %d MiB (max heap %d MiB)",
          feeds, itemsPerFeed, firstCycleMillis, firstArticles, secondCycleMillis, secondArticles, notModified,
          peakHeapBytes / (1024 * 1024), maxHeapBytes / (1024 * 1024));
    }
  }

  /** Runs the benchmark with {@code concurrency} simultaneous requests (also used as the per-host limit). */
  public static Result run(int feeds, int items, int concurrency) throws IOException {
    AtomicLong notModified = new AtomicLong();
    // the JDK's test server otherwise leaves Nagle on and stalls small responses on delayed ACKs; the rig, not ingest
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    ExecutorService serverThreads = Executors.newFixedThreadPool(Math.max(4, concurrency));
    server.setExecutor(serverThreads);
    server.createContext("/feed/", ex -> {
      try (ex) {
        String name = ex.getRequestURI().getPath().substring("/feed/".length());
        String etag = "\"" + name + "-v1\"";
        if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
          notModified.incrementAndGet();
          ex.getResponseHeaders().add("ETag", etag);
          ex.sendResponseHeaders(304, -1);
          return;
        }
        byte[] body = feed(name, items);
        ex.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=UTF-8");
        ex.getResponseHeaders().add("ETag", etag);
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
          out.write(body);
        }
      }
    });
    server.start();
    Path feedsFile = Files.createTempFile("bench-feeds-", ".yaml");
    try {
      StringBuilder yaml = new StringBuilder("feeds:\n");
      String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/feed/";
      for (int i = 0; i < feeds; i++) {
        yaml.append("  - ").append(base).append("f").append(i).append(".xml\n");
      }
      Files.writeString(feedsFile, yaml);
      IngestConfig config = IngestConfig.builder().feedsFile(feedsFile).maxConcurrency(concurrency)
          .perHostConcurrency(concurrency).readTimeout(Duration.ofSeconds(30)).build();
      CountingPublisher sink = new CountingPublisher();
      System.gc();
      resetPeaks();
      try (IngestService service = new IngestService(config, sink, Map.of())) {
        long t0 = System.nanoTime();
        long first = service.pollAllOnce();
        long t1 = System.nanoTime();
        long second = service.pollAllOnce();
        long t2 = System.nanoTime();
        return new Result(feeds, items, (t1 - t0) / 1_000_000, first, (t2 - t1) / 1_000_000, second,
            notModified.get(), peakHeap(), Runtime.getRuntime().maxMemory());
      }
    } finally {
      server.stop(0);
      serverThreads.shutdownNow();
      Files.deleteIfExists(feedsFile);
    }
  }

  static byte[] feed(String name, int items) {
    StringBuilder sb = new StringBuilder(items * 700);
    sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" ")
        .append("xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>Bench ").append(name)
        .append("</title><link>https://bench.example/").append(name).append("/</link><description>bench</description>");
    for (int i = 0; i < items; i++) {
      sb.append("<item><title>Company ").append(i).append(" of ").append(name)
          .append(" announces a partnership</title><link>https://bench.example/").append(name).append('/').append(i)
          .append("?utm_source=rss</link><guid>").append(name).append('-').append(i)
          .append("</guid><pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate><description>Teaser</description>")
          .append("<content:encoded><![CDATA[<p>Acme Corp said on Monday it would work with Globex on ")
          .append("cloud infrastructure, in a deal people familiar with the terms valued at $").append(i + 1)
          .append(" billion.</p><p>Shares of Acme rose 2.5% in early trading.</p><script>track()</script>]]>")
          .append("</content:encoded></item>");
    }
    return sb.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** {@code PollCycleBenchmark [feeds=1000] [items=20] [concurrency=16]}. */
  public static void main(String[] args) throws IOException {
    int feeds = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int items = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 16;
    System.out.println(run(feeds, items, concurrency).summary());
  }
}
