package io.newssignals.ingest;

import io.newssignals.schema.FeedState;
import io.newssignals.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the compacted {@code news.feed-state} topic (key: feed URL, value: {@link FeedState}) from the beginning to
 * its end (the high watermark at the time of the call), read_committed, without a consumer group: the latest state
 * of every feed, restored at start-up and shown by {@code feeds status}. When a transaction is still open the read
 * waits for it to be resolved (at most the producer's transaction timeout) rather than return a stale state.
 */
public final class FeedStateStore {
  private static final Logger LOG = LoggerFactory.getLogger(FeedStateStore.class);

  private FeedStateStore() {}

  public static Map<String, FeedState> readAll(String bootstrapServers, Duration timeout) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-feed-state-restore");
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    Map<String, FeedState> states = new HashMap<>();
    String topic = Topics.FEED_STATE.name();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
      if (infos == null || infos.isEmpty()) {
        return states;
      }
      List<TopicPartition> partitions = new ArrayList<>();
      infos.forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      // read up to the high watermark, not the last stable offset: a transaction another producer left open would
      // otherwise hide every state committed after it, and a restore would be silently stale
      Map<TopicPartition, Long> end;
      try (KafkaConsumer<byte[], byte[]> probe = new KafkaConsumer<>(uncommitted(props))) {
        end = probe.endOffsets(partitions, timeout);
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!caughtUp(consumer, end)) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("timed out restoring feed state from " + topic
              + " (an open transaction of another producer holds it back?)");
        }
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
          String key = Topics.FEED_STATE.keySerde().deserializer().deserialize(topic, r.key());
          if (r.value() == null) {
            states.remove(key);
            continue;
          }
          try {
            states.put(key, Topics.FEED_STATE.valueSerde().deserializer().deserialize(topic, r.value()));
          } catch (SerializationException e) {
            LOG.warn("skipping unreadable feed state for {} at {}-{}@{}: {}", key, topic, r.partition(), r.offset(),
                e.getMessage());
          }
        }
      }
    }
    return states;
  }

  private static Properties uncommitted(Properties props) {
    Properties p = new Properties();
    p.putAll(props);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-feed-state-end-offsets");
    return p;
  }

  private static boolean caughtUp(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end) {
    for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
      if (consumer.position(e.getKey()) < e.getValue()) {
        return false;
      }
    }
    return true;
  }
}
