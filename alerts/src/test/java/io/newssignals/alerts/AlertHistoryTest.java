package io.newssignals.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.schema.AlertKind;
import io.newssignals.schema.PairStatus;
import io.newssignals.schema.PartnershipAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the status page shows of the alerts: latest first, each pair's status, bounded. Nothing is read from Kafka. */
class AlertHistoryTest {
  private static PartnershipAlert alert(String id, String a, String b, AlertKind kind, PairStatus current) {
    return PartnershipAlert.newBuilder(AlertFormatterTest.alert()).setId(id).setKind(kind)
        .setPair(new ArrayList<>(List.of(a, b))).setCurrent(current).build();
  }

  @Test
  void shouldKeepTheLatestAlertsAndEachPairsCurrentStatus() {
    AlertHistory h = AlertHistory.unstarted("127.0.0.1:1");
    try {
      h.add(alert("1", "Microsoft", "OpenAI", AlertKind.STATUS_CHANGED, PairStatus.ACTIVE));
      h.add(alert("2", "Apple", "OpenAI", AlertKind.STATUS_CHANGED, PairStatus.ACTIVE));
      h.add(alert("3", "Microsoft", "OpenAI", AlertKind.STATUS_CHANGED, PairStatus.NON_EXCLUSIVE));
      // a corroboration repeats the status it corroborates; it never changes the pair's status
      h.add(alert("4", "Microsoft", "OpenAI", AlertKind.CORROBORATED, PairStatus.ACTIVE));

      assertThat(h.latest()).extracting(n -> n.get("id").asText()).containsExactly("4", "3", "2", "1");
      List<Map<String, Object>> pairs = h.pairs();
      assertThat(pairs).extracting(p -> p.get("pair")).containsExactly(List.of("Microsoft", "OpenAI"),
          List.of("Apple", "OpenAI"));
      assertThat(pairs.get(0).get("status")).isEqualTo("NON_EXCLUSIVE");
      assertThat((List<?>) pairs.get(0).get("alerts")).hasSize(3);
    } finally {
      h.close();
    }
  }

  @Test
  void shouldStayBounded() {
    AlertHistory h = AlertHistory.unstarted("127.0.0.1:1");
    try {
      for (int i = 0; i < AlertHistory.PAIRS + 10; i++) {
        h.add(alert("p" + i, "A" + i, "B", AlertKind.STATUS_CHANGED, PairStatus.ACTIVE));
      }
      for (int i = 0; i < AlertHistory.PER_PAIR + 5; i++) {
        h.add(alert("m" + i, "Microsoft", "OpenAI", AlertKind.STATUS_CHANGED, PairStatus.ACTIVE));
      }
      assertThat(h.latest()).hasSize(AlertHistory.LATEST);
      assertThat(h.pairs()).hasSize(AlertHistory.PAIRS);
      assertThat((List<?>) h.pairs().get(0).get("alerts")).hasSize(AlertHistory.PER_PAIR);
      assertThat(h.pairs()).noneMatch(p -> p.get("pair").equals(List.of("A0", "B")));
    } finally {
      h.close();
    }
  }
}
