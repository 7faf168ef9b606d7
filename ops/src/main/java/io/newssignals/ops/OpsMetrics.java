package io.newssignals.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The process's meter registry (Prometheus) and the names of the pipeline's own meters, declared once here.
 *
 * <p>Micrometer names are dotted; the Prometheus registry turns {@code newssignals.ingest.articles.published} (a
 * counter) into {@code newssignals_ingest_articles_published_total}, a gauge with base unit "seconds" into
 * {@code ..._seconds}, a timer into {@code ..._seconds_bucket/_count/_sum}. Every service of the process records
 * into the one registry, so {@code bin/pipeline run} serves the three services' series from one {@code /metrics}.
 */
public final class OpsMetrics {
  /** {@code newssignals_ingest_articles_published_total{feed}}: articles committed to {@code news.articles}. */
  public static final String INGEST_PUBLISHED = "newssignals.ingest.articles.published";
  /** {@code newssignals_ingest_fetch_errors_total{feed,reason}}: failed polls committed with their error record. */
  public static final String INGEST_FETCH_ERRORS = "newssignals.ingest.fetch.errors";
  /** {@code newssignals_ingest_feed_last_success_timestamp_seconds{feed}}. */
  public static final String INGEST_LAST_SUCCESS = "newssignals.ingest.feed.last.success.timestamp";
  /**
   * {@code newssignals_ingest_websub_pushes_total{outcome}}: content pushed by WebSub hubs: accepted, unsigned,
   * bad_signature, too_large, unreadable, unknown_subscription.
   */
  public static final String INGEST_WEBSUB_PUSHES = "newssignals.ingest.websub.pushes";
  /** {@code newssignals_enrich_articles_total}: articles enriched (written to {@code news.articles.enriched}). */
  public static final String ENRICH_ARTICLES = "newssignals.enrich.articles";
  /** {@code newssignals_enrich_events_total{type}}: deal events written to {@code signals.deals}. */
  public static final String ENRICH_EVENTS = "newssignals.enrich.events";
  /** {@code newssignals_enrich_degraded_total{stage}}: extraction stages lost on an article. */
  public static final String ENRICH_DEGRADED = "newssignals.enrich.degraded";
  /** {@code newssignals_dead_letters_total{source}}: records sent to a dead-letter topic, by the topic they came from. */
  public static final String DEAD_LETTERS = "newssignals.dead.letters";
  /** {@code newssignals_alerts_total{kind}}: alerts written (STATUS_CHANGED, CORROBORATED). */
  public static final String ALERTS = "newssignals.alerts";
  /** {@code newssignals_webhook_deliveries_total{subscription,outcome}}: delivered, failed_attempt, dead_lettered. */
  public static final String WEBHOOK_DELIVERIES = "newssignals.webhook.deliveries";
  /** {@code newssignals_consumer_lag_records{group,topic}}. */
  public static final String CONSUMER_LAG = "newssignals.consumer.lag";
  /** {@code newssignals_alert_latency_seconds}: from the article's publication to Kafka to its alert. */
  public static final String ALERT_LATENCY = "newssignals.alert.latency";
  /** {@code newssignals_broker_reachable}: 1 while the broker answers, 0 during an outage. */
  public static final String BROKER_REACHABLE = "newssignals.broker.reachable";

  private static final PrometheusMeterRegistry REGISTRY = create();

  private OpsMetrics() {}

  /** The one registry of this process. */
  public static PrometheusMeterRegistry registry() {
    return REGISTRY;
  }

  /** A counter of the process registry. */
  public static Counter counter(String name, String... tags) {
    return REGISTRY.counter(name, tags);
  }

  /** The publish-to-alert latency timer (with a histogram: quantiles are computed by Prometheus). */
  public static Timer alertLatency() {
    return Timer.builder(ALERT_LATENCY)
        .description("From an article's publication to Kafka by ingest to the alert it caused")
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(5))
        .maximumExpectedValue(Duration.ofMinutes(10))
        .register(REGISTRY);
  }

  @SuppressWarnings("resource") // bound for the life of the process
  private static PrometheusMeterRegistry create() {
    PrometheusMeterRegistry r = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(r);
    new JvmMemoryMetrics().bindTo(r);
    new JvmGcMetrics().bindTo(r);
    new JvmThreadMetrics().bindTo(r);
    new ProcessorMetrics().bindTo(r);
    new UptimeMetrics().bindTo(r);
    return r;
  }

  /** For tests: the registry's current value of a counter, 0 when it was never incremented. */
  public static double count(MeterRegistry registry, String name, String... tags) {
    Counter c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }
}
