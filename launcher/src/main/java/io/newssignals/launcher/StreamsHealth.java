package io.newssignals.launcher;

import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;

/** Reads a Kafka Streams state as healthy or failed. */
final class StreamsHealth {
  private StreamsHealth() {}

  /** Why the service is down, or empty while it is starting, rebalancing or running. */
  static Optional<String> failure(String service, KafkaStreams.State state) {
    if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR) {
      return Optional.of(service + " stopped: its Kafka Streams application is in state " + state
          + " (see the log above)");
    }
    if (state == KafkaStreams.State.NOT_RUNNING || state == KafkaStreams.State.PENDING_SHUTDOWN) {
      return Optional.of(service + " stopped: its Kafka Streams application is " + state);
    }
    return Optional.empty();
  }
}
