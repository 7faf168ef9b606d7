package io.newssignals.alerts;

import static io.newssignals.alerts.Deals.partnership;
import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.schema.PartnershipAlert;
import io.newssignals.schema.PartnershipStatus;
import io.newssignals.topics.DeadLetters;
import io.newssignals.topics.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class AlertsTopologyDeadLetterTest {
  private static final byte[] NOT_AVRO = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void shouldDeadLetterAnUnreadableDealEventAndKeepAlerting() {
    try (TopologyTestDriver driver = AlertsTopologyTest.driver()) {
      TestInputTopic<String, byte[]> raw = driver.createInputTopic(Topics.DEALS.name(), new StringSerializer(),
          new ByteArraySerializer());
      TestOutputTopic<byte[], byte[]> dead = driver.createOutputTopic(Topics.DEAD_LETTER.name(),
          new ByteArrayDeserializer(), new ByteArrayDeserializer());
      TestOutputTopic<String, PartnershipAlert> alerts = driver.createOutputTopic(Topics.ALERTS.name(),
          Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer());

      raw.pipeInput("Acme|Globex", NOT_AVRO);
      var event = partnership("a-1", "Wire", AlertsTopologyTest.T0, PartnershipStatus.FORMED, "Acme", "Globex");
      raw.pipeInput("Acme|Globex", Topics.DEALS.valueSerde().serializer().serialize(Topics.DEALS.name(), event));

      TestRecord<byte[], byte[]> letter = dead.readRecord();
      assertThat(letter.value()).isEqualTo(NOT_AVRO);
      assertThat(new String(letter.key(), StandardCharsets.UTF_8)).isEqualTo("Acme|Globex");
      assertThat(header(letter, DeadLetters.SOURCE_TOPIC)).isEqualTo(Topics.DEALS.name());
      assertThat(header(letter, DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
      assertThat(header(letter, DeadLetters.REASON)).isEqualTo("deserialization");
      assertThat(header(letter, DeadLetters.EXCEPTION)).contains("DealEvent");
      assertThat(dead.isEmpty()).isTrue();

      assertThat(alerts.readValue().getPair()).containsExactly("Acme", "Globex");
      assertThat(alerts.isEmpty()).isTrue();
    }
  }

  private static String header(TestRecord<byte[], byte[]> r, String key) {
    Header h = r.headers().lastHeader(key);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
