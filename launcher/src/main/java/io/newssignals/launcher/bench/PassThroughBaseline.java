package io.newssignals.launcher.bench;

import io.newssignals.schema.Article;
import io.newssignals.topics.AvroSerde;
import io.newssignals.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The raw Kafka cost of the pipeline's records: a plain consumer → producer pass-through of {@code news.articles}
 * into a copy topic with the same partition count, with the same serdes (each value is decoded to an
 * {@link Article} and encoded again) and no enrichment.
 *
 * <p>With {@code exactlyOnce} the pass-through does what Kafka Streams does under {@code exactly_once_v2}: a
 * {@code read_committed} consumer, a transactional producer, the consumed offsets committed inside the
 * transaction, one transaction per 100 ms (the Streams commit interval under exactly-once). Without it: an
 * idempotent producer with {@code acks=all} and asynchronous offset commits every 100 ms (at-least-once).
 */
final class PassThroughBaseline {
  /** Kafka Streams' default commit interval under exactly-once. */
  static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);

  private PassThroughBaseline() {}

  /**
   * Copies the {@code perPass} records of {@code inTopic} to {@code outTopic}, {@code passes} times over (seeking
   * back to the beginning after each pass), then returns when the last transaction is committed.
   *
   * @return when the first records were polled ({@link System#nanoTime()}): start-up (group join, transaction
   *     initialisation) is before it
   * @throws IllegalStateException when {@code timeout} passes first
   */
  static long run(String bootstrapServers, String inTopic, String outTopic, boolean exactlyOnce, int perPass,
      int passes, Duration timeout) {
    long expected = (long) perPass * passes;
    long firstPoll = 0;
    String runId = UUID.randomUUID().toString().substring(0, 8);
    Properties cp = new Properties();
    cp.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    cp.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-passthrough-" + runId);
    cp.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    cp.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    cp.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, exactlyOnce ? "read_committed" : "read_uncommitted");
    Properties pp = new Properties();
    pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    pp.put(ProducerConfig.ACKS_CONFIG, "all");
    pp.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    if (exactlyOnce) {
      pp.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "bench-passthrough-" + runId);
    }
    Deserializer<String> keyIn = Topics.ARTICLES.keySerde().deserializer();
    Serializer<String> keyOut = Topics.ARTICLES.keySerde().serializer();
    AvroSerde<Article> values = AvroSerde.of(Article.class);
    AtomicReference<Exception> sendFailure = new AtomicReference<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(cp,
            new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(pp,
            new ByteArraySerializer(), new ByteArraySerializer())) {
      if (exactlyOnce) {
        producer.initTransactions();
      }
      consumer.subscribe(List.of(inTopic));
      Map<TopicPartition, OffsetAndMetadata> pending = new HashMap<>();
      long processed = 0;
      int inPass = 0;
      boolean inTransaction = false;
      long windowStart = System.nanoTime();
      while (processed < expected) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("pass-through copied only " + processed + " of " + expected
              + " records within " + timeout.toSeconds() + " s");
        }
        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(50));
        if (!batch.isEmpty() && firstPoll == 0) {
          firstPoll = System.nanoTime();
        }
        if (!batch.isEmpty() && exactlyOnce && !inTransaction) {
          producer.beginTransaction();
          inTransaction = true;
        }
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          String key = keyIn.deserialize(r.topic(), r.key());
          Article article = values.decode(r.value());
          producer.send(new ProducerRecord<>(outTopic, keyOut.serialize(outTopic, key), values.encode(article)),
              (md, e) -> {
                if (e != null) {
                  sendFailure.compareAndSet(null, e);
                }
              });
          pending.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
          processed++;
          inPass++;
        }
        if (inPass >= perPass && processed < expected) {
          consumer.seekToBeginning(consumer.assignment());
          inPass = 0;
        }
        if (sendFailure.get() != null) {
          throw new IllegalStateException("pass-through send failed: " + sendFailure.get(), sendFailure.get());
        }
        boolean due = System.nanoTime() - windowStart >= COMMIT_INTERVAL.toNanos() || processed >= expected;
        if (due && !pending.isEmpty()) {
          if (exactlyOnce) {
            producer.sendOffsetsToTransaction(pending, consumer.groupMetadata());
            producer.commitTransaction();
            inTransaction = false;
          } else {
            producer.flush();
            consumer.commitAsync(new HashMap<>(pending), null);
          }
          pending.clear();
          windowStart = System.nanoTime();
        }
      }
      producer.flush();
    }
    return firstPoll;
  }
}
