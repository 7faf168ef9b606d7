package io.newssignals.enrich;

import io.newssignals.ops.OpsMetrics;
import io.newssignals.schema.Article;
import io.newssignals.schema.DealEvent;
import io.newssignals.schema.EnrichedArticle;
import io.newssignals.topics.AvroSerde;
import io.newssignals.topics.DeadLetters;
import io.newssignals.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrichment topology.
 *
 * <ul>
 *   <li>in: {@code news.articles} (key: article id as String, value: {@link Article}, read as bytes and decoded here so
 *       that a record that cannot be read goes to the dead-letter topic instead of stopping the application);</li>
 *   <li>out: {@code news.articles.enriched} (key: article id, value: {@link EnrichedArticle}; header
 *       {@value #H_DEGRADED} when a stage of its extraction was lost, see {@link Degradation});</li>
 *   <li>out: {@code signals.deals} (key: {@link Topics#pairKey} of the two parties, or for one or 3+ parties the
 *       sorted names joined by '|'; value: {@link DealEvent}), one record per event;</li>
 *   <li>out: {@code pipeline.dead-letter} (original key and value bytes; headers {@value #H_TOPIC},
 *       {@value #H_PARTITION}, {@value #H_OFFSET}, {@value #H_REASON}, {@value #H_EXCEPTION}).</li>
 * </ul>
 * State: {@value #NOVELTY_STORE}, the MinHash near-duplicate index (changelogged), purged of stories older than the
 * novelty window every ten minutes of wall-clock time.
 */
public final class EnrichTopology {

  public static final String SOURCE = "articles-source";
  public static final String PROCESSOR = "enrich-articles";
  public static final String NOVELTY_STORE = "novelty-minhash";
  public static final String ENRICHED_SINK = "enriched-sink";
  public static final String DEALS_SINK = "deals-sink";
  public static final String DEAD_LETTER_SINK = "dead-letter-sink";

  /** Header on an enriched record whose extraction lost a stage: the comma-separated {@link Stages} names. */
  public static final String H_DEGRADED = "newssignals.degraded";
  public static final String H_TOPIC = DeadLetters.SOURCE_TOPIC;
  public static final String H_PARTITION = DeadLetters.SOURCE_PARTITION;
  public static final String H_OFFSET = DeadLetters.SOURCE_OFFSET;
  public static final String H_REASON = DeadLetters.REASON;
  public static final String H_EXCEPTION = DeadLetters.EXCEPTION;

  private static final Logger LOG = LoggerFactory.getLogger(EnrichTopology.class);

  private EnrichTopology() {}

  /** Builds the topology over the gazetteer the config names. Pure: starts nothing. */
  public static Topology build(EnrichConfig cfg) {
    return build(cfg, EnrichmentPipeline.withGazetteerFiles(cfg.gazetteerFiles()));
  }

  /** Builds the topology over a given pipeline (tests). */
  public static Topology build(EnrichConfig cfg, EnrichmentPipeline pipeline) {
    Topology t = new Topology();
    t.addSource(SOURCE, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(), Topics.ARTICLES.name());
    t.addProcessor(PROCESSOR, () -> new EnrichProcessor(pipeline, cfg.noveltyWindow()), SOURCE);
    t.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NOVELTY_STORE), Serdes.String(),
        Serdes.ByteArray()), PROCESSOR);
    t.addSink(ENRICHED_SINK, Topics.ENRICHED.name(), Topics.ENRICHED.keySerde().serializer(),
        Topics.ENRICHED.valueSerde().serializer(), PROCESSOR);
    t.addSink(DEALS_SINK, Topics.DEALS.name(), Topics.DEALS.keySerde().serializer(),
        Topics.DEALS.valueSerde().serializer(), PROCESSOR);
    t.addSink(DEAD_LETTER_SINK, Topics.DEAD_LETTER.name(), Topics.DEAD_LETTER.keySerde().serializer(),
        Topics.DEAD_LETTER.valueSerde().serializer(), PROCESSOR);
    return t;
  }

  /** The key of a deal event on the deals topic. */
  public static String dealKey(DealEvent e) {
    List<String> parties = e.getParties().stream().sorted().toList();
    if (parties.size() == 2) {
      return Topics.pairKey(parties.get(0), parties.get(1));
    }
    return String.join("|", parties);
  }

  /** Decodes, enriches, checks novelty, and routes. */
  static final class EnrichProcessor implements Processor<byte[], byte[], Object, Object> {
    private final EnrichmentPipeline pipeline;
    private final Duration window;
    private final AvroSerde<Article> articles = AvroSerde.of(Article.class);
    private ProcessorContext<Object, Object> context;
    private MinHashNoveltyIndex novelty;

    EnrichProcessor(EnrichmentPipeline pipeline, Duration window) {
      this.pipeline = pipeline;
      this.window = window;
    }

    @Override
    public void init(ProcessorContext<Object, Object> context) {
      this.context = context;
      KeyValueStore<String, byte[]> store = context.getStateStore(NOVELTY_STORE);
      this.novelty = new MinHashNoveltyIndex(NoveltyStore.of(store), window);
      context.schedule(Duration.ofMinutes(10), PunctuationType.WALL_CLOCK_TIME, now -> {
        int purged = novelty.purge(now);
        if (purged > 0) {
          LOG.info("novelty index purged stories={} older than window={}", purged, window);
        }
      });
    }

    @Override
    public void process(Record<byte[], byte[]> r) {
      if (r.value() == null) {
        return; // tombstones carry no article
      }
      Article a;
      try {
        a = articles.decode(r.value());
      } catch (RuntimeException e) {
        deadLetter(r, "deserialization", e);
        return;
      }
      EnrichedArticle enriched;
      try {
        enriched = pipeline.enrich(a);
        NoveltyIndex.Verdict v = novelty.checkAndRecord(a.getId(), EnrichmentPipeline.noveltyText(a),
            a.getPublished().toEpochMilli());
        enriched = EnrichmentPipeline.withNovelty(enriched, v);
        enriched.setEnrichedAt(Instant.ofEpochMilli(System.currentTimeMillis()));
      } catch (RuntimeException e) {
        deadLetter(r, "processing", e);
        return;
      }
      Record<Object, Object> out = new Record<>(a.getId(), enriched, r.timestamp());
      if (!enriched.getDegraded().isEmpty()) {
        // a degraded article is published with what was found; the header lets a consumer tell without decoding
        out.headers().add(H_DEGRADED, String.join(",", enriched.getDegraded()).getBytes(StandardCharsets.UTF_8));
      }
      context.forward(out, ENRICHED_SINK);
      for (DealEvent e : enriched.getEvents()) {
        context.forward(new Record<>(dealKey(e), e, r.timestamp()), DEALS_SINK);
      }
      countEnriched(enriched);
    }

    /** newssignals_enrich_*: an article enriched, its events by type, the stages it lost. */
    private static void countEnriched(EnrichedArticle enriched) {
      OpsMetrics.counter(OpsMetrics.ENRICH_ARTICLES).increment();
      for (DealEvent e : enriched.getEvents()) {
        OpsMetrics.counter(OpsMetrics.ENRICH_EVENTS, "type", String.valueOf(e.getType())).increment();
      }
      for (String d : enriched.getDegraded()) {
        int colon = d.indexOf(':');
        OpsMetrics.counter(OpsMetrics.ENRICH_DEGRADED, "stage", (colon < 0 ? d : d.substring(0, colon)).trim())
            .increment();
      }
    }

    private void deadLetter(Record<byte[], byte[]> r, String reason, Exception e) {
      RecordMetadata m = context.recordMetadata().orElse(null);
      String topic = m == null ? "" : m.topic();
      int partition = m == null ? -1 : m.partition();
      long offset = m == null ? -1 : m.offset();
      LOG.warn("dead-lettering record topic={} partition={} offset={} reason={} error={}", topic, partition, offset,
          reason, e.toString());
      Headers h = DeadLetters.headers(topic, partition, offset, reason, e);
      context.forward(new Record<Object, Object>(r.key(), r.value(), r.timestamp(), h), DEAD_LETTER_SINK);
      OpsMetrics.counter(OpsMetrics.DEAD_LETTERS, "source", topic.isEmpty() ? "unknown" : topic).increment();
    }
  }
}
