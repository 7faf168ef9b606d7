package io.newssignals.alerts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newssignals.ops.OpsServer;
import io.newssignals.schema.AlertKind;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.topics.Topics;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the status page shows of the alerts: the latest alerts and every pair's current status with its alert
 * history, read from {@code alerts.partnership} (read_committed, from the beginning, no consumer group) by a
 * background thread. Bounded: the latest {@value #LATEST} alerts, {@value #PAIRS} pairs (the least recently
 * alerted are forgotten first) and {@value #PER_PAIR} alerts per pair. A record that cannot be read is skipped
 * (the alerts service never writes one; the topic is the contract of {@code schemas}).
 */
public final class AlertHistory implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertHistory.class);
  static final int LATEST = 50;
  static final int PAIRS = 2_000;
  static final int PER_PAIR = 20;

  private final KafkaConsumer<String, byte[]> consumer;
  private final Thread thread;
  private final ArrayDeque<ObjectNode> latest = new ArrayDeque<>();
  private final LinkedHashMap<String, PairView> pairs = new LinkedHashMap<>(16, 0.75f, false);
  private volatile boolean running = true;

  private static final class PairView {
    final List<String> pair;
    String status;
    String updated;
    final ArrayDeque<ObjectNode> alerts = new ArrayDeque<>();

    PairView(List<String> pair) {
      this.pair = pair;
    }
  }

  private AlertHistory(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "status-page-alert-history-" + UUID.randomUUID());
    consumer = new KafkaConsumer<>(p, Topics.ALERTS.keySerde().deserializer(), new ByteArrayDeserializer());
    thread = new Thread(this::run, "status-alert-history");
    thread.setDaemon(true);
  }

  /** Starts reading {@code alerts.partnership} from the beginning. */
  public static AlertHistory start(String bootstrapServers) {
    AlertHistory h = new AlertHistory(bootstrapServers);
    h.thread.start();
    return h;
  }

  private void run() {
    try {
      List<TopicPartition> partitions = List.of();
      while (running && partitions.isEmpty()) {
        // the topic may not exist yet: the alerts service creates it when it starts
        partitions = consumer.partitionsFor(Topics.ALERTS.name(), Duration.ofSeconds(30)).stream()
            .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
        if (partitions.isEmpty()) {
          Thread.sleep(1_000);
        }
      }
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      var deserializer = Topics.ALERTS.valueSerde().deserializer();
      while (running) {
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          try {
            add(deserializer.deserialize(r.topic(), r.value()));
          } catch (RuntimeException e) {
            LOG.debug("status page: skipped unreadable alert at {}-{}@{}: {}", r.topic(), r.partition(), r.offset(),
                e.toString());
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (running) {
        LOG.warn("status page: reading {} stopped: {}", Topics.ALERTS.name(), e.toString());
      }
    }
  }

  synchronized void add(PartnershipAlert a) {
    ObjectNode json = AlertJson.full(a);
    latest.addFirst(json);
    while (latest.size() > LATEST) {
      latest.removeLast();
    }
    String key = String.join("|", a.getPair());
    PairView v = pairs.remove(key); // re-inserted last: the map is ordered by latest alert
    if (v == null) {
      v = new PairView(List.copyOf(a.getPair()));
    }
    pairs.put(key, v);
    if (a.getKind() == AlertKind.STATUS_CHANGED || v.status == null) {
      v.status = a.getCurrent().name();
    }
    v.updated = AlertJson.iso(a.getDetectedAt());
    v.alerts.addFirst(json);
    while (v.alerts.size() > PER_PAIR) {
      v.alerts.removeLast();
    }
    if (pairs.size() > PAIRS) {
      Iterator<String> oldest = pairs.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
  }

  /** For tests: a history that reads nothing (alerts are given to {@link #add}). */
  static AlertHistory unstarted(String bootstrapServers) {
    return new AlertHistory(bootstrapServers);
  }

  /** Adds the {@code alerts} and {@code pairs} sections to the status of {@code server}. */
  public void expose(OpsServer server) {
    server.section("alerts", this::latest);
    server.section("pairs", this::pairs);
  }

  /** The latest alerts, newest first ({@link AlertJson#full} of each). */
  public synchronized List<ObjectNode> latest() {
    return List.copyOf(latest);
  }

  /** Every pair with its current status and its alerts (newest first), most recently alerted first. */
  public synchronized List<Map<String, Object>> pairs() {
    List<Map<String, Object>> out = new ArrayList<>();
    List<PairView> views = new ArrayList<>(pairs.values());
    for (int i = views.size() - 1; i >= 0; i--) {
      PairView v = views.get(i);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("pair", v.pair);
      m.put("status", v.status);
      m.put("updated", v.updated);
      m.put("alerts", List.copyOf(v.alerts));
      out.add(m);
    }
    return out;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    boolean interrupted = Thread.interrupted(); // a stop signal's interrupt must not abort the close
    try {
      if (thread.isAlive()) {
        thread.join(5_000);
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    try {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
