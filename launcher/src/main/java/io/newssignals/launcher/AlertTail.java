package io.newssignals.launcher;

import io.newssignals.schema.PartnershipAlert;
import io.newssignals.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
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
 * Not thread-safe, except {@link #wakeup()}.
 */
final class AlertTail implements AutoCloseable {
  private final KafkaConsumer<String, PartnershipAlert> consumer;

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

  void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
