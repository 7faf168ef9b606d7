package io.newssignals.alerts;

import io.newssignals.schema.DealEvent;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.schema.PartnershipState;
import io.newssignals.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
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
import org.apache.kafka.streams.state.Stores;

/**
 * The alerts topology: partnership deal events in, status changes out.
 *
 * <ul>
 *   <li>In: {@code signals.deals} ({@link Topics#DEALS}), key = sorted party names joined by '|', value
 *       {@link DealEvent}. Only PARTNERSHIP events of non-duplicate articles are used.</li>
 *   <li>Events with exactly two parties are already keyed by their pair and go straight to the state machine;
 *       events with three or more parties are fanned out to every pair and repartitioned by pair through the
 *       internal topic {@code <application.id>-}{@value #FAN_OUT_TOPIC}{@code -repartition}.</li>
 *   <li>State: store {@value #STORE} (pair key → {@link PartnershipState}) and the reorder buffer
 *       {@value #PENDING_STORE} (see {@link PartnershipStateProcessor}), both changelogged.</li>
 *   <li>Out: {@code alerts.partnership} ({@link Topics#ALERTS}), key pair, value {@link PartnershipAlert}
 *       (STATUS_CHANGED and CORROBORATED); {@code signals.partnerships} ({@link Topics#PARTNERSHIPS}, compacted),
 *       key pair, value the pair's current {@link PartnershipState}; {@code pipeline.dead-letter}
 *       ({@link Topics#DEAD_LETTER}): deal records that are not a readable {@link DealEvent}, original bytes with
 *       {@link io.newssignals.topics.DeadLetters} headers.</li>
 * </ul>
 */
public final class AlertsTopology {
  /** The state store of every pair's status. */
  public static final String STORE = "partnership-state";
  /** Deal events parked by the reorder buffer until their burst is over. */
  public static final String PENDING_STORE = "partnership-pending";
  /** Name of the repartition step of 3+-party events (the topic gets the application id prefix and -repartition). */
  public static final String FAN_OUT_TOPIC = "partnership-pairs";

  private AlertsTopology() {}

  public static Topology build(AlertsConfig cfg) {
    return build(cfg, new AtomicLong());
  }

  /**
   * As {@link #build(AlertsConfig)}, counting the events parked in the reorder buffer of this instance in
   * {@code parked} (what {@link AlertsService#parkedEvents()} reports).
   */
  static Topology build(AlertsConfig cfg, AtomicLong parked) {
    PartnershipStateMachine machine = new PartnershipStateMachine(cfg.corroborationWindow());
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(STORE), Topics.PARTNERSHIPS.keySerde(), Topics.PARTNERSHIPS.valueSerde()));
    builder.addStateStore(Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(PENDING_STORE), Topics.DEALS.keySerde(), Topics.DEALS.valueSerde()));

    // Values are decoded by a processor rather than by the source's serde, so that an unreadable record goes to
    // the dead-letter topic inside the processing transaction instead of being logged and skipped.
    var decoded = builder
        .stream(Topics.DEALS.name(), Consumed.with(Topics.DEALS.keySerde(), Serdes.ByteArray())
            .withName("deals-source"))
        .processValues(DealDecoder::new, Named.as("deals-decode"))
        .split(Named.as("deals-"))
        .branch((key, d) -> d.poison(), Branched.as("unreadable"))
        .defaultBranch(Branched.as("readable"));
    decoded.get("deals-unreadable")
        .mapValues(DealDecoder.Decoded::raw, Named.as("deals-unreadable-bytes"))
        .to(Topics.DEAD_LETTER.name(), Produced.with(Topics.DEALS.keySerde(), Serdes.ByteArray())
            .withName("dead-letter-sink"));

    KStream<String, DealEvent> reports = decoded.get("deals-readable")
        .mapValues(DealDecoder.Decoded::event, Named.as("deals-events"))
        .filter((key, event) -> PairObservation.isPartnershipReport(event), Named.as("partnership-reports"));

    var branches = reports.split(Named.as("partnership-"))
        .branch((key, event) -> isKeyedByItsPair(key, event), Branched.as("by-pair"))
        .defaultBranch(Branched.as("multi-party"));

    KStream<String, DealEvent> fannedOut = branches.get("partnership-multi-party")
        .flatMap((key, event) -> fanOut(event), Named.as("partnership-fan-out"))
        .repartition(Repartitioned.with(Topics.DEALS.keySerde(), Topics.DEALS.valueSerde()).withName(FAN_OUT_TOPIC));

    KStream<String, PartnershipStateMachine.Outcome> outcomes = branches.get("partnership-by-pair")
        .merge(fannedOut, Named.as("partnership-merge"))
        .process(() -> new PartnershipStateProcessor(machine, cfg, parked), Named.as("partnership-state-machine"),
            STORE, PENDING_STORE);

    outcomes
        .filter((pair, o) -> o.alert() != null, Named.as("partnership-alerts"))
        .mapValues(PartnershipStateMachine.Outcome::alert, Named.as("partnership-alert-values"))
        .to(Topics.ALERTS.name(), Produced.with(Topics.ALERTS.keySerde(), Topics.ALERTS.valueSerde())
            .withName("alerts-sink"));
    outcomes
        .mapValues(PartnershipStateMachine.Outcome::state, Named.as("partnership-state-values"))
        .to(Topics.PARTNERSHIPS.name(),
            Produced.with(Topics.PARTNERSHIPS.keySerde(), Topics.PARTNERSHIPS.valueSerde())
                .withName("partnerships-sink"));
    return builder.build();
  }

  /** Two-party events arrive keyed by their pair already: no repartition needed. */
  private static boolean isKeyedByItsPair(String key, DealEvent event) {
    List<PairObservation> pairs = PairObservation.fanOut(event);
    return pairs.size() == 1 && pairs.get(0).pairKey().equals(key);
  }

  private static List<KeyValue<String, DealEvent>> fanOut(DealEvent event) {
    List<KeyValue<String, DealEvent>> out = new ArrayList<>();
    for (PairObservation p : PairObservation.fanOut(event)) {
      out.add(KeyValue.pair(p.pairKey(), PairObservation.narrowTo(event, p.a(), p.b())));
    }
    return out;
  }
}
