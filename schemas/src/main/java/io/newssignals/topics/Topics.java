package io.newssignals.topics;

import io.newssignals.schema.Article;
import io.newssignals.schema.DealEvent;
import io.newssignals.schema.EnrichedArticle;
import io.newssignals.schema.FeedState;
import io.newssignals.schema.IngestError;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.schema.PartnershipState;
import io.newssignals.schema.WebhookDeadLetter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The one registry of topics: every topic the pipeline reads or writes, with its key and value types. Services,
 * tests, the CLI and the docker-compose consistency test all read from here.
 */
public final class Topics {
  private static final Map<String, String> COMPACT = Map.of("cleanup.policy", "compact");
  private static final Serde<String> KEY = Serdes.String();

  /** Normalised feed items. Key: article id. Producer: ingest. Consumer: enrich. */
  public static final Topic<String, Article> ARTICLES =
      new Topic<>("news.articles", KEY, AvroSerde.of(Article.class), 6, Map.of(), "normalised feed items");

  /** Articles with entities, events and novelty. Key: article id. Producer: enrich. Consumers: analytics. */
  public static final Topic<String, EnrichedArticle> ENRICHED = new Topic<>(
      "news.articles.enriched", KEY, AvroSerde.of(EnrichedArticle.class), 6, Map.of(),
      "articles with entities, deal events and novelty");

  /** One record per deal event. Key: sorted party names joined by '|'. Producer: enrich. Consumer: alerts. */
  public static final Topic<String, DealEvent> DEALS =
      new Topic<>("signals.deals", KEY, AvroSerde.of(DealEvent.class), 6, Map.of(), "one record per deal event");

  /** Current status of every company pair (compacted). Key: 'A|B'. Producer: alerts. Consumers: analytics. */
  public static final Topic<String, PartnershipState> PARTNERSHIPS = new Topic<>(
      "signals.partnerships", KEY, AvroSerde.of(PartnershipState.class), 6, COMPACT,
      "current partnership status of every company pair");

  /** Partnership status changes and corroborations. Key: 'A|B'. Producer: alerts. Consumers: operators, webhooks. */
  public static final Topic<String, PartnershipAlert> ALERTS = new Topic<>(
      "alerts.partnership", KEY, AvroSerde.of(PartnershipAlert.class), 6, Map.of(),
      "partnership status changes and corroborations");

  /** Per-feed polling state (compacted). Key: feed URL. Producer and consumer: ingest. */
  public static final Topic<String, FeedState> FEED_STATE = new Topic<>(
      "news.feed-state", KEY, AvroSerde.of(FeedState.class), 3, COMPACT, "per-feed polling state");

  /** Failed fetches and parses. Key: feed URL. Producer: ingest. Consumers: operators. */
  public static final Topic<String, IngestError> INGEST_ERRORS = new Topic<>(
      "news.ingest.errors", KEY, AvroSerde.of(IngestError.class), 3, Map.of(), "failed feed fetches and parses");

  /**
   * Records no service could read. Key and value: the original bytes; headers say the source topic, partition,
   * offset and the reason. Producers: enrich, alerts.
   */
  public static final Topic<byte[], byte[]> DEAD_LETTER = new Topic<>(
      "pipeline.dead-letter", Serdes.ByteArray(), Serdes.ByteArray(), 1, Map.of(),
      "records that could not be processed, with headers saying why");

  /** Webhook deliveries given up after the last retry (or refused with 410). Key: subscription id. Producer: alerts. */
  public static final Topic<String, WebhookDeadLetter> WEBHOOK_DEAD_LETTER = new Topic<>(
      "webhooks.dead-letter", KEY, AvroSerde.of(WebhookDeadLetter.class), 1, Map.of(),
      "webhook deliveries given up, with the reason and the payload");

  private Topics() {}

  /** Every topic, in pipeline order. */
  public static List<Topic<?, ?>> all() {
    return List.of(ARTICLES, ENRICHED, DEALS, PARTNERSHIPS, ALERTS, FEED_STATE, INGEST_ERRORS, DEAD_LETTER,
        WEBHOOK_DEAD_LETTER);
  }

  /** The key of a company pair: the two canonical names sorted and joined by '|'. */
  public static String pairKey(String a, String b) {
    return a.compareTo(b) <= 0 ? a + "|" + b : b + "|" + a;
  }
}
