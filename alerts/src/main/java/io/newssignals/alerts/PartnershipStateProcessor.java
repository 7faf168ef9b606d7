package io.newssignals.alerts;

import io.micrometer.core.instrument.Timer;
import io.newssignals.ops.OpsMetrics;
import io.newssignals.schema.DealEvent;
import io.newssignals.schema.PartnershipState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams adapter of {@link PartnershipStateMachine}. Records arrive keyed by pair ({@code A|B}).
 *
 * <p>Reorder buffer: deal events of one pair can reach this task out of publication order when a backlog is
 * processed (enrichment works on its input partitions independently). Unless the quiet period is zero, every event
 * is first parked in the {@value AlertsTopology#PENDING_STORE} store under {@code pair, published time, article,
 * event}; once no event for that pair has arrived for the quiet period (or its oldest parked event has waited the
 * maximum hold), the pair's parked events are applied in published order. A single report therefore waits only the
 * quiet period; a burst about one pair is sorted as a whole; other pairs are not held up. Live news (published
 * recently) gets the short quiet period; backlog news (published more than the backlog age before it arrived:
 * a first run, a catch-up, a replay), whose events arrive spread over the enrichment's start-up and commits, gets
 * the longer backlog quiet period.
 *
 * <p>Applying an event reads the pair's state from {@value AlertsTopology#STORE}, writes it back and forwards each
 * outcome that changed something, timestamped with the detection (wall-clock) time.
 */
final class PartnershipStateProcessor implements Processor<String, DealEvent, String, PartnershipStateMachine.Outcome> {
  private static final Logger LOG = LoggerFactory.getLogger(PartnershipStateProcessor.class);
  private static final char SEP = '\u0001';
  /** Makes any published time (also before 1970) a non-negative number, so fixed-width text sorts by time. */
  private static final long SORT_OFFSET = 4_000_000_000_000_000L;

  private final PartnershipStateMachine machine;
  private final Duration quiet;
  private final Duration backlogQuiet;
  private final Duration backlogAge;
  private final Duration maxHold;
  private final AtomicLong parkedCount;
  private ProcessorContext<String, PartnershipStateMachine.Outcome> context;
  private KeyValueStore<String, PartnershipState> store;
  private KeyValueStore<String, DealEvent> pending;
  /**
   * Pairs with parked events: pair → {oldest arrival, last arrival, quiet period in ms} (wall clock). Rebuilt from
   * the store on init.
   */
  private final Map<String, long[]> parkedPairs = new LinkedHashMap<>();
  /**
   * Kafka timestamp (ingest's publication of the article) of each parked event, for the latency histogram; in
   * memory only: events parked before a restart are not measured.
   */
  private final Map<String, Long> parkedTimestamps = new java.util.HashMap<>();
  private final Timer latency = OpsMetrics.alertLatency();

  PartnershipStateProcessor(PartnershipStateMachine machine, AlertsConfig cfg, AtomicLong parkedCount) {
    this.machine = machine;
    this.quiet = cfg.reorderQuiet();
    this.backlogQuiet = cfg.reorderBacklogQuiet();
    this.backlogAge = cfg.reorderBacklogAge();
    this.maxHold = cfg.reorderMaxHold();
    this.parkedCount = parkedCount;
  }

  @Override
  public void init(ProcessorContext<String, PartnershipStateMachine.Outcome> context) {
    this.context = context;
    this.store = context.getStateStore(AlertsTopology.STORE);
    this.pending = context.getStateStore(AlertsTopology.PENDING_STORE);
    if (buffering()) {
      long now = context.currentSystemTimeMs();
      try (KeyValueIterator<String, DealEvent> it = pending.all()) {
        // parked before a restart: released one quiet period from now
        it.forEachRemaining(kv -> {
          parkedPairs.putIfAbsent(pairOf(kv.key), new long[] {now, now, backlogQuiet.toMillis()});
          parkedCount.incrementAndGet();
        });
      }
      long tick = quiet.isZero() ? 25 : Math.max(5, Math.min(25, quiet.toMillis() / 4));
      context.schedule(Duration.ofMillis(tick), PunctuationType.WALL_CLOCK_TIME, this::maybeRelease);
    }
  }

  @Override
  public void process(Record<String, DealEvent> record) {
    if (!buffering()) {
      apply(record.key(), record.value(), record.timestamp());
      return;
    }
    long now = context.currentSystemTimeMs();
    if (quiet.isZero() && !parkedPairs.containsKey(record.key())
        && record.value().getPublished().toEpochMilli() >= now - backlogAge.toMillis()) {
      // live news with no live quiet period and nothing parked for its pair: nothing to wait for. Enrich hands
      // over a pair's live events in the order its one novelty task judged them; only a backlog is held and sorted
      apply(record.key(), record.value(), record.timestamp());
      return;
    }
    String key = pendingKey(record.key(), record.value());
    if (pending.get(key) == null) {
      // the same event twice (one item carried by two feeds, a redelivery) is parked once and counted once: a count
      // of two for one entry never returned to zero, and run --once waited for it until its time-out
      parkedCount.incrementAndGet();
    }
    pending.put(key, record.value());
    parkedTimestamps.put(key, record.timestamp());
    long[] t = parkedPairs.computeIfAbsent(record.key(), k -> new long[] {now, now, quiet.toMillis()});
    t[1] = now;
    if (record.value().getPublished().toEpochMilli() < now - backlogAge.toMillis()) {
      t[2] = Math.max(t[2], backlogQuiet.toMillis());
    }
  }

  /** Off only when both quiet periods are zero. */
  private boolean buffering() {
    return !quiet.isZero() || !backlogQuiet.isZero();
  }

  private void maybeRelease(long now) {
    List<String> ready = new ArrayList<>();
    for (Map.Entry<String, long[]> e : parkedPairs.entrySet()) {
      long[] t = e.getValue();
      if (now - t[1] >= t[2] || now - t[0] >= maxHold.toMillis()) {
        ready.add(e.getKey());
      }
    }
    for (String pair : ready) {
      parkedPairs.remove(pair);
      List<KeyValue<String, DealEvent>> parked = new ArrayList<>();
      try (KeyValueIterator<String, DealEvent> it = pending.range(pair + SEP, pair + (char) (SEP + 1))) {
        it.forEachRemaining(parked::add); // key order: published time, then article and event
      }
      for (KeyValue<String, DealEvent> kv : parked) {
        pending.delete(kv.key);
        parkedCount.decrementAndGet();
        Long published = parkedTimestamps.remove(kv.key);
        apply(pair, kv.value, published == null ? -1 : published);
      }
    }
  }

  private static String pairOf(String pendingKey) {
    return pendingKey.substring(0, pendingKey.indexOf(SEP));
  }

  /** Sorts by pair, then published time (fixed width), then article id and event id: the backtest's order. */
  static String pendingKey(String pair, DealEvent e) {
    return pair + SEP + String.format("%020d", e.getPublished().toEpochMilli() + SORT_OFFSET)
        + SEP + e.getArticleId() + SEP + e.getEventId();
  }

  /**
   * @param publishedToKafka the Kafka timestamp of the deal record (ingest's publication of its article), or -1
   *     when unknown; an alert's latency is measured from it
   */
  private void apply(String pair, DealEvent event, long publishedToKafka) {
    for (PairObservation obs : PairObservation.fanOut(event)) {
      if (!obs.pairKey().equals(pair)) {
        continue; // the fan-out topic carries one pair per record; the other pairs travel under their own keys
      }
      PartnershipState current = store.get(pair);
      long now = context.currentSystemTimeMs();
      PartnershipStateMachine.Outcome outcome = machine.apply(current, obs, Instant.ofEpochMilli(now));
      if (!outcome.changedState()) {
        LOG.debug("pair {} unchanged by article {} ({} at {})", pair, obs.articleId(), obs.status(),
            obs.published());
        continue;
      }
      store.put(pair, outcome.state());
      if (outcome.alert() != null) {
        LOG.info("pair {} {} {} -> {} article {} alert {}", pair, outcome.alert().getKind(),
            outcome.alert().getPrevious(), outcome.alert().getCurrent(), obs.articleId(), outcome.alert().getId());
        OpsMetrics.counter(OpsMetrics.ALERTS, "kind", outcome.alert().getKind().name()).increment();
        if (publishedToKafka > 0 && now >= publishedToKafka) {
          latency.record(now - publishedToKafka, TimeUnit.MILLISECONDS);
        }
      }
      // output timestamp = detection time: webhook consumers of a new subscription start from "now" by timestamp
      context.forward(new Record<>(pair, outcome, now));
    }
  }
}
