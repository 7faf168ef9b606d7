package io.newssignals.topics;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A typed topic descriptor: name, key and value serdes, default partition count and topic-level configs.
 *
 * @param name topic name
 * @param keySerde serde of the record key
 * @param valueSerde serde of the record value
 * @param partitions partitions created when the topic is missing
 * @param configs topic configs applied on creation (for example {@code cleanup.policy=compact})
 * @param description one line for operators (README, {@code --help})
 */
public record Topic<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, int partitions, Map<String, String> configs, String description) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    if (partitions < 1) {
      throw new IllegalArgumentException("partitions must be >= 1 for topic " + name);
    }
    configs = Map.copyOf(configs);
  }

  public boolean compacted() {
    return "compact".equals(configs.get("cleanup.policy"));
  }

  @Override
  public String toString() {
    return name;
  }
}
