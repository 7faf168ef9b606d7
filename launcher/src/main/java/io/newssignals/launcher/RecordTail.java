package io.newssignals.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads the committed records (read_committed) of a few topics for the operators' {@code tail} commands, as raw
 * bytes so that a record nobody can decode is still shown. Like {@link AlertTail} it uses no consumer group: it
 * adds nothing for the pipeline to wait for and shows up in no {@code lag} report.
 *
 * <p>It starts with the last {@code N} records of the topics (merged by timestamp), or every retained record, then
 * either stops at the end the topics had when it opened or follows new records. Not thread-safe, except
 * {@link #wakeup()}.
 */
final class RecordTail implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions = new ArrayList<>();
  private final List<String> missing = new ArrayList<>();

  RecordTail(String bootstrapServers, List<String> topics) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "pipeline-tail-" + UUID.randomUUID());
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    Map<String, List<PartitionInfo>> existing = consumer.listTopics(Duration.ofSeconds(30));
    for (String topic : topics) {
      List<PartitionInfo> infos = existing.get(topic);
      if (infos == null || infos.isEmpty()) {
        missing.add(topic);
      } else {
        infos.forEach(i -> partitions.add(new TopicPartition(i.topic(), i.partition())));
      }
    }
    consumer.assign(partitions);
  }

  /** Topics asked for that do not exist (yet) on the cluster. */
  List<String> missingTopics() {
    return List.copyOf(missing);
  }

  /**
   * Reads from where {@code fromBeginning} or {@code last} says, hands each record to {@code sink} and returns how
   * many it handed over: at most {@code max} (negative: no limit), stopping at the end the topics had when the call
   * started unless {@code follow}, and when {@link #wakeup()} is called.
   *
   * @param last how many of the latest records to start with (over all partitions, in timestamp order)
   */
  long run(boolean fromBeginning, int last, boolean follow, long max, Consumer<ConsumerRecord<byte[], byte[]>> sink) {
    if (partitions.isEmpty()) {
      return 0;
    }
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
    Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
    long handed = 0;
    try {
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        // last N: each partition's last N offsets may hold them; read those, keep the latest N of all
        for (TopicPartition tp : partitions) {
          consumer.seek(tp, Math.max(starts.get(tp), ends.get(tp) - Math.max(0, last)));
        }
        List<ConsumerRecord<byte[], byte[]>> window = new ArrayList<>();
        while (!reached(ends)) {
          for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            if (r.offset() < ends.get(new TopicPartition(r.topic(), r.partition()))) {
              window.add(r);
            }
          }
        }
        // records committed meanwhile come after the window, in the follow loop
        partitions.forEach(tp -> consumer.seek(tp, ends.get(tp)));
        window.sort(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
            .thenComparing(ConsumerRecord::topic).thenComparingInt(ConsumerRecord::partition)
            .thenComparingLong(ConsumerRecord::offset));
        for (ConsumerRecord<byte[], byte[]> r : window.subList(Math.max(0, window.size() - last), window.size())) {
          if (max >= 0 && handed >= max) {
            return handed;
          }
          sink.accept(r);
          handed++;
        }
      }
      while (max < 0 || handed < max) {
        if (!follow && reached(ends)) {
          break;
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          if (!follow && r.offset() >= ends.get(new TopicPartition(r.topic(), r.partition()))) {
            continue; // committed after we started: not part of this snapshot
          }
          sink.accept(r);
          if (max >= 0 && ++handed >= max) {
            break;
          }
        }
      }
    } catch (WakeupException | InterruptException e) {
      // Ctrl-C: wakes the poll and interrupts the thread; the flag is cleared so that close() still works
      Thread.interrupted();
    }
    return handed;
  }

  private boolean reached(Map<TopicPartition, Long> ends) {
    return partitions.stream().allMatch(tp -> consumer.position(tp, Duration.ofSeconds(30)) >= ends.get(tp));
  }

  void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
  }
}
