package io.newssignals.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.schema.AlertKind;
import io.newssignals.schema.DealEvent;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.schema.PartnershipStatus;
import io.newssignals.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;

/**
 * The backtest and the live topology share the state machine; this checks the wiring around it (fan-out,
 * repartition, filtering, store) does not make them diverge: the same deal events, in the same order, give the
 * same alert records.
 */
class BacktestAgreesWithTopologyTest {
  private static final List<String> COMPANIES = List.of("Alpha", "Beta", "Gamma", "Delta");

  @Test
  void shouldRaiseTheSameAlertsAsTheTopologyOnTheSameEvents() {
    List<DealEvent> events = randomNews(new Random(42), 400);

    List<PartnershipAlert> backtest =
        Backtest.replay(events, new PartnershipStateMachine(AlertsTopologyTest.config().corroborationWindow()));

    List<PartnershipAlert> live;
    try (TopologyTestDriver driver = AlertsTopologyTest.driver()) {
      TestInputTopic<String, DealEvent> in = driver.createInputTopic(Topics.DEALS.name(),
          Topics.DEALS.keySerde().serializer(), Topics.DEALS.valueSerde().serializer());
      TestOutputTopic<String, PartnershipAlert> out = driver.createOutputTopic(Topics.ALERTS.name(),
          Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer());
      for (DealEvent e : events) {
        in.pipeInput(Deals.key(e), e, e.getPublished());
      }
      live = out.readValuesToList();
    }

    assertThat(backtest).extracting(PartnershipAlert::getKind).contains(AlertKind.STATUS_CHANGED,
        AlertKind.CORROBORATED);
    assertThat(comparable(live)).containsExactlyElementsOf(comparable(backtest));
  }

  @Test
  void shouldRaiseTheSameAlertsAsTheBacktestWhenABurstArrivesShuffled() {
    List<DealEvent> events = new ArrayList<>(randomNews(new Random(7), 150));
    List<DealEvent> inPublishedOrder = new ArrayList<>(events);
    inPublishedOrder.sort(java.util.Comparator.comparing(DealEvent::getPublished)
        .thenComparing(DealEvent::getArticleId));
    List<PartnershipAlert> backtest =
        Backtest.replay(inPublishedOrder, new PartnershipStateMachine(AlertsTopologyTest.config().corroborationWindow()));

    java.util.Collections.shuffle(events, new Random(3));
    List<PartnershipAlert> live;
    try (TopologyTestDriver driver = AlertsTopologyTest.driver(AlertsTopologyTest.buffered())) {
      TestInputTopic<String, DealEvent> in = driver.createInputTopic(Topics.DEALS.name(),
          Topics.DEALS.keySerde().serializer(), Topics.DEALS.valueSerde().serializer());
      TestOutputTopic<String, PartnershipAlert> out = driver.createOutputTopic(Topics.ALERTS.name(),
          Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer());
      for (DealEvent e : events) {
        in.pipeInput(Deals.key(e), e);
      }
      driver.advanceWallClockTime(Duration.ofSeconds(1));
      live = out.readValuesToList();
    }
    // per pair the same alerts in the same order; across pairs the buffer releases in pair order
    assertThat(byPair(live)).isEqualTo(byPair(backtest));
  }

  private static java.util.Map<String, List<String>> byPair(List<PartnershipAlert> alerts) {
    java.util.Map<String, List<String>> out = new java.util.TreeMap<>();
    for (String s : comparable(alerts)) {
      out.computeIfAbsent(s.substring(s.indexOf("\"pair\""), s.indexOf("]", s.indexOf("\"pair\""))),
          k -> new ArrayList<>()).add(s);
    }
    return out;
  }

  /** Everything but the detection time, which is the wall clock live and the published time in a backtest. */
  private static List<String> comparable(List<PartnershipAlert> alerts) {
    return alerts.stream().map(a -> {
      PartnershipAlert copy = PartnershipAlert.newBuilder(a).setDetectedAt(Instant.EPOCH).build();
      return copy.toString();
    }).toList();
  }

  /** Reports about four companies: two- and three-party, repeats, duplicates, hedges, some published late. */
  static List<DealEvent> randomNews(Random r, int n) {
    List<DealEvent> out = new ArrayList<>();
    Instant t = Instant.parse("2024-01-01T00:00:00Z");
    PartnershipStatus[] statuses = PartnershipStatus.values();
    for (int i = 0; i < n; i++) {
      t = t.plus(Duration.ofHours(1 + r.nextInt(72)));
      Instant published = r.nextInt(10) == 0 ? t.minus(Duration.ofDays(r.nextInt(20))) : t;
      List<String> parties = new ArrayList<>(COMPANIES);
      java.util.Collections.shuffle(parties, r);
      parties = new ArrayList<>(parties.subList(0, r.nextInt(6) == 0 ? 3 : 2));
      PartnershipStatus status = statuses[r.nextInt(statuses.length)];
      if (i > 0 && r.nextInt(3) == 0) {
        status = out.get(out.size() - 1).getStatus(); // a second outlet on the same news
        parties = new ArrayList<>(out.get(out.size() - 1).getParties());
      }
      DealEvent e = Deals.partnership("art-" + i, "Outlet " + r.nextInt(5), published, status,
          parties.toArray(String[]::new));
      if (r.nextInt(8) == 0) {
        e = Deals.hedged(e, 0.4);
      }
      if (r.nextInt(15) == 0) {
        e = DealEvent.newBuilder(e).setDuplicateOf("art-0").setNovelty(3).build();
      }
      out.add(e);
      if (r.nextInt(20) == 0) {
        out.add(e); // redelivered
      }
    }
    return out;
  }
}
