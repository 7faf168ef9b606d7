package io.newssignals.ingest;

import io.newssignals.schema.Article;
import io.newssignals.schema.FeedState;
import io.newssignals.schema.IngestError;
import io.newssignals.topics.Topics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import io.newssignals.ops.StreamsChecks;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes each poll batch in one Kafka transaction: articles to {@code news.articles} (key: article id), feed
 * states to the compacted {@code news.feed-state} (key: feed URL), failures to {@code news.ingest.errors} (key: feed
 * URL). Because the new feed state (the ids it remembers) commits atomically with the articles, a crash at any
 * point neither loses nor duplicates an article for read_committed consumers. Idempotent producer, {@code acks=all},
 * a send callback that logs and keeps the first failure.
 */
public final class KafkaIngestPublisher implements IngestPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaIngestPublisher.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final Properties props;
  private KafkaProducer<byte[], byte[]> producer;
  private AutoCloseable producerMetrics;

  public KafkaIngestPublisher(String bootstrapServers, String transactionalId) {
    props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-" + transactionalId);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, RecordLimits.MAX_RECORD_BYTES);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 120_000);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
  }

  /** Creates the producer and initialises transactions now (fencing a previous instance with the same id). */
  public synchronized void init() {
    producer();
  }

  private KafkaProducer<byte[], byte[]> producer() {
    if (producer == null) {
      KafkaProducer<byte[], byte[]> p = new KafkaProducer<>(props);
      try {
        p.initTransactions();
      } catch (RuntimeException e) {
        p.close(CLOSE_TIMEOUT);
        throw e;
      }
      producer = p;
      producerMetrics = StreamsChecks.bind(p);
    }
    return producer;
  }

  @Override
  public synchronized void publish(Batch batch) {
    if (batch.articles().isEmpty() && batch.states().isEmpty() && batch.errors().isEmpty()) {
      return;
    }
    KafkaProducer<byte[], byte[]> p = producer();
    AtomicReference<Exception> failure = new AtomicReference<>();
    try {
      p.beginTransaction();
      for (Article a : batch.articles()) {
        send(p, Topics.ARTICLES.name(), a.getId(), Topics.ARTICLES.valueSerde().serializer().serialize(Topics.ARTICLES.name(), a), failure);
      }
      for (IngestError e : batch.errors()) {
        send(p, Topics.INGEST_ERRORS.name(), e.getFeedUrl(),
            Topics.INGEST_ERRORS.valueSerde().serializer().serialize(Topics.INGEST_ERRORS.name(), e), failure);
      }
      for (FeedState s : batch.states()) {
        send(p, Topics.FEED_STATE.name(), s.getFeedUrl(),
            Topics.FEED_STATE.valueSerde().serializer().serialize(Topics.FEED_STATE.name(), s), failure);
      }
      p.commitTransaction();
    } catch (ProducerFencedException | InvalidProducerEpochException | OutOfOrderSequenceException
        | AuthorizationException e) {
      // the producer cannot be used again: fenced means another instance took over (the service stops); for the
      // others a new producer is created on the next batch
      LOG.error("ingest producer failed fatally: {}", e.toString());
      closeProducer();
      throw e;
    } catch (KafkaException e) {
      LOG.warn("aborting ingest transaction of {} articles, {} feed states: {}", batch.articles().size(),
          batch.states().size(), e.toString());
      try {
        p.abortTransaction();
      } catch (KafkaException abort) {
        closeProducer();
      }
      throw e;
    }
    if (failure.get() != null) {
      throw new KafkaException("a send of the committed batch failed", failure.get());
    }
  }

  private static void send(KafkaProducer<byte[], byte[]> p, String topic, String key, byte[] value,
      AtomicReference<Exception> failure) {
    p.send(new ProducerRecord<>(topic, Topics.ARTICLES.keySerde().serializer().serialize(topic, key), value),
        (metadata, e) -> {
          if (e != null && failure.compareAndSet(null, e)) {
            LOG.warn("send to {} failed for key {}: {}", topic, key, e.toString());
          }
        });
  }

  private void closeProducer() {
    if (producerMetrics != null) {
      try {
        producerMetrics.close();
      } catch (Exception ignored) {
        // metrics only
      }
      producerMetrics = null;
    }
    if (producer != null) {
      try {
        producer.close(CLOSE_TIMEOUT);
      } catch (RuntimeException ignored) {
        // already broken
      }
      producer = null;
    }
  }

  @Override
  public synchronized void close() {
    closeProducer();
  }
}
