package io.newssignals.alerts;

import io.newssignals.alerts.webhooks.WebhookDispatcher;
import io.newssignals.alerts.webhooks.WebhookSubscription;
import io.newssignals.alerts.webhooks.WebhookSubscriptions;
import io.newssignals.ops.StreamsChecks;
import io.newssignals.topics.TopicAdmin;
import io.newssignals.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts service: the {@link AlertsTopology} Streams app plus the {@link WebhookDispatcher}. Topics in:
 * {@code signals.deals}; out: {@code alerts.partnership}, {@code signals.partnerships},
 * {@code webhooks.dead-letter}. The webhooks file is read and validated in the constructor, so a bad file fails
 * before anything starts.
 */
public final class AlertsService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertsService.class);

  private final AlertsConfig cfg;
  private final List<WebhookSubscription> subscriptions;
  private KafkaStreams streams;
  private AutoCloseable streamsMetrics;
  private WebhookDispatcher dispatcher;
  private final CountDownLatch terminated = new CountDownLatch(1);
  private volatile boolean failed;
  private final AtomicLong parked = new AtomicLong();

  public AlertsService(AlertsConfig cfg) {
    this.cfg = cfg;
    this.subscriptions = cfg.webhooksFile() == null ? List.of() : WebhookSubscriptions.load(cfg.webhooksFile());
  }

  public List<WebhookSubscription> subscriptions() {
    return subscriptions;
  }

  /** Ensures the topics, starts the Streams app and the webhook dispatcher. */
  public synchronized void start() {
    int rf = TopicAdmin.ensureTopics(cfg.bootstrapServers(),
        List.of(Topics.DEALS, Topics.PARTNERSHIPS, Topics.ALERTS, Topics.WEBHOOK_DEAD_LETTER, Topics.DEAD_LETTER),
        cfg.replicationFactor());
    Instant startedAt = Instant.now();
    Properties props = cfg.streamsProperties();
    // internal topics get the same capped factor as ours: the default 3 would fail on a one-broker cluster
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, rf);
    streams = new KafkaStreams(AlertsTopology.build(cfg, parked), props);
    // an unexpected processing error stops the service (state ERROR) rather than retrying the same record
    // forever: the command exits non-zero and the orchestrator restarts it from the last committed state
    streams.setUncaughtExceptionHandler(e -> {
      LOG.error("alerts stream thread failed, stopping the service: {}", e.toString(), e);
      return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
          .SHUTDOWN_CLIENT;
    });
    streams.setStateListener((now, before) -> {
      if (now == KafkaStreams.State.ERROR) {
        failed = true;
        terminated.countDown();
      } else if (now == KafkaStreams.State.NOT_RUNNING) {
        terminated.countDown();
      }
    });
    streamsMetrics = StreamsChecks.bind(streams);
    streams.start();
    LOG.info("alerts service started: application {} on {}, {} webhook subscription(s)", cfg.applicationId(),
        cfg.bootstrapServers(), subscriptions.size());
    if (!subscriptions.isEmpty()) {
      dispatcher = new WebhookDispatcher(cfg, subscriptions, startedAt);
      dispatcher.start();
    }
  }

  /** The Streams state (RUNNING once partitions are assigned), or null before {@link #start()}. */
  public KafkaStreams.State state() {
    return streams == null ? null : streams.state();
  }

  /**
   * Deal events consumed but still held in the reorder buffer of this instance (zero lag on {@code signals.deals}
   * does not mean every alert was raised until this is zero too).
   */
  public long parkedEvents() {
    return parked.get();
  }

  /** Blocks until the service is closed or its Streams app failed; true if it failed. */
  public boolean awaitTermination() throws InterruptedException {
    terminated.await();
    return failed;
  }

  @Override
  public synchronized void close() {
    terminated.countDown();
    if (dispatcher != null) {
      dispatcher.close();
      dispatcher = null;
    }
    if (streamsMetrics != null) {
      try {
        streamsMetrics.close();
      } catch (Exception ignored) {
        // metrics only
      }
      streamsMetrics = null;
    }
    if (streams != null) {
      // Leave the group on a clean stop so a restarted instance gets its partitions at once instead of
      // waiting out the session timeout of the member it replaces.
      streams.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
      streams = null;
      LOG.info("alerts service stopped");
    }
  }
}
