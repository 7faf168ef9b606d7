package io.newssignals.launcher.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches output topics with a {@code read_committed} consumer, as a downstream user would, and notes when each
 * article's output arrives ({@link System#nanoTime()}, same JVM as the producer that published the article).
 *
 * <p>Only records appended after {@link #start()} count: positions are fixed at the end of each partition before
 * the phase starts. The consumer assigns partitions itself (no group, no rebalance delay).
 */
final class ArrivalRecorder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ArrivalRecorder.class);

  /**
   * One watched topic.
   *
   * @param label name of the output in results ({@code enriched}, {@code alert}, ...)
   * @param topic topic name
   * @param articleId the article a record belongs to, or null to ignore the record
   */
  record Source(String label, String topic, Function<ConsumerRecord<byte[], byte[]>, String> articleId) {}

  private final String bootstrapServers;
  private final List<Source> sources;
  private final Map<String, Map<String, Long>> firstArrival = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> records = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> lastArrival = new ConcurrentHashMap<>();
  private final CountDownLatch started = new CountDownLatch(1);
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile boolean running = true;
  private volatile RuntimeException failure;
  private Thread thread;

  ArrivalRecorder(String bootstrapServers, List<Source> sources) {
    this.bootstrapServers = bootstrapServers;
    this.sources = List.copyOf(sources);
    for (Source s : sources) {
      firstArrival.put(s.label(), new ConcurrentHashMap<>());
      records.put(s.label(), new AtomicLong());
      lastArrival.put(s.label(), new AtomicLong());
    }
  }

  /** Positions at the current end of every partition, then consumes in the background. */
  ArrivalRecorder start() {
    thread = new Thread(this::loop, "bench-arrivals");
    thread.setDaemon(true);
    thread.start();
    try {
      if (!started.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("arrival recorder did not start within 60 s on " + bootstrapServers);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    if (failure != null) {
      throw failure;
    }
    return this;
  }

  /** Arrival time (nanoTime) of the first record of {@code articleId} under {@code label}, or null. */
  Long arrival(String label, String articleId) {
    return firstArrival.get(label).get(articleId);
  }

  /** Arrival times by article id under {@code label} (live view). */
  Map<String, Long> arrivals(String label) {
    return firstArrival.get(label);
  }

  /** Distinct articles seen under {@code label}. */
  int distinct(String label) {
    return firstArrival.get(label).size();
  }

  /** Records seen under {@code label} that had an article id (duplicates included). */
  long records(String label) {
    return records.get(label).get();
  }

  /** Arrival time (nanoTime) of the latest record under {@code label}, 0 if none. */
  long lastArrival(String label) {
    return lastArrival.get(label).get();
  }

  /** Waits until {@code label} has seen {@code expected} records (duplicates included); false after the timeout. */
  boolean awaitRecords(String label, long expected, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (records(label) < expected) {
      if (failure != null) {
        throw failure;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      sleep(20);
    }
    return true;
  }

  /**
   * Waits until {@code label} has {@code expected} distinct articles, or until nothing new arrived for
   * {@code quiet}, or {@code timeout}. Returns whether {@code expected} was reached.
   */
  boolean await(String label, int expected, Duration quiet, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int last = -1;
    long lastChange = System.nanoTime();
    while (System.nanoTime() < deadline) {
      if (failure != null) {
        throw failure;
      }
      int n = distinct(label);
      if (n >= expected) {
        return true;
      }
      if (n != last) {
        last = n;
        lastChange = System.nanoTime();
      } else if (quiet != null && n > 0 && System.nanoTime() - lastChange > quiet.toNanos()) {
        return false;
      }
      sleep(20);
    }
    return distinct(label) >= expected;
  }

  @Override
  public void close() {
    running = false;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (thread != null) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-arrivals");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
    Map<String, Source> byTopic = new ConcurrentHashMap<>();
    for (Source s : sources) {
      byTopic.put(s.topic(), s);
    }
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer = c;
      List<TopicPartition> partitions = new ArrayList<>();
      for (Source s : sources) {
        List<PartitionInfo> infos = c.partitionsFor(s.topic(), Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
          throw new IllegalStateException("topic " + s.topic() + " does not exist");
        }
        infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
      }
      c.assign(partitions);
      c.seekToEnd(partitions);
      partitions.forEach(c::position); // resolve now: later appends must count
      started.countDown();
      while (running) {
        ConsumerRecords<byte[], byte[]> batch = c.poll(Duration.ofMillis(100));
        long now = System.nanoTime();
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          Source s = byTopic.get(r.topic());
          String id;
          try {
            id = s.articleId().apply(r);
          } catch (RuntimeException e) {
            LOG.warn("bench: unreadable record on {} partition {} offset {}: {}", r.topic(), r.partition(),
                r.offset(), e.toString());
            continue;
          }
          if (id != null) {
            records.get(s.label()).incrementAndGet();
            lastArrival.get(s.label()).set(now);
            firstArrival.get(s.label()).putIfAbsent(id, now);
          }
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } catch (RuntimeException e) {
      failure = e;
      LOG.error("bench: arrival recorder failed: {}", e.toString());
    } finally {
      started.countDown();
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
