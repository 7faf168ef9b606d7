package io.newssignals.alerts;

import static io.newssignals.alerts.Deals.partnership;
import static io.newssignals.schema.PartnershipStatus.ENDED;
import static io.newssignals.schema.PartnershipStatus.EXPANDED;
import static io.newssignals.schema.PartnershipStatus.FORMED;
import static io.newssignals.schema.PartnershipStatus.NON_EXCLUSIVE;
import static io.newssignals.schema.PartnershipStatus.STRAINED;
import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.schema.AlertKind;
import io.newssignals.schema.DealEvent;
import io.newssignals.schema.EventType;
import io.newssignals.schema.PairStatus;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.schema.PartnershipState;
import io.newssignals.schema.PartnershipStatus;
import io.newssignals.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AlertsTopologyTest {
  static final Instant T0 = Instant.parse("2025-01-22T18:00:00Z");
  static final Instant WALL = Instant.parse("2025-06-01T00:00:00Z");

  private TopologyTestDriver driver;
  private TestInputTopic<String, DealEvent> deals;
  private TestOutputTopic<String, PartnershipAlert> alerts;
  private TestOutputTopic<String, PartnershipState> partnerships;

  /** Events applied on arrival (no reorder buffer): the state machine's rules in isolation. */
  static AlertsConfig config() {
    return AlertsConfig.builder().bootstrapServers("unused:9092").reorderQuiet(Duration.ZERO)
        .reorderBacklogQuiet(Duration.ZERO).build();
  }

  /** The recommended reorder buffer, every test article counting as live news (fixtures are dated 2024-2025). */
  static AlertsConfig buffered() {
    return AlertsConfig.builder().bootstrapServers("unused:9092").reorderQuiet(Duration.ofMillis(150))
        .reorderBacklogQuiet(Duration.ofSeconds(3)).reorderBacklogAge(Duration.ofDays(3650))
        .reorderMaxHold(Duration.ofSeconds(2)).build();
  }

  static TopologyTestDriver driver() {
    return driver(config());
  }

  static TopologyTestDriver driver(AlertsConfig cfg) {
    Properties p = cfg.streamsProperties();
    p.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/alerts-ttd-" + System.nanoTime());
    return new TopologyTestDriver(AlertsTopology.build(cfg), p, WALL);
  }

  @BeforeEach
  void setUp() {
    driver = driver();
    deals = driver.createInputTopic(Topics.DEALS.name(), Topics.DEALS.keySerde().serializer(),
        Topics.DEALS.valueSerde().serializer());
    alerts = driver.createOutputTopic(Topics.ALERTS.name(), Topics.ALERTS.keySerde().deserializer(),
        Topics.ALERTS.valueSerde().deserializer());
    partnerships = driver.createOutputTopic(Topics.PARTNERSHIPS.name(), Topics.PARTNERSHIPS.keySerde().deserializer(),
        Topics.PARTNERSHIPS.valueSerde().deserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  private void pipe(DealEvent e) {
    deals.pipeInput(Deals.key(e), e, e.getPublished());
  }

  @Test
  void shouldAlertOnceWithTheEvidenceWhenAPartnershipForms() {
    pipe(partnership("a1", "Wire Desk", T0, FORMED, "OpenAI", "Microsoft"));

    KeyValue<String, PartnershipAlert> kv = alerts.readKeyValue();
    assertThat(kv.key).isEqualTo("Microsoft|OpenAI");
    PartnershipAlert a = kv.value;
    assertThat(a.getKind()).isEqualTo(AlertKind.STATUS_CHANGED);
    assertThat(a.getPair()).containsExactly("Microsoft", "OpenAI");
    assertThat(a.getPrevious()).isNull();
    assertThat(a.getCurrent()).isEqualTo(PairStatus.ACTIVE);
    assertThat(a.getReportedStatus()).isEqualTo(FORMED);
    assertThat(a.getEvidence().getArticleId()).isEqualTo("a1");
    assertThat(a.getEvidence().getSource()).isEqualTo("Wire Desk");
    assertThat(a.getEvidence().getUrl()).isEqualTo("https://news.example/a1");
    assertThat(a.getEvidence().getSentence()).contains("FORMED");
    assertThat(a.getFirstReported()).isEqualTo(T0);
    assertThat(a.getDetectedAt()).isEqualTo(WALL);
    assertThat(a.getCorroborationCount()).isZero();
    assertThat(a.getId()).isEqualTo(AlertIds.statusChange("Microsoft|OpenAI", null, PairStatus.ACTIVE, T0));
    assertThat(alerts.isEmpty()).isTrue();

    KeyValueStore<String, PartnershipState> store = driver.getKeyValueStore(AlertsTopology.STORE);
    assertThat(store.get("Microsoft|OpenAI").getStatus()).isEqualTo(PairStatus.ACTIVE);
    KeyValue<String, PartnershipState> state = partnerships.readKeyValue();
    assertThat(state.key).isEqualTo("Microsoft|OpenAI");
    assertThat(state.value.getStatus()).isEqualTo(PairStatus.ACTIVE);
    assertThat(state.value.getAlertId()).isEqualTo(a.getId());
  }

  @Test
  void shouldNotAlertTwiceForTheSameChange() {
    pipe(partnership("a1", "Tech Currents", T0, NON_EXCLUSIVE, "Microsoft", "OpenAI"));
    pipe(partnership("a2", "Wire Desk", T0.plus(Duration.ofHours(17)), NON_EXCLUSIVE, "Microsoft", "OpenAI"));
    pipe(partnership("a3", "Market Pulse", T0.plus(Duration.ofHours(20)), NON_EXCLUSIVE, "Microsoft", "OpenAI"));

    List<PartnershipAlert> out = alerts.readValuesToList();
    assertThat(out).extracting(PartnershipAlert::getKind)
        .containsExactly(AlertKind.STATUS_CHANGED, AlertKind.CORROBORATED, AlertKind.CORROBORATED);
    PartnershipAlert change = out.get(0);
    PartnershipAlert last = out.get(2);
    assertThat(last.getCorroborates()).isEqualTo(change.getId());
    assertThat(last.getCorroborationCount()).isEqualTo(2);
    assertThat(last.getSources()).containsExactly("Tech Currents", "Wire Desk", "Market Pulse");
    assertThat(last.getArticleIds()).containsExactly("a1", "a2", "a3");
    assertThat(last.getFirstReported()).isEqualTo(T0);
    assertThat(last.getEvidence().getArticleId()).isEqualTo("a3");
    assertThat(last.getId()).isNotEqualTo(out.get(1).getId()).isNotEqualTo(change.getId());
    assertThat(driver.<String, PartnershipState>getKeyValueStore(AlertsTopology.STORE).get("Microsoft|OpenAI")
        .getCorroborations()).isEqualTo(2);
  }

  @Test
  void shouldTreatFormedAndExpandedAsTheSameActiveStatus() {
    pipe(partnership("a1", "Wire Desk", T0, FORMED, "Amazon", "Anthropic"));
    pipe(partnership("a2", "TechLedger", T0.plus(Duration.ofDays(2)), EXPANDED, "Amazon", "Anthropic"));

    assertThat(alerts.readValuesToList()).extracting(PartnershipAlert::getKind)
        .containsExactly(AlertKind.STATUS_CHANGED, AlertKind.CORROBORATED);
  }

  @Test
  void shouldIgnoreTheSameArticleDeliveredAgain() {
    DealEvent e = partnership("a1", "Wire Desk", T0, FORMED, "Microsoft", "OpenAI");
    pipe(e);
    pipe(e);

    assertThat(alerts.readValuesToList()).hasSize(1);
    assertThat(partnerships.readValuesToList()).hasSize(1);
  }

  @Test
  void shouldNotFlipTheStateBackWhenAnOlderArticleArrivesLate() {
    pipe(partnership("a1", "Wire Desk", T0, FORMED, "Lumora Labs", "Deutsche Telekom"));
    pipe(partnership("a3", "Wire Desk", T0.plus(Duration.ofDays(30)), ENDED, "Lumora Labs", "Deutsche Telekom"));
    // published between the two, delivered after both
    pipe(partnership("a2", "Euro Business Daily", T0.plus(Duration.ofDays(10)), STRAINED, "Lumora Labs",
        "Deutsche Telekom"));

    assertThat(alerts.readValuesToList()).extracting(PartnershipAlert::getCurrent)
        .containsExactly(PairStatus.ACTIVE, PairStatus.ENDED);
    assertThat(driver.<String, PartnershipState>getKeyValueStore(AlertsTopology.STORE)
        .get("Deutsche Telekom|Lumora Labs").getStatus()).isEqualTo(PairStatus.ENDED);
  }

  @Test
  void shouldCountALateReportOfTheCurrentChangeAsCorroboration() {
    pipe(partnership("a2", "Wire Desk", T0.plus(Duration.ofHours(1)), ENDED, "A Corp", "B Corp"));
    pipe(partnership("a1", "Other Desk", T0, ENDED, "A Corp", "B Corp"));

    List<PartnershipAlert> out = alerts.readValuesToList();
    assertThat(out).extracting(PartnershipAlert::getKind).containsExactly(AlertKind.STATUS_CHANGED);
  }

  @Test
  void shouldIgnoreSyndicatedDuplicates() {
    pipe(partnership("a1", "Wire Desk", T0, FORMED, "Microsoft", "OpenAI"));
    DealEvent copy = DealEvent.newBuilder(partnership("a1-syndicated", "Yahoo Finance", T0.plusSeconds(60), ENDED,
        "Microsoft", "OpenAI")).setDuplicateOf("a1").setNovelty(5).build();
    pipe(copy);

    assertThat(alerts.readValuesToList()).hasSize(1);
    assertThat(partnerships.readValuesToList()).hasSize(1);
  }

  @Test
  void shouldFlagAChangeBackedOnlyByHedgedLanguageUntilAFirmReportCorroboratesIt() {
    pipe(Deals.hedged(partnership("a1", "AI Trends Korea", T0, STRAINED, "Microsoft", "OpenAI"), 0.5));
    pipe(partnership("a2", "Wire Desk", T0.plus(Duration.ofHours(3)), STRAINED, "Microsoft", "OpenAI"));

    List<PartnershipAlert> out = alerts.readValuesToList();
    assertThat(out.get(0).getHedged()).isTrue();
    assertThat(out.get(0).getConfidence()).isEqualTo(0.5);
    assertThat(out.get(1).getKind()).isEqualTo(AlertKind.CORROBORATED);
    assertThat(out.get(1).getHedged()).isFalse();
    assertThat(out.get(1).getConfidence()).isEqualTo(0.9);
  }

  @Test
  void shouldUpdateEveryPairOfAThreePartyAlliance() {
    pipe(partnership("a1", "TechLedger", T0, FORMED, "Vodafone", "Nokia", "Qualcomm"));

    List<KeyValue<String, PartnershipAlert>> out = alerts.readKeyValuesToList();
    assertThat(out).extracting(kv -> kv.key)
        .containsExactlyInAnyOrder("Nokia|Qualcomm", "Nokia|Vodafone", "Qualcomm|Vodafone");
    assertThat(out).allSatisfy(kv -> {
      assertThat(String.join("|", kv.value.getPair())).isEqualTo(kv.key);
      assertThat(kv.value.getPrevious()).isNull();
      assertThat(kv.value.getCurrent()).isEqualTo(PairStatus.ACTIVE);
    });
  }

  @Test
  void shouldNotAlertAPairOfAnAllianceAgainWhenATwoPartyReportRepeatsIt() {
    pipe(partnership("a1", "TechLedger", T0, FORMED, "Vodafone", "Nokia", "Qualcomm"));
    pipe(partnership("a2", "Wire Desk", T0.plusSeconds(3600), EXPANDED, "Vodafone", "Nokia"));

    assertThat(alerts.readValuesToList()).extracting(PartnershipAlert::getKind)
        .containsExactlyInAnyOrder(AlertKind.STATUS_CHANGED, AlertKind.STATUS_CHANGED, AlertKind.STATUS_CHANGED,
            AlertKind.CORROBORATED);
  }

  @Test
  void shouldIgnoreEventsThatAreNotPartnerships() {
    DealEvent investment = DealEvent.newBuilder(partnership("a1", "Wire Desk", T0, FORMED, "Amazon", "Anthropic"))
        .setType(EventType.INVESTMENT).setStatus(null).build();
    pipe(investment);

    assertThat(alerts.isEmpty()).isTrue();
    assertThat(partnerships.isEmpty()).isTrue();
  }

  @Test
  void shouldGiveTheSameAlertIdWhenTheSameNewsIsReplayed() {
    pipe(partnership("a1", "Wire Desk", T0, FORMED, "Microsoft", "OpenAI"));
    String first = alerts.readValue().getId();
    try (TopologyTestDriver other = driver()) {
      TestInputTopic<String, DealEvent> in = other.createInputTopic(Topics.DEALS.name(),
          Topics.DEALS.keySerde().serializer(), Topics.DEALS.valueSerde().serializer());
      DealEvent e = partnership("a1", "Wire Desk", T0, FORMED, "Microsoft", "OpenAI");
      in.pipeInput(Deals.key(e), e);
      TestOutputTopic<String, PartnershipAlert> out = other.createOutputTopic(Topics.ALERTS.name(),
          Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer());
      assertThat(out.readValue().getId()).isEqualTo(first);
    }
  }

  @Test
  void shouldApplyABurstInPublishedOrderWhateverOrderItArrivesIn() {
    try (TopologyTestDriver buffered = driver(buffered())) {
      TestInputTopic<String, DealEvent> in = buffered.createInputTopic(Topics.DEALS.name(),
          Topics.DEALS.keySerde().serializer(), Topics.DEALS.valueSerde().serializer());
      TestOutputTopic<String, PartnershipAlert> out = buffered.createOutputTopic(Topics.ALERTS.name(),
          Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer());
      for (DealEvent e : List.of(
          partnership("a3", "Desk", T0.plus(Duration.ofDays(60)), STRAINED, "Microsoft", "OpenAI"),
          partnership("a1", "Desk", T0, FORMED, "Microsoft", "OpenAI"),
          partnership("a2", "Desk", T0.plus(Duration.ofDays(30)), NON_EXCLUSIVE, "Microsoft", "OpenAI"))) {
        in.pipeInput(Deals.key(e), e);
        buffered.advanceWallClockTime(Duration.ofMillis(40));
      }
      assertThat(out.isEmpty()).as("parked while the burst goes on").isTrue();

      buffered.advanceWallClockTime(Duration.ofMillis(200));

      assertThat(out.readValuesToList()).extracting(a -> a.getPrevious() + ">" + a.getCurrent())
          .containsExactly("null>ACTIVE", "ACTIVE>NON_EXCLUSIVE", "NON_EXCLUSIVE>STRAINED");
      assertThat(buffered.<String, DealEvent>getKeyValueStore(AlertsTopology.PENDING_STORE).approximateNumEntries())
          .isZero();
    }
  }

  @Test
  void shouldCountTheSameEventParkedTwiceOnceSoThatTheBufferEmpties() {
    // regression: an item carried by two feeds reached the buffer twice; the parked count stayed at 1 for ever and
    // run --once waited for its whole time-out
    AlertsConfig cfg = buffered();
    Properties p = cfg.streamsProperties();
    p.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/alerts-ttd-" + System.nanoTime());
    java.util.concurrent.atomic.AtomicLong parked = new java.util.concurrent.atomic.AtomicLong();
    try (TopologyTestDriver buffered = new TopologyTestDriver(AlertsTopology.build(cfg, parked), p, WALL)) {
      TestInputTopic<String, DealEvent> in = buffered.createInputTopic(Topics.DEALS.name(),
          Topics.DEALS.keySerde().serializer(), Topics.DEALS.valueSerde().serializer());
      TestOutputTopic<String, PartnershipAlert> out = buffered.createOutputTopic(Topics.ALERTS.name(),
          Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer());
      DealEvent e = partnership("dup-1", "Desk", T0, FORMED, "Microsoft", "OpenAI");
      in.pipeInput(Deals.key(e), e);
      in.pipeInput(Deals.key(e), e);
      assertThat(parked.get()).isEqualTo(1);

      buffered.advanceWallClockTime(Duration.ofMillis(400));

      assertThat(parked.get()).isZero();
      assertThat(out.readValuesToList()).hasSize(1);
    }
  }

  @Test
  void shouldReleaseParkedEventsAfterTheMaximumHoldEvenIfTheBurstGoesOn() {
    try (TopologyTestDriver buffered = driver(buffered())) {
      TestInputTopic<String, DealEvent> in = buffered.createInputTopic(Topics.DEALS.name(),
          Topics.DEALS.keySerde().serializer(), Topics.DEALS.valueSerde().serializer());
      TestOutputTopic<String, PartnershipAlert> out = buffered.createOutputTopic(Topics.ALERTS.name(),
          Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer());
      PartnershipStatus[] statuses = {FORMED, STRAINED, ENDED};
      for (int i = 0; i < 30 && out.isEmpty(); i++) {
        DealEvent e = partnership("b" + i, "Desk", T0.plusSeconds(i), statuses[i % 3], "Apple", "OpenAI");
        in.pipeInput(Deals.key(e), e);
        buffered.advanceWallClockTime(Duration.ofMillis(100));
      }
      assertThat(out.readValuesToList()).as("released after 2 s, about 20 reports in").hasSizeBetween(19, 22);
    }
  }

  @Test
  void shouldHoldBacklogNewsForTheLongerQuietPeriod() {
    try (TopologyTestDriver buffered = driver(AlertsConfig.builder().bootstrapServers("unused:9092")
        .reorderQuiet(Duration.ofMillis(150)).reorderBacklogQuiet(Duration.ofSeconds(3)).build())) {
      TestInputTopic<String, DealEvent> in = buffered.createInputTopic(Topics.DEALS.name(),
          Topics.DEALS.keySerde().serializer(), Topics.DEALS.valueSerde().serializer());
      TestOutputTopic<String, PartnershipAlert> out = buffered.createOutputTopic(Topics.ALERTS.name(),
          Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer());
      DealEvent live = partnership("live", "Desk", WALL.minusSeconds(120), FORMED, "Nokia", "Vodafone");
      DealEvent old = partnership("old", "Desk", WALL.minus(Duration.ofDays(30)), FORMED, "Apple", "OpenAI");
      in.pipeInput(Deals.key(live), live);
      in.pipeInput(Deals.key(old), old);

      buffered.advanceWallClockTime(Duration.ofMillis(300));
      assertThat(out.readValuesToList()).extracting(a -> a.getEvidence().getArticleId()).containsExactly("live");
      buffered.advanceWallClockTime(Duration.ofSeconds(3));
      assertThat(out.readValuesToList()).extracting(a -> a.getEvidence().getArticleId()).containsExactly("old");
    }
  }

  @Test
  void shouldApplyLiveNewsOnArrivalWhenOnlyTheBacklogIsHeld() {
    // as run and docker-compose deploy it: no live quiet period (enrich's one novelty task hands over live events
    // in order), a backlog held and sorted. A live event used to wait for the next punctuation (up to 25 ms) anyway
    try (TopologyTestDriver buffered = driver(AlertsConfig.builder().bootstrapServers("unused:9092")
        .reorderQuiet(Duration.ZERO).reorderBacklogQuiet(Duration.ofSeconds(3)).build())) {
      TestInputTopic<String, DealEvent> in = buffered.createInputTopic(Topics.DEALS.name(),
          Topics.DEALS.keySerde().serializer(), Topics.DEALS.valueSerde().serializer());
      TestOutputTopic<String, PartnershipAlert> out = buffered.createOutputTopic(Topics.ALERTS.name(),
          Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer());
      DealEvent old = partnership("old", "Desk", WALL.minus(Duration.ofDays(30)), FORMED, "Apple", "OpenAI");
      DealEvent live = partnership("live", "Desk", WALL.minusSeconds(120), FORMED, "Nokia", "Vodafone");
      in.pipeInput(Deals.key(old), old);
      in.pipeInput(Deals.key(live), live);

      assertThat(out.readValuesToList()).as("without any wall-clock time passing")
          .extracting(a -> a.getEvidence().getArticleId()).containsExactly("live");
      buffered.advanceWallClockTime(Duration.ofSeconds(4));
      assertThat(out.readValuesToList()).extracting(a -> a.getEvidence().getArticleId()).containsExactly("old");
    }
  }

  @Test
  void shouldNotHoldUpOtherPairsWhileOnePairIsBusy() {
    try (TopologyTestDriver buffered = driver(buffered())) {
      TestInputTopic<String, DealEvent> in = buffered.createInputTopic(Topics.DEALS.name(),
          Topics.DEALS.keySerde().serializer(), Topics.DEALS.valueSerde().serializer());
      TestOutputTopic<String, PartnershipAlert> out = buffered.createOutputTopic(Topics.ALERTS.name(),
          Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer());
      DealEvent quiet = partnership("q1", "Desk", T0, FORMED, "Nokia", "Vodafone");
      in.pipeInput(Deals.key(quiet), quiet);
      for (int i = 0; i < 4; i++) {
        DealEvent busy = partnership("b" + i, "Desk", T0.plusSeconds(i), i % 2 == 0 ? FORMED : ENDED, "Apple",
            "OpenAI");
        in.pipeInput(Deals.key(busy), busy);
        buffered.advanceWallClockTime(Duration.ofMillis(60));
      }
      assertThat(out.readValuesToList()).extracting(a -> String.join("|", a.getPair()))
          .containsExactly("Nokia|Vodafone");
    }
  }

  @Test
  void shouldNameTheStoreAndTheRepartitionTopic() {
    String description = AlertsTopology.build(buffered()).describe().toString();
    assertThat(description).contains("partnership-state").contains("partnership-pending")
        .contains("partnership-pairs-repartition")
        .doesNotContain("KSTREAM-");
  }
}
