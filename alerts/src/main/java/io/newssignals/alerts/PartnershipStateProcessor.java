package io.newssignals.alerts;

import io.newssignals.schema.DealEvent;
import io.newssignals.schema.PartnershipState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * event}; once the input of this task has been quiet for the quiet period (or the oldest parked event has waited
 * the maximum hold), everything parked is applied pair by pair in published order. A single article in steady
 * state therefore waits only the quiet period; a burst is sorted as a whole.
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
  private final Duration maxHold;
  private ProcessorContext<String, PartnershipStateMachine.Outcome> context;
  private KeyValueStore<String, PartnershipState> store;
  private KeyValueStore<String, DealEvent> pending;
  private long lastArrivalMs = -1;
  private long oldestPendingMs = -1;

  PartnershipStateProcessor(PartnershipStateMachine machine, Duration quiet, Duration maxHold) {
    this.machine = machine;
    this.quiet = quiet;
    this.maxHold = maxHold;
  }

  @Override
  public void init(ProcessorContext<String, PartnershipStateMachine.Outcome> context) {
    this.context = context;
    this.store = context.getStateStore(AlertsTopology.STORE);
    this.pending = context.getStateStore(AlertsTopology.PENDING_STORE);
    if (!quiet.isZero()) {
      try (KeyValueIterator<String, DealEvent> it = pending.all()) {
        if (it.hasNext()) {
          // parked before a restart: release after one quiet period
          oldestPendingMs = context.currentSystemTimeMs();
          lastArrivalMs = oldestPendingMs;
        }
      }
      long tick = Math.max(5, Math.min(25, quiet.toMillis() / 4));
      context.schedule(Duration.ofMillis(tick), PunctuationType.WALL_CLOCK_TIME, this::maybeRelease);
    }
  }

  @Override
  public void process(Record<String, DealEvent> record) {
    if (quiet.isZero()) {
      apply(record.key(), record.value());
      return;
    }
    long now = context.currentSystemTimeMs();
    pending.put(pendingKey(record.key(), record.value()), record.value());
    lastArrivalMs = now;
    if (oldestPendingMs < 0) {
      oldestPendingMs = now;
    }
  }

  private void maybeRelease(long now) {
    if (oldestPendingMs < 0) {
      return;
    }
    if (now - lastArrivalMs < quiet.toMillis() && now - oldestPendingMs < maxHold.toMillis()) {
      return;
    }
    List<KeyValue<String, DealEvent>> parked = new ArrayList<>();
    try (KeyValueIterator<String, DealEvent> it = pending.all()) {
      it.forEachRemaining(parked::add); // key order: pair, then published time, then article and event
    }
    for (KeyValue<String, DealEvent> kv : parked) {
      pending.delete(kv.key);
      apply(kv.key.substring(0, kv.key.indexOf(SEP)), kv.value);
    }
    oldestPendingMs = -1;
  }

  /** Sorts by pair, then published time (fixed width), then article id and event id: the backtest's order. */
  static String pendingKey(String pair, DealEvent e) {
    return pair + SEP + String.format("%020d", e.getPublished().toEpochMilli() + SORT_OFFSET)
        + SEP + e.getArticleId() + SEP + e.getEventId();
  }

  private void apply(String pair, DealEvent event) {
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
      }
      // output timestamp = detection time: webhook consumers of a new subscription start from "now" by timestamp
      context.forward(new Record<>(pair, outcome, now));
    }
  }
}
