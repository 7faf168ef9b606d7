package io.newssignals.alerts.webhooks;

import io.newssignals.schema.PartnershipAlert;
import io.newssignals.schema.WebhookDeadLetter;
import io.newssignals.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers {@code alerts.partnership} to one subscription, one delivery at a time in offset order, on its own
 * thread: a slow or dead endpoint only holds up itself.
 *
 * <p>Its consumer group ({@code <application.id>-webhook-<subscription id>}) is the persistent queue: reads are
 * read_committed (only alerts of committed Streams transactions) and an offset is committed only after the alert
 * was delivered, filtered out or dead-lettered. A restart therefore resumes the pending delivery with the same
 * {@code webhook-id} (at least once). A new subscription starts at the alerts of the moment the service started.
 * While a delivery waits for its next retry the consumer keeps polling with its partitions paused, so the group
 * does not consider it dead.
 */
final class SubscriptionWorker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionWorker.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final Duration KEEP_ALIVE = Duration.ofMillis(500);

  private final WebhookSubscription sub;
  private final List<byte[]> keys;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Producer<String, WebhookDeadLetter> deadLetters;
  private final WebhookSender sender;
  private final RetryPolicy retry;
  private final Clock clock;
  private final Instant startedAt;
  private volatile boolean running = true;
  private volatile boolean disabled;
  /** Set by the rebalance listener: positions were reset, whatever was fetched before is stale. */
  private volatile boolean rebalanced;

  SubscriptionWorker(WebhookSubscription sub, String groupPrefix, String bootstrap,
      Producer<String, WebhookDeadLetter> deadLetters, WebhookSender sender, RetryPolicy retry, Clock clock,
      Instant startFrom) {
    this.sub = sub;
    this.keys = sub.keys();
    this.deadLetters = deadLetters;
    this.sender = sender;
    this.retry = retry;
    this.clock = clock;
    this.startedAt = startFrom;
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(groupPrefix, sub));
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId(groupPrefix, sub));
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 100);
    this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
  }

  static String groupId(String prefix, WebhookSubscription sub) {
    return prefix + "-webhook-" + sub.id();
  }

  boolean disabled() {
    return disabled;
  }

  void stop() {
    running = false;
    consumer.wakeup();
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(List.of(Topics.ALERTS.name()), new Listener());
      while (running && !disabled) {
        ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
        rebalanced = false;
        deliverAll(records);
      }
    } catch (WakeupException e) {
      if (running) {
        LOG.error("webhook {} worker woken up unexpectedly", sub, e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("webhook {} worker stopped: {}", sub, e.toString(), e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
    }
  }

  private void deliverAll(ConsumerRecords<String, byte[]> records) throws InterruptedException {
    for (TopicPartition tp : records.partitions()) {
      for (ConsumerRecord<String, byte[]> r : records.records(tp)) {
        if (!running || disabled || rebalanced) {
          return;
        }
        boolean done = handle(r);
        if (!done) {
          return; // stopping or partitions moved: the uncommitted record is delivered again later
        }
        try {
          consumer.commitSync(Map.of(tp, new OffsetAndMetadata(r.offset() + 1)));
        } catch (CommitFailedException e) {
          LOG.info("webhook {}: commit of {}@{} failed after a rebalance; it may be delivered again", sub, tp,
              r.offset());
          return;
        }
      }
    }
  }

  /** True when the record is finished with (delivered, skipped or dead-lettered). */
  private boolean handle(ConsumerRecord<String, byte[]> r) throws InterruptedException {
    PartnershipAlert alert;
    try {
      alert = Topics.ALERTS.valueSerde().deserializer().deserialize(r.topic(), r.value());
    } catch (RuntimeException e) {
      LOG.warn("webhook {}: skipping undecodable alert at {}-{}@{}: {}", sub, r.topic(), r.partition(), r.offset(),
          e.getMessage());
      return true;
    }
    if (alert == null || !sub.wants(alert)) {
      return true;
    }
    WebhookDelivery d = WebhookDelivery.of(sub, alert);
    Instant first = clock.instant();
    int attempts = 0;
    while (running) {
      attempts++;
      WebhookSender.Attempt a = sender.send(sub, keys, d);
      if (a.succeeded()) {
        LOG.debug("webhook {} delivered {} ({}) attempt {}", sub, d.webhookId(), d.alertId(), attempts);
        return true;
      }
      if (a.gone()) {
        deadLetter(d, attempts, a, first, "410 Gone: the endpoint asked to stop; subscription disabled");
        disabled = true;
        LOG.warn("webhook {} answered 410 Gone: subscription disabled until restart (remove it from the webhooks "
            + "file)", sub);
        return true;
      }
      if (!a.retryable()) {
        deadLetter(d, attempts, a, first, a.describe() + " is not retryable (only 429, 5xx, 408 and timeouts are)");
        return true;
      }
      var delay = retry.nextDelay(attempts, a.retryAfter());
      if (delay.isEmpty()) {
        deadLetter(d, attempts, a, first, "gave up after " + attempts + " attempts, last: " + a.describe());
        return true;
      }
      LOG.info("webhook {} attempt {} of {} for {} failed ({}); retry in {} ms", sub, attempts, retry.maxAttempts(),
          d.webhookId(), a.describe(), delay.get().toMillis());
      if (!waitKeepingMembership(delay.get())) {
        return false;
      }
    }
    return false;
  }

  /** Sleeps for {@code delay} while polling with paused partitions; false if stopped or rebalanced meanwhile. */
  private boolean waitKeepingMembership(Duration delay) {
    Instant until = clock.instant().plus(delay);
    Set<TopicPartition> paused = consumer.assignment();
    consumer.pause(paused);
    try {
      while (running && clock.instant().isBefore(until)) {
        Duration left = Duration.between(clock.instant(), until);
        ConsumerRecords<String, byte[]> stray = consumer.poll(left.compareTo(KEEP_ALIVE) < 0 ? left : KEEP_ALIVE);
        if (!stray.isEmpty()) {
          // only partitions newly assigned during the wait can return records: rewind them, they are read again
          for (TopicPartition tp : stray.partitions()) {
            consumer.seek(tp, stray.records(tp).get(0).offset());
          }
        }
        if (rebalanced) {
          return false;
        }
      }
      return running;
    } finally {
      consumer.resume(consumer.assignment());
    }
  }

  private void deadLetter(WebhookDelivery d, int attempts, WebhookSender.Attempt last, Instant first, String reason) {
    WebhookDeadLetter dl = WebhookDeadLetter.newBuilder()
        .setWebhookId(d.webhookId())
        .setSubscriptionId(sub.id())
        .setUrl(sub.url().toString())
        .setEventType(d.eventType())
        .setAlertId(d.alertId())
        .setAttempts(attempts)
        .setLastStatusCode(last.status() < 0 ? null : last.status())
        .setReason(reason)
        .setFirstAttemptAt(first)
        .setFailedAt(clock.instant())
        .setPayload(d.bodyText())
        .build();
    try {
      deadLetters.send(new ProducerRecord<>(Topics.WEBHOOK_DEAD_LETTER.name(), sub.id(), dl)).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering " + d.webhookId(), e);
    } catch (ExecutionException e) {
      // not committing the offset: the delivery is retried after a restart rather than lost
      throw new IllegalStateException("cannot write dead letter of " + d.webhookId() + ": " + e.getCause(), e);
    }
    LOG.warn("webhook {} dead-lettered {} (alert {}) after {} attempt(s): {}", sub, d.webhookId(), d.alertId(),
        attempts, reason);
  }

  private final class Listener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (!partitions.isEmpty()) {
        rebalanced = true;
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      rebalanced = true;
      Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
      Map<TopicPartition, Long> fresh = new HashMap<>();
      for (TopicPartition tp : partitions) {
        OffsetAndMetadata c = committed.get(tp);
        if (c != null) {
          consumer.seek(tp, c.offset());
        } else {
          fresh.put(tp, startedAt.toEpochMilli());
        }
      }
      if (!fresh.isEmpty()) {
        Map<TopicPartition, OffsetAndTimestamp> at = consumer.offsetsForTimes(fresh);
        Map<TopicPartition, OffsetAndMetadata> start = new HashMap<>();
        for (TopicPartition tp : fresh.keySet()) {
          OffsetAndTimestamp o = at.get(tp);
          if (o != null) {
            consumer.seek(tp, o.offset());
          } else {
            consumer.seekToEnd(List.of(tp));
          }
          start.put(tp, new OffsetAndMetadata(consumer.position(tp)));
        }
        // persist the starting point: after a crash the subscription resumes here, not at the next start time
        consumer.commitSync(start);
        LOG.info("webhook {}: new subscription, delivering alerts from {} on", sub, startedAt);
      }
    }
  }
}
