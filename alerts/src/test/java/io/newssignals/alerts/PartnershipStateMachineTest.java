package io.newssignals.alerts;

import static io.newssignals.alerts.Deals.partnership;
import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.schema.PairStatus;
import io.newssignals.schema.PartnershipState;
import io.newssignals.schema.PartnershipStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PartnershipStateMachineTest {
  static final Instant T0 = Instant.parse("2024-06-10T19:30:00Z");
  final PartnershipStateMachine machine = new PartnershipStateMachine(Duration.ofDays(7));

  static PairObservation obs(String article, Instant at, PartnershipStatus status) {
    return PairObservation.fanOut(partnership(article, "Desk", at, status, "Apple", "OpenAI")).get(0);
  }

  @Test
  void shouldNotCorroborateAReportOutsideTheWindowButRememberItsTime() {
    PartnershipState s = machine.apply(null, obs("a1", T0, PartnershipStatus.FORMED), T0).state();
    Instant later = T0.plus(Duration.ofDays(30));
    PartnershipStateMachine.Outcome o = machine.apply(s, obs("a2", later, PartnershipStatus.EXPANDED), later);

    assertThat(o.alert()).isNull();
    assertThat(o.state().getLastEventTime()).isEqualTo(later);
    assertThat(o.state().getStatus()).isEqualTo(PairStatus.ACTIVE);
    assertThat(o.state().getCorroborations()).isZero();
  }

  @Test
  void shouldKeepThePreviousStatusOfTheChangeForCorroborations() {
    PartnershipState s = machine.apply(null, obs("a1", T0, PartnershipStatus.FORMED), T0).state();
    Instant t1 = T0.plus(Duration.ofDays(60));
    s = machine.apply(s, obs("a2", t1, PartnershipStatus.NON_EXCLUSIVE), t1).state();
    var o = machine.apply(s, obs("a3", t1.plusSeconds(60), PartnershipStatus.NON_EXCLUSIVE), t1);

    assertThat(o.alert().getPrevious()).isEqualTo(PairStatus.ACTIVE);
    assertThat(o.alert().getCurrent()).isEqualTo(PairStatus.NON_EXCLUSIVE);
    assertThat(o.alert().getCorroborates()).isEqualTo(s.getAlertId());
  }

  @Test
  void shouldIgnoreALateReportOfAnEarlierPeriodOfTheSameStatus() {
    PartnershipState s = machine.apply(null, obs("a1", T0, PartnershipStatus.FORMED), T0).state();
    s = machine.apply(s, obs("a2", T0.plusSeconds(100), PartnershipStatus.STRAINED), T0).state();
    s = machine.apply(s, obs("a3", T0.plusSeconds(200), PartnershipStatus.FORMED), T0).state();
    var late = machine.apply(s, obs("a0", T0.plusSeconds(50), PartnershipStatus.FORMED), T0);

    assertThat(late.changedState()).isFalse();
    assertThat(late.alert()).isNull();
  }
}
