package io.newssignals.ops;

import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.streams.KafkaStreams;

/** Readiness checks and Micrometer binders for Kafka clients and Streams applications. */
public final class StreamsChecks {
  private StreamsChecks() {}

  /** Ready while the application is RUNNING (partitions assigned, state restored). */
  public static OpsServer.Check running(String service, Supplier<KafkaStreams.State> state) {
    return OpsServer.Check.of(service, () -> {
      KafkaStreams.State s = state.get();
      if (s == KafkaStreams.State.RUNNING) {
        return Optional.empty();
      }
      return Optional.of(service + ": Kafka Streams application " + (s == null ? "not started" : "is " + s));
    });
  }

  /**
   * Binds the Kafka Streams metrics of {@code streams} (its consumers, producers and tasks) to the process
   * registry; close the result when the application closes.
   */
  public static AutoCloseable bind(KafkaStreams streams) {
    KafkaStreamsMetrics m = new KafkaStreamsMetrics(streams);
    m.bindTo(OpsMetrics.registry());
    return m;
  }

  /** Binds a producer's client metrics to the process registry; close the result with the producer. */
  public static AutoCloseable bind(Producer<?, ?> producer) {
    KafkaClientMetrics m = new KafkaClientMetrics(producer);
    m.bindTo(OpsMetrics.registry());
    return m;
  }
}
