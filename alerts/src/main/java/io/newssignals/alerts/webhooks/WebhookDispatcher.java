package io.newssignals.alerts.webhooks;

import io.newssignals.alerts.AlertsConfig;
import io.newssignals.schema.WebhookDeadLetter;
import io.newssignals.topics.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Webhook delivery of {@code alerts.partnership}: one {@link SubscriptionWorker} thread and consumer group per
 * subscription (so concurrency is bounded by the number of subscriptions, one request in flight per endpoint),
 * deliveries given up written to {@code webhooks.dead-letter} ({@link Topics#WEBHOOK_DEAD_LETTER}, key subscription
 * id, value {@link WebhookDeadLetter}).
 */
public final class WebhookDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookDispatcher.class);

  private final List<SubscriptionWorker> workers = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final Producer<String, byte[]> deadLetters;

  /**
   * @param startFrom where a subscription without delivery history starts: the first alert detected at or after
   *     this time (the service's start)
   */
  public WebhookDispatcher(AlertsConfig cfg, List<WebhookSubscription> subscriptions, Instant startFrom) {
    this(cfg, subscriptions, Clock.systemUTC(), startFrom);
  }

  WebhookDispatcher(AlertsConfig cfg, List<WebhookSubscription> subscriptions, Clock clock, Instant startFrom) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cfg.bootstrapServers());
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, cfg.applicationId() + "-webhook-dead-letters");
    // values are encoded by the caller: WebhookDeadLetter records for webhooks.dead-letter, the original bytes of
    // unreadable alerts for pipeline.dead-letter
    this.deadLetters = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    RetryPolicy retry = new RetryPolicy(cfg.retrySchedule(), new Random());
    for (WebhookSubscription sub : subscriptions) {
      workers.add(new SubscriptionWorker(sub, cfg.applicationId(), cfg.bootstrapServers(), deadLetters,
          new WebhookSender(cfg.webhookTimeout(), clock), retry, clock, startFrom,
          cfg.webhookMaxInFlight()));
    }
  }

  public void start() {
    for (int i = 0; i < workers.size(); i++) {
      Thread t = new Thread(workers.get(i), "webhook-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    LOG.info("webhook delivery started for {} subscription(s)", workers.size());
  }

  @Override
  public void close() {
    workers.forEach(SubscriptionWorker::stop);
    for (Thread t : threads) {
      try {
        t.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    deadLetters.close();
  }
}
