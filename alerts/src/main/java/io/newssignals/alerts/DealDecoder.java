package io.newssignals.alerts;

import io.newssignals.ops.OpsMetrics;
import io.newssignals.schema.DealEvent;
import io.newssignals.topics.DeadLetters;
import io.newssignals.topics.Topics;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes the raw value of a {@code signals.deals} record. A record that is not a readable {@code DealEvent} is
 * not dropped and does not stop the application: it comes out as {@link Decoded#poison()} with its original bytes
 * and the {@link DeadLetters} headers, for the topology to write to the dead-letter topic inside the same
 * exactly-once transaction.
 */
final class DealDecoder implements FixedKeyProcessor<String, byte[], DealDecoder.Decoded> {
  private static final Logger LOG = LoggerFactory.getLogger(DealDecoder.class);

  /** Either an event or, when {@code event} is null, the original bytes of an unreadable record. */
  record Decoded(DealEvent event, byte[] raw) {
    boolean poison() {
      return event == null;
    }
  }

  private static final Deserializer<DealEvent> EVENTS = Topics.DEALS.valueSerde().deserializer();

  private FixedKeyProcessorContext<String, Decoded> context;

  @Override
  public void init(FixedKeyProcessorContext<String, Decoded> context) {
    this.context = context;
  }

  @Override
  public void process(FixedKeyRecord<String, byte[]> r) {
    if (r.value() == null) {
      return; // a tombstone carries no event
    }
    try {
      context.forward(r.withValue(new Decoded(EVENTS.deserialize(Topics.DEALS.name(), r.value()), null)));
    } catch (RuntimeException e) {
      RecordMetadata m = context.recordMetadata().orElse(null);
      String topic = m == null ? Topics.DEALS.name() : m.topic();
      int partition = m == null ? -1 : m.partition();
      long offset = m == null ? -1 : m.offset();
      LOG.warn("dead-lettering unreadable deal event topic={} partition={} offset={}: {}", topic, partition, offset,
          e.getMessage());
      var headers = DeadLetters.headers(topic, partition, offset, "deserialization", e);
      context.forward(r.withValue(new Decoded(null, r.value())).withHeaders(headers));
      OpsMetrics.counter(OpsMetrics.DEAD_LETTERS, "source", topic).increment();
    }
  }
}
