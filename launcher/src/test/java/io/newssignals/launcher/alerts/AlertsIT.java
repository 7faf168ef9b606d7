package io.newssignals.launcher.alerts;

import io.newssignals.schema.DealEvent;
import io.newssignals.schema.EventType;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.schema.PartnershipStatus;
import io.newssignals.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Shared helpers of the alerts integration tests: producing deal events, reading committed records, waiting. */
final class AlertsIT {
  private AlertsIT() {}

  static DealEvent partnership(String articleId, Instant published, PartnershipStatus status, String... parties) {
    List<String> sorted = new ArrayList<>(Arrays.asList(parties));
    sorted.sort(null);
    return DealEvent.newBuilder()
        .setEventId(articleId + "-0").setType(EventType.PARTNERSHIP).setParties(sorted).setStatus(status)
        .setEvidence(String.join(" and ", sorted) + " partnership " + status).setConfidence(0.9)
        .setArticleId(articleId).setSource("IT Desk").setUrl("https://it.example/" + articleId)
        .setTitle("Title " + articleId).setPublished(published).build();
  }

  static KafkaProducer<String, DealEvent> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaProducer<>(p, Topics.DEALS.keySerde().serializer(), Topics.DEALS.valueSerde().serializer());
  }

  static void send(KafkaProducer<String, DealEvent> producer, DealEvent e) {
    try {
      producer.send(new ProducerRecord<>(Topics.DEALS.name(), String.join("|", e.getParties()), e)).get();
    } catch (Exception ex) {
      throw new AssertionError("cannot produce deal event: " + ex, ex);
    }
  }

  /** Every committed record of a topic up to its current end, decoded with the topic's value serde. */
  static <V> List<ConsumerRecord<String, V>> readCommitted(String bootstrap, io.newssignals.topics.Topic<String, V> topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    List<ConsumerRecord<String, V>> out = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts = c.partitionsFor(topic.name(), Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      var end = c.endOffsets(parts, Duration.ofSeconds(30));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(200))) {
          V v = topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
          out.add(new ConsumerRecord<>(r.topic(), r.partition(), r.offset(), r.key(), v));
        }
      }
    }
    return out;
  }

  static List<PartnershipAlert> alertsNaming(String bootstrap, String company) {
    return readCommitted(bootstrap, Topics.ALERTS).stream().map(ConsumerRecord::value)
        .filter(a -> a.getPair().contains(company)).toList();
  }
}
