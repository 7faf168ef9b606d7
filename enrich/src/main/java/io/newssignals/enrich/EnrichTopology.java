package io.newssignals.enrich;

import io.newssignals.ops.OpsMetrics;
import io.newssignals.schema.Article;
import io.newssignals.schema.DealEvent;
import io.newssignals.schema.EnrichedArticle;
import io.newssignals.topics.AvroSerde;
import io.newssignals.topics.DeadLetters;
import io.newssignals.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrichment topology, in two stages.
 *
 * <ul>
 *   <li>in: {@code news.articles} (key: article id as String, value: {@link Article}, read as bytes and decoded here so
 *       that a record that cannot be read goes to the dead-letter topic instead of stopping the application);</li>
 *   <li>extraction ({@value #PROCESSOR}, one task per input partition): entities, events and the MinHash signature
 *       of each article, written to the internal topic {@code <application.id>-}{@value #NOVELTY_TOPIC}{@code
 *       -repartition} (one partition; value {@link EnrichedArticle}, the signature in header {@value #H_MINHASH} and
 *       the published time in {@value #H_PUBLISHED}, so that parking an article needs no decoding);</li>
 *   <li>novelty ({@value #NOVELTY_PROCESSOR}, one task): every article is checked against every earlier story,
 *       whatever partition either came from, so a syndicated copy is found live as {@code extract} and
 *       {@code backtest} find it. Backlog news (published more than {@link EnrichConfig#noveltyBacklogAge()} before
 *       it arrives) is parked in {@value #PENDING_STORE} until none arrived for
 *       {@link EnrichConfig#noveltyBacklogQuiet()} (while it keeps coming, its older half every
 *       {@link EnrichConfig#noveltyMaxHold()}), then judged and written in published order, the replay's order;</li>
 *   <li>out: {@code news.articles.enriched} (key: article id, value: {@link EnrichedArticle}; header
 *       {@value #H_DEGRADED} when a stage of its extraction was lost, see {@link Degradation});</li>
 *   <li>out: {@code signals.deals} (key: {@link Topics#pairKey} of the two parties, or for one or 3+ parties the
 *       sorted names joined by '|'; value: {@link DealEvent}), one record per event;</li>
 *   <li>out: {@code pipeline.dead-letter} (original key and value bytes; headers {@value #H_TOPIC},
 *       {@value #H_PARTITION}, {@value #H_OFFSET}, {@value #H_REASON}, {@value #H_EXCEPTION}).</li>
 * </ul>
 * State: {@value #NOVELTY_STORE}, the MinHash near-duplicate index, and {@value #PENDING_STORE}, parked backlog
 * news (both changelogged); the index is purged of stories older than the novelty window every ten minutes of
 * wall-clock time.
 */
public final class EnrichTopology {

  public static final String SOURCE = "articles-source";
  public static final String PROCESSOR = "enrich-articles";
  public static final String NOVELTY_PROCESSOR = "novelty-check";
  /** The repartition step to the single novelty task (Streams adds the application id prefix and -repartition). */
  public static final String NOVELTY_TOPIC = "novelty-candidates";
  /**
   * The novelty index. Renamed from {@code novelty-minhash} when it moved to the single novelty task: the old
   * changelog has one partition per input partition, this one has one.
   */
  public static final String NOVELTY_STORE = "novelty-index";
  public static final String PENDING_STORE = "novelty-pending";
  /** Full names of organisations the text introduced, by first word ({@link NameMemory}), in the novelty task. */
  public static final String NAME_STORE = "name-memory";
  public static final String ENRICHED_SINK = "enriched-sink";
  public static final String DEALS_SINK = "deals-sink";
  public static final String DEAD_LETTER_SINK = "dead-letter-sink";

  /** Header on an enriched record whose extraction lost a stage: the comma-separated {@link Stages} names. */
  public static final String H_DEGRADED = "newssignals.degraded";
  /** Header on the novelty topic only: the article's MinHash signature (64 longs), absent when too short. */
  public static final String H_MINHASH = "newssignals.minhash";
  /** Header on the novelty topic only: the article's published time, epoch milliseconds, 8 bytes. */
  public static final String H_PUBLISHED = "newssignals.published";
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
    return build(cfg, pipeline, new AtomicLong());
  }

  /**
   * As {@link #build(EnrichConfig, EnrichmentPipeline)}, counting the articles parked by the novelty stage of this
   * instance in {@code parked} (what {@link EnrichService#parkedArticles()} reports).
   */
  static Topology build(EnrichConfig cfg, EnrichmentPipeline pipeline, AtomicLong parked) {
    StreamsBuilder b = new StreamsBuilder();
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NOVELTY_STORE), Serdes.String(),
        Serdes.ByteArray()));
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(PENDING_STORE), Serdes.String(),
        Serdes.ByteArray()));
    b.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(NAME_STORE), Serdes.String(),
        Serdes.ByteArray()));

    Map<String, KStream<byte[], Extracted>> extracted = b
        .stream(Topics.ARTICLES.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(SOURCE))
        .process(() -> new ExtractProcessor(pipeline), Named.as(PROCESSOR))
        .split(Named.as("extracted-"))
        .branch((key, x) -> x.article() == null, Branched.as("unreadable"))
        .defaultBranch(Branched.as("articles"));
    extracted.get("extracted-unreadable")
        .mapValues(Extracted::unreadable, Named.as("unreadable-bytes"))
        .to(Topics.DEAD_LETTER.name(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray())
            .withName(DEAD_LETTER_SINK));

    KStream<String, EnrichedArticle> judged = extracted.get("extracted-articles")
        // as bytes: the novelty task parks backlog news as it came, and decodes each article once
        .mapValues(x -> Topics.ENRICHED.valueSerde().serializer().serialize(NOVELTY_TOPIC, x.article()),
            Named.as("extracted-articles-values"))
        .repartition(Repartitioned.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(NOVELTY_TOPIC)
            .withNumberOfPartitions(1))
        .process(() -> new NoveltyProcessor(cfg, pipeline, parked), Named.as(NOVELTY_PROCESSOR), NOVELTY_STORE, PENDING_STORE,
            NAME_STORE);
    judged.to(Topics.ENRICHED.name(), Produced.with(Topics.ENRICHED.keySerde(), Topics.ENRICHED.valueSerde())
        .withName(ENRICHED_SINK));
    judged
        .flatMap((id, e) -> {
          List<KeyValue<String, DealEvent>> out = new ArrayList<>(e.getEvents().size());
          for (DealEvent d : e.getEvents()) {
            out.add(KeyValue.pair(dealKey(d), d));
          }
          return out;
        }, Named.as("deal-events"))
        .to(Topics.DEALS.name(), Produced.with(Topics.DEALS.keySerde(), Topics.DEALS.valueSerde())
            .withName(DEALS_SINK));
    return b.build();
  }

  /** The key of a deal event on the deals topic. */
  public static String dealKey(DealEvent e) {
    List<String> parties = e.getParties().stream().sorted().toList();
    if (parties.size() == 2) {
      return Topics.pairKey(parties.get(0), parties.get(1));
    }
    return String.join("|", parties);
  }

  /** What extraction forwards: an enriched article (novelty not yet judged), or the bytes of an unreadable record. */
  record Extracted(EnrichedArticle article, byte[] unreadable) {}

  /** Decodes and extracts; computes the MinHash signature once, here, where the work is spread over partitions. */
  static final class ExtractProcessor implements Processor<byte[], byte[], byte[], Extracted> {
    private final EnrichmentPipeline pipeline;
    private final AvroSerde<Article> articles = AvroSerde.of(Article.class);
    private ProcessorContext<byte[], Extracted> context;

    ExtractProcessor(EnrichmentPipeline pipeline) {
      this.pipeline = pipeline;
    }

    @Override
    public void init(ProcessorContext<byte[], Extracted> context) {
      this.context = context;
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
      long[] signature;
      try {
        enriched = pipeline.enrich(a);
        signature = MinHashNoveltyIndex.signature(EnrichmentPipeline.noveltyText(a));
      } catch (RuntimeException e) {
        deadLetter(r, "processing", e);
        return;
      }
      Headers h = new RecordHeaders();
      if (signature != null) {
        ByteBuffer buf = ByteBuffer.allocate(8 * signature.length);
        for (long l : signature) {
          buf.putLong(l);
        }
        h.add(H_MINHASH, buf.array());
      }
      h.add(H_PUBLISHED, ByteBuffer.allocate(8).putLong(a.getPublished().toEpochMilli()).array());
      context.forward(new Record<>(a.getId().getBytes(StandardCharsets.UTF_8), new Extracted(enriched, null),
          r.timestamp(), h));
    }

    private void deadLetter(Record<byte[], byte[]> r, String reason, Exception e) {
      RecordMetadata m = context.recordMetadata().orElse(null);
      String topic = m == null ? "" : m.topic();
      int partition = m == null ? -1 : m.partition();
      long offset = m == null ? -1 : m.offset();
      LOG.warn("dead-lettering record topic={} partition={} offset={} reason={} error={}", topic, partition, offset,
          reason, e.toString());
      Headers h = DeadLetters.headers(topic, partition, offset, reason, e);
      context.forward(new Record<>(r.key(), new Extracted(null, r.value()), r.timestamp(), h));
      OpsMetrics.counter(OpsMetrics.DEAD_LETTERS, "source", topic.isEmpty() ? "unknown" : topic).increment();
    }
  }

  /**
   * The single novelty task: judges each article against the index of every earlier story, then writes it. Backlog
   * news is parked first and judged in published order (see the class comment); while anything is parked, live news
   * waits behind it, so that the order stays the published order.
   */
  static final class NoveltyProcessor implements Processor<byte[], byte[], String, EnrichedArticle> {
    /** Makes any published time (also before 1970) a non-negative number, so fixed-width text sorts by time. */
    private static final long SORT_OFFSET = 4_000_000_000_000_000L;
    private static final char SEP = '\u0001';

    private final Duration window;
    private final long quietMs;
    private final long backlogAgeMs;
    private final long maxHoldMs;
    private final AvroSerde<EnrichedArticle> codec = AvroSerde.of(EnrichedArticle.class);
    private ProcessorContext<String, EnrichedArticle> context;
    private MinHashNoveltyIndex novelty;
    private NameMemory names;
    private final EnrichmentPipeline pipeline;
    private final Duration nameWindow;
    private KeyValueStore<String, byte[]> pending;
    private final AtomicLong parkedCount;
    private int parked;
    private long firstParkedAt;
    private long lastParkedAt;

    NoveltyProcessor(EnrichConfig cfg, EnrichmentPipeline pipeline, AtomicLong parkedCount) {
      this.pipeline = pipeline;
      this.parkedCount = parkedCount;
      this.window = cfg.noveltyWindow();
      this.nameWindow = cfg.nameMemoryWindow();
      this.quietMs = cfg.noveltyBacklogQuiet().toMillis();
      this.backlogAgeMs = cfg.noveltyBacklogAge().toMillis();
      this.maxHoldMs = Math.max(quietMs, cfg.noveltyMaxHold().toMillis());
    }

    @Override
    public void init(ProcessorContext<String, EnrichedArticle> context) {
      this.context = context;
      KeyValueStore<String, byte[]> store = context.getStateStore(NOVELTY_STORE);
      this.novelty = new MinHashNoveltyIndex(NoveltyStore.of(store), window);
      this.pending = context.getStateStore(PENDING_STORE);
      KeyValueStore<String, byte[]> nameStore = context.getStateStore(NAME_STORE);
      this.names = new NameMemory(NoveltyStore.of(nameStore), nameWindow);
      context.schedule(Duration.ofMinutes(10), PunctuationType.WALL_CLOCK_TIME, now -> {
        int purged = novelty.purge(now);
        if (purged > 0) {
          LOG.info("novelty index purged stories={} older than window={}", purged, window);
        }
        int forgotten = names.purge(now);
        if (forgotten > 0) {
          LOG.info("name memory purged names={} not seen within window={}", forgotten, nameWindow);
        }
      });
      if (quietMs > 0) {
        long now = context.currentSystemTimeMs();
        try (KeyValueIterator<String, byte[]> it = pending.all()) {
          while (it.hasNext()) {
            it.next();
            parked++;
            parkedCount.incrementAndGet();
          }
        }
        // parked before a restart: released one quiet period from now
        firstParkedAt = now;
        lastParkedAt = now;
        context.schedule(Duration.ofMillis(Math.max(5, Math.min(100, quietMs / 4))), PunctuationType.WALL_CLOCK_TIME,
            this::maybeRelease);
      }
    }

    @Override
    public void process(Record<byte[], byte[]> r) {
      Header sigHeader = r.headers().lastHeader(H_MINHASH);
      long[] signature = sigHeader == null ? null : decodeSignature(sigHeader.value());
      long now = context.currentSystemTimeMs();
      Header publishedHeader = r.headers().lastHeader(H_PUBLISHED);
      EnrichedArticle e = null;
      long published;
      if (publishedHeader != null) {
        published = ByteBuffer.wrap(publishedHeader.value()).getLong();
      } else {
        e = codec.decode(r.value());
        published = e.getArticle().getPublished().toEpochMilli();
      }
      if (quietMs == 0 || parked == 0 && published >= now - backlogAgeMs) {
        judgeAndForward(e == null ? codec.decode(r.value()) : e, signature, r.timestamp());
        return;
      }
      String key = String.format("%019d", published + SORT_OFFSET) + SEP + new String(r.key(), StandardCharsets.UTF_8);
      if (pending.get(key) == null) {
        parked++;
        parkedCount.incrementAndGet();
      }
      byte[] avro = r.value();
      ByteBuffer v = ByteBuffer.allocate(8 + 4 + (signature == null ? 0 : 8 * signature.length) + avro.length);
      v.putLong(r.timestamp()).putInt(signature == null ? 0 : signature.length);
      if (signature != null) {
        for (long l : signature) {
          v.putLong(l);
        }
      }
      v.put(avro);
      pending.put(key, v.array());
      if (parked == 1) {
        firstParkedAt = now;
      }
      lastParkedAt = now;
    }

    @Override
    public void close() {
      // the task moves or stops: what it parked stays in its store, counted again by the instance that restores it
      parkedCount.addAndGet(-parked);
      parked = 0;
    }

    private void maybeRelease(long now) {
      boolean quietOver = now - lastParkedAt >= quietMs;
      if (parked == 0 || !quietOver && now - firstParkedAt < maxHoldMs) {
        return;
      }
      List<KeyValue<String, byte[]>> ready = new ArrayList<>(parked);
      try (KeyValueIterator<String, byte[]> it = pending.all()) {
        it.forEachRemaining(ready::add); // key order: published time, then article id: the replay's order
      }
      if (!quietOver) {
        // the backlog goes on: release only its older half. The input partitions do not progress through a backlog
        // at the same pace, so the newest parked stories may still be followed by older ones from a slower
        // partition; they are kept to be sorted with those
        ready = ready.subList(0, Math.max(1, ready.size() / 2));
      }
      for (KeyValue<String, byte[]> kv : ready) {
        pending.delete(kv.key);
        parkedCount.decrementAndGet();
        ByteBuffer v = ByteBuffer.wrap(kv.value);
        long timestamp = v.getLong();
        int n = v.getInt();
        long[] signature = null;
        if (n > 0) {
          signature = new long[n];
          for (int i = 0; i < n; i++) {
            signature[i] = v.getLong();
          }
        }
        byte[] avro = new byte[v.remaining()];
        v.get(avro);
        judgeAndForward(codec.decode(avro), signature, timestamp);
        parked--;
      }
      firstParkedAt = now;
    }

    private void judgeAndForward(EnrichedArticle extracted, long[] signature, long timestamp) {
      EnrichedArticle e = pipeline.remembering(extracted, names);
      Article a = e.getArticle();
      NoveltyIndex.Verdict v = novelty.checkAndRecord(a.getId(), signature, NoveltyIndex.storyOf(e.getEvents()),
          a.getPublished().toEpochMilli());
      EnrichmentPipeline.applyNovelty(e, v);
      e.setEnrichedAt(Instant.ofEpochMilli(System.currentTimeMillis()));
      Record<String, EnrichedArticle> out = new Record<>(a.getId(), e, timestamp, new RecordHeaders());
      if (!e.getDegraded().isEmpty()) {
        // a degraded article is published with what was found; the header lets a consumer tell without decoding
        out.headers().add(H_DEGRADED, String.join(",", e.getDegraded()).getBytes(StandardCharsets.UTF_8));
      }
      context.forward(out);
      countEnriched(e);
    }

    private static long[] decodeSignature(byte[] bytes) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      long[] sig = new long[bytes.length / 8];
      for (int i = 0; i < sig.length; i++) {
        sig[i] = b.getLong();
      }
      return sig;
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
  }
}
