package io.newssignals.alerts;

import io.newssignals.schema.DealEvent;
import io.newssignals.schema.PartnershipState;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams adapter of {@link PartnershipStateMachine}: reads the pair's state from the {@value AlertsTopology#STORE}
 * store, applies every observation of the record for that pair, writes the state back and forwards each outcome
 * that changed something. Records arrive keyed by pair ({@code A|B}).
 */
final class PartnershipStateProcessor implements FixedKeyProcessor<String, DealEvent, PartnershipStateMachine.Outcome> {
  private static final Logger LOG = LoggerFactory.getLogger(PartnershipStateProcessor.class);

  private final PartnershipStateMachine machine;
  private FixedKeyProcessorContext<String, PartnershipStateMachine.Outcome> context;
  private KeyValueStore<String, PartnershipState> store;

  PartnershipStateProcessor(PartnershipStateMachine machine) {
    this.machine = machine;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, PartnershipStateMachine.Outcome> context) {
    this.context = context;
    this.store = context.getStateStore(AlertsTopology.STORE);
  }

  @Override
  public void process(FixedKeyRecord<String, DealEvent> record) {
    for (PairObservation obs : PairObservation.fanOut(record.value())) {
      if (!obs.pairKey().equals(record.key())) {
        continue; // the fan-out topic carries one pair per record; the other pairs travel under their own keys
      }
      PartnershipState current = store.get(record.key());
      long now = context.currentSystemTimeMs();
      PartnershipStateMachine.Outcome outcome = machine.apply(current, obs, Instant.ofEpochMilli(now));
      if (!outcome.changedState()) {
        LOG.debug("pair {} unchanged by article {} ({} at {})", record.key(), obs.articleId(), obs.status(),
            obs.published());
        continue;
      }
      store.put(record.key(), outcome.state());
      if (outcome.alert() != null) {
        LOG.info("pair {} {} {} -> {} article {} alert {}", record.key(), outcome.alert().getKind(),
            outcome.alert().getPrevious(), outcome.alert().getCurrent(), obs.articleId(), outcome.alert().getId());
      }
      // output timestamp = detection time: webhook consumers of a new subscription start from "now" by timestamp
      context.forward(record.withValue(outcome).withTimestamp(now));
    }
  }
}
