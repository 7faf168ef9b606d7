package io.newssignals.alerts.webhooks;

import io.newssignals.ops.OpsMetrics;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.schema.WebhookDeadLetter;
import io.newssignals.topics.DeadLetters;
import io.newssignals.topics.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
 * Delivers {@code alerts.partnership} to one subscription: a slow or dead endpoint only holds up itself.
 *
 * <p>Its consumer group ({@code <application.id>-webhook-<subscription id>}) is the persistent queue: reads are
 * read_committed (only alerts of committed Streams transactions) and an offset is committed only after every alert
 * before it was delivered, filtered out or dead-lettered. A restart therefore resumes pending deliveries with the
 * same {@code webhook-id} (at least once). A new subscription starts at the alerts of the moment the service
 * started, and that starting point is committed at once.
 *
 * <p>Records of one partition are delivered one after the other (alerts of one pair stay in order, since the pair
 * is the key); different partitions are delivered in parallel, at most {@code maxInFlight} requests at a time.
 * The consumer thread only polls and commits: while deliveries wait for their next retry it keeps polling with
 * its partitions paused, so the group does not consider it dead, and on a rebalance it stops the deliveries,
 * commits what they finished and lets the new owner redo the rest.
 */
final class SubscriptionWorker implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionWorker.class);
  private static final Duration POLL = Duration.ofMillis(200);
  private static final long KEEP_ALIVE_MS = 200;
  private static final long SLEEP_SLICE_MS = 50;

  private final WebhookSubscription sub;
  private final List<byte[]> keys;
  private final KafkaConsumer<String, byte[]> consumer;
  private final Producer<String, byte[]> deadLetters;
  private final WebhookSender sender;
  private final RetryPolicy retry;
  private final Clock clock;
  private final Instant startedAt;
  private final ExecutorService deliveries;
  private volatile boolean running = true;
  private volatile boolean disabled;
  /** Set by the rebalance listener: positions were reset, whatever was fetched before is stale. */
  private volatile boolean rebalanced;
  /** Next offset to commit per partition: every record before it was delivered, skipped or dead-lettered. */
  private final Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
  /** Deliveries of the current poll, or null between polls. Touched by the consumer thread only. */
  private Batch batch;

  SubscriptionWorker(WebhookSubscription sub, String groupPrefix, String bootstrap,
      Producer<String, byte[]> deadLetters, WebhookSender sender, RetryPolicy retry, Clock clock,
      Instant startFrom, int maxInFlight) {
    this.sub = sub;
    this.keys = sub.keys();
    this.deadLetters = deadLetters;
    this.sender = sender;
    this.retry = retry;
    this.clock = clock;
    this.startedAt = startFrom;
    this.deliveries = Executors.newFixedThreadPool(maxInFlight, r -> {
      Thread t = new Thread(r, "webhook-" + sub.id() + "-delivery");
      t.setDaemon(true);
      return t;
    });
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId(groupPrefix, sub));
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, groupId(groupPrefix, sub));
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200);
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
        if (!records.isEmpty()) {
          deliverAll(records);
        }
        commitDone(false);
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
      finishBatch();
      try {
        commitDone(true);
      } catch (RuntimeException e) {
        LOG.info("webhook {}: final offset commit failed ({}); pending alerts will be delivered again", sub,
            e.toString());
      }
      deliveries.shutdownNow();
      consumer.close(Duration.ofSeconds(5));
    }
  }

  /** Delivers one poll's records, partitions in parallel, keeping the consumer alive meanwhile. */
  private void deliverAll(ConsumerRecords<String, byte[]> records) throws InterruptedException {
    batch = new Batch();
    for (TopicPartition tp : records.partitions()) {
      batch.start(tp, records.records(tp));
    }
    CompletableFuture<Void> all = CompletableFuture.allOf(batch.futures.toArray(CompletableFuture[]::new));
    Set<TopicPartition> paused = consumer.assignment();
    consumer.pause(paused);
    try {
      while (!all.isDone()) {
        try {
          all.get(KEEP_ALIVE_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          keepAlive();
        } catch (ExecutionException e) {
          throw new IllegalStateException("webhook delivery failed: " + e.getCause(), e.getCause());
        }
      }
    } finally {
      if (!rebalanced) {
        consumer.resume(consumer.assignment());
      }
      finishBatch();
    }
  }

  /** A poll while deliveries run: keeps the member alive and runs rebalance callbacks. */
  private void keepAlive() {
    ConsumerRecords<String, byte[]> stray = consumer.poll(Duration.ZERO);
    // only partitions newly assigned during the wait can return records: rewind them, they are read again
    for (TopicPartition tp : stray.partitions()) {
      consumer.seek(tp, stray.records(tp).get(0).offset());
    }
  }

  /** Stops (if asked) and collects the current batch: its finished offsets join {@link #done}. */
  private void finishBatch() {
    if (batch == null) {
      return;
    }
    Batch b = batch;
    batch = null;
    b.awaitAll();
    done.putAll(b.finished());
  }

  /**
   * Commits the offsets of finished records: asynchronously while running (a lost commit only means a redelivery
   * with the same webhook-id), synchronously on revocation and shutdown.
   */
  private void commitDone(boolean sync) {
    if (done.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> offsets = Map.copyOf(done);
    done.clear();
    if (sync) {
      try {
        consumer.commitSync(offsets);
      } catch (CommitFailedException e) {
        LOG.info("webhook {}: commit after a rebalance failed; up to {} alert(s) may be delivered again", sub,
            offsets.size());
      }
    } else {
      consumer.commitAsync(offsets, (o, e) -> {
        if (e != null) {
          LOG.info("webhook {}: offset commit failed ({}); the alerts may be delivered again", sub, e.toString());
        }
      });
    }
  }

  /** The deliveries of one poll: one sequential task per partition. */
  private final class Batch {
    final AtomicBoolean abort = new AtomicBoolean();
    final List<CompletableFuture<Void>> futures = new ArrayList<>();
    final Map<TopicPartition, AtomicLong> next = new HashMap<>();

    void start(TopicPartition tp, List<ConsumerRecord<String, byte[]>> records) {
      AtomicLong progress = new AtomicLong(-1);
      next.put(tp, progress);
      futures.add(CompletableFuture.runAsync(() -> {
        for (ConsumerRecord<String, byte[]> r : records) {
          if (abort.get() || !running || disabled) {
            return;
          }
          try {
            if (!handle(r, abort)) {
              return; // stopped: the unfinished record is delivered again later
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
          progress.set(r.offset() + 1);
        }
      }, deliveries));
    }

    void abort() {
      abort.set(true);
    }

    void awaitAll() {
      for (CompletableFuture<Void> f : futures) {
        try {
          f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (ExecutionException e) {
          LOG.error("webhook {}: delivery task failed: {}", sub, e.getCause().toString(), e.getCause());
        }
      }
    }

    Map<TopicPartition, OffsetAndMetadata> finished() {
      Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
      next.forEach((tp, n) -> {
        if (n.get() >= 0) {
          out.put(tp, new OffsetAndMetadata(n.get()));
        }
      });
      return out;
    }
  }

  /** True when the record is finished with (delivered, skipped or dead-lettered); false when stopped. */
  private boolean handle(ConsumerRecord<String, byte[]> r, AtomicBoolean abort) throws InterruptedException {
    PartnershipAlert alert;
    try {
      alert = Topics.ALERTS.valueSerde().deserializer().deserialize(r.topic(), r.value());
    } catch (RuntimeException e) {
      deadLetterUnreadable(r, e);
      return true;
    }
    if (alert == null || !sub.wants(alert)) {
      return true;
    }
    WebhookDelivery d = WebhookDelivery.of(sub, alert);
    Instant first = clock.instant();
    int attempts = 0;
    while (running && !abort.get() && !disabled) {
      attempts++;
      WebhookSender.Attempt a = sender.send(sub, keys, d);
      if (a.succeeded()) {
        OpsMetrics.counter(OpsMetrics.WEBHOOK_DELIVERIES, "subscription", sub.id(), "outcome", "delivered").increment();
        if (attempts > 1) {
          // the failures were logged at INFO: say that they ended, and how long the subscriber waited
          LOG.info("webhook {} delivered {} ({}) on attempt {}, {} ms after the first", sub, d.webhookId(),
              d.alertId(), attempts, Duration.between(first, clock.instant()).toMillis());
        } else {
          LOG.debug("webhook {} delivered {} ({}) attempt {}", sub, d.webhookId(), d.alertId(), attempts);
        }
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
      OpsMetrics.counter(OpsMetrics.WEBHOOK_DELIVERIES, "subscription", sub.id(), "outcome", "failed_attempt")
          .increment();
      LOG.info("webhook {} attempt {} of {} for {} failed ({}); retry in {} ms", sub, attempts, retry.maxAttempts(),
          d.webhookId(), a.describe(), delay.get().toMillis());
      if (!sleep(delay.get(), abort)) {
        return false;
      }
    }
    return false;
  }

  /** Sleeps unless stopped, aborted or disabled meanwhile (then false). */
  private boolean sleep(Duration delay, AtomicBoolean abort) throws InterruptedException {
    long until = System.nanoTime() + delay.toNanos();
    while (running && !abort.get() && !disabled) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return true;
      }
      Thread.sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, SLEEP_SLICE_MS));
    }
    return false;
  }

  /**
   * An alert record that is not a readable {@code PartnershipAlert} goes, original bytes and all, to the pipeline's
   * dead-letter topic (once per subscription that met it: the reason names the subscription), and delivery goes on.
   */
  private void deadLetterUnreadable(ConsumerRecord<String, byte[]> r, RuntimeException e) {
    LOG.warn("webhook {}: dead-lettering unreadable alert topic={} partition={} offset={}: {}", sub, r.topic(),
        r.partition(), r.offset(), e.getMessage());
    var headers = DeadLetters.headers(r.topic(), r.partition(), r.offset(),
        "deserialization (webhook subscription " + sub.id() + ")", e);
    try {
      deadLetters.send(new ProducerRecord<>(Topics.DEAD_LETTER.name(), null, null, r.key(), r.value(), headers)).get();
      OpsMetrics.counter(OpsMetrics.DEAD_LETTERS, "source", r.topic()).increment();
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering " + r.topic() + "-" + r.partition() + "@"
          + r.offset(), ie);
    } catch (ExecutionException ee) {
      // the offset is not committed: the record is met again after a restart rather than lost
      throw new IllegalStateException("cannot dead-letter " + r.topic() + "-" + r.partition() + "@" + r.offset()
          + ": " + ee.getCause(), ee);
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
      deadLetters.send(new ProducerRecord<>(Topics.WEBHOOK_DEAD_LETTER.name(), sub.id(),
          Topics.WEBHOOK_DEAD_LETTER.valueSerde().serializer().serialize(Topics.WEBHOOK_DEAD_LETTER.name(), dl))).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while dead-lettering " + d.webhookId(), e);
    } catch (ExecutionException e) {
      // the offset is not committed: the delivery is retried after a restart rather than lost
      throw new IllegalStateException("cannot write dead letter of " + d.webhookId() + ": " + e.getCause(), e);
    }
    OpsMetrics.counter(OpsMetrics.WEBHOOK_DELIVERIES, "subscription", sub.id(), "outcome", "dead_lettered").increment();
    OpsMetrics.counter(OpsMetrics.DEAD_LETTERS, "source", "webhook:" + sub.id()).increment();
    LOG.warn("webhook {} dead-lettered {} (alert {}) after {} attempt(s): {}", sub, d.webhookId(), d.alertId(),
        attempts, reason);
  }

  private final class Listener implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      if (batch != null) {
        batch.abort();
        finishBatch();
      }
      commitDone(true);
      if (!partitions.isEmpty()) {
        rebalanced = true;
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      if (batch != null) {
        batch.abort();
        finishBatch();
      }
      done.keySet().removeAll(partitions);
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
