package io.newssignals.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaBrokerIT {

  @Test
  void shouldDeliverAProducedRecordToAConsumer() throws Exception {
    String bootstrap = SharedKafka.bootstrapServers();
    String topic = "it.broker." + UUID.randomUUID();
    createTopic(bootstrap, topic);

    produce(bootstrap, topic, "k1", "hello");

    assertThat(consumeAll(bootstrap, topic, 1)).containsExactly("k1=hello");
  }

  @Test
  void shouldKeepTopicsAndRecordsAcrossARestartOnTheSameDataDirectory(@TempDir Path dir) throws Exception {
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir).start()) {
      String bootstrap = broker.bootstrapServers();
      createTopic(bootstrap, "restart.me");
      produce(bootstrap, "restart.me", "k", "before");

      broker.restart();

      assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
      produce(bootstrap, "restart.me", "k", "after");
      assertThat(consumeAll(bootstrap, "restart.me", 2)).containsExactly("k=before", "k=after");
    }
  }

  @Test
  void shouldForgetEveryTopicWhenStartedFresh(@TempDir Path dir) throws Exception {
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir).start()) {
      createTopic(broker.bootstrapServers(), "forget.me");
    }

    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dir).startFresh();
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      assertThat(admin.listTopics().names().get()).doesNotContain("forget.me");
    }
  }

  @Test
  void shouldRefuseToStartASecondBrokerOnADataDirectoryInUse(@TempDir Path dir) throws Exception {
    try (EmbeddedKafkaBroker first = new EmbeddedKafkaBroker(dir).start();
        EmbeddedKafkaBroker second = new EmbeddedKafkaBroker(dir)) {
      assertThatThrownBy(second::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("in use");

      assertThat(second.isRunning()).isFalse();
      createTopic(first.bootstrapServers(), "still.serving");
      produce(first.bootstrapServers(), "still.serving", "k", "v");
      assertThat(consumeAll(first.bootstrapServers(), "still.serving", 1)).containsExactly("k=v");
    }
  }

  private static void createTopic(String bootstrap, String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
      // the broker's metadata cache follows the controller shortly after creation
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (!admin.listTopics().names().get().contains(topic) && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(admin.listTopics().names().get()).contains(topic);
    }
  }

  private static void produce(String bootstrap, String topic, String key, String value) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  private static List<String> consumeAll(String bootstrap, String topic, int expected) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> seen = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (seen.size() < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          seen.add(r.key() + "=" + r.value());
        }
      }
    }
    return seen;
  }
}
