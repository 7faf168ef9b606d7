package io.newssignals.launcher;

import io.newssignals.schema.PartnershipAlert;
import io.newssignals.topics.Topics;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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

/**
 * Reads {@code alerts.partnership} (key 'A|B', value {@link PartnershipAlert}) read_committed, from the end of the
 * topic as it was when the tail was opened: a run shows the alerts it produced, not those of earlier runs. It uses
 * no consumer group (partitions are assigned, offsets never committed), so it adds no group to wait for.
 *
 * <p>{@code run} prints every alert once across restarts: it {@link #resumeFrom(Path) resumes} from a positions file
 * under its data directory and {@link #markPrinted() records} there what it has printed, so alerts committed just
 * before a kill are printed by the next run. Not thread-safe, except {@link #wakeup()}.
 */
final class AlertTail implements AutoCloseable {
  private final KafkaConsumer<String, PartnershipAlert> consumer;
  private Path positionsFile;

  AlertTail(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "pipeline-run-alert-tail-" + UUID.randomUUID());
    consumer = new KafkaConsumer<>(p, Topics.ALERTS.keySerde().deserializer(),
        Topics.ALERTS.valueSerde().deserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name(), Duration.ofSeconds(60)).stream()
        .map(info -> new TopicPartition(info.topic(), info.partition()))
        .toList();
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    partitions.forEach(tp -> consumer.position(tp, Duration.ofSeconds(60)));
  }

  /** Alerts committed since the last call, waiting up to {@code timeout} for the first one. */
  List<PartnershipAlert> poll(Duration timeout) {
    List<PartnershipAlert> alerts = new ArrayList<>();
    try {
      for (ConsumerRecord<String, PartnershipAlert> r : consumer.poll(timeout)) {
        alerts.add(r.value());
      }
    } catch (WakeupException e) {
      // close() or shutdown asked us to stop polling
    }
    return alerts;
  }

  /** Every alert committed up to now (the read_committed end of each partition), waiting up to {@code timeout}. */
  List<PartnershipAlert> drain(Duration timeout) {
    Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), timeout);
    List<PartnershipAlert> alerts = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!caughtUp(ends)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("could not read " + Topics.ALERTS.name() + " up to " + ends
            + " within " + timeout.toSeconds() + " s");
      }
      alerts.addAll(poll(Duration.ofMillis(200)));
    }
    return alerts;
  }

  private boolean caughtUp(Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  /**
   * Continues from the positions recorded in {@code file} by an earlier {@link #markPrinted()}, so alerts committed
   * but not printed before a restart are read again; without the file, records the current positions (the end of
   * the topic when the tail opened) there. Call before the first {@link #poll}.
   */
  void resumeFrom(Path file) {
    positionsFile = file;
    Map<TopicPartition, Long> stored = readPositions(file);
    Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(60));
    stored.forEach((tp, offset) -> {
      if (consumer.assignment().contains(tp)) {
        // a position past the end means the topic was recreated: start at its end
        consumer.seek(tp, Math.min(offset, ends.getOrDefault(tp, offset)));
      }
    });
    markPrinted();
  }

  /** Records that every alert returned so far has been printed: a restarted {@code run} starts after them. */
  void markPrinted() {
    if (positionsFile == null) {
      return;
    }
    Properties p = new Properties();
    for (TopicPartition tp : consumer.assignment()) {
      p.setProperty(tp.topic() + "-" + tp.partition(), String.valueOf(consumer.position(tp, Duration.ofSeconds(60))));
    }
    try {
      Files.createDirectories(positionsFile.toAbsolutePath().getParent());
      Path tmp = positionsFile.resolveSibling(positionsFile.getFileName() + ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        p.store(w, "alerts.partnership positions printed by `pipeline run`");
      }
      // a kill -9 leaves either the old file or the new one, never half of one
      Files.move(tmp, positionsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot record the printed alerts in " + positionsFile, e);
    }
  }

  static Map<TopicPartition, Long> readPositions(Path file) {
    Map<TopicPartition, Long> positions = new HashMap<>();
    if (!Files.isRegularFile(file)) {
      return positions;
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the printed alerts' positions in " + file, e);
    }
    for (String key : p.stringPropertyNames()) {
      int dash = key.lastIndexOf('-');
      try {
        positions.put(new TopicPartition(key.substring(0, dash), Integer.parseInt(key.substring(dash + 1))),
            Long.parseLong(p.getProperty(key).trim()));
      } catch (RuntimeException e) {
        throw new IllegalStateException("bad line '" + key + "=" + p.getProperty(key) + "' in " + file
            + " (delete the file to start with new alerts)", e);
      }
    }
    return positions;
  }

  void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
