package io.newssignals.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.enrich.TrainOrgModelCommand.Row;
import io.newssignals.enrich.TrainOrgModelCommand.Scored;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The organisation model's threshold is chosen on enough out-of-set candidates to measure precision. */
class TrainOrgModelCommandTest {

  @Test
  void shouldCountCandidatesAtOrAboveEachThreshold() {
    List<Row> rows = TrainOrgModelCommand.table(List.of(new Scored(0.9, true), new Scored(0.6, false),
        new Scored(0.5, true), new Scored(0.1, false)));
    assertThat(rows).hasSize(19);
    assertThat(rows.get(0).threshold()).isEqualTo(0.95);
    Row at05 = rows.stream().filter(r -> r.threshold() == 0.5).findFirst().orElseThrow();
    assertThat(at05.accepted()).isEqualTo(3);
    assertThat(at05.precision()).isEqualTo(2.0 / 3);
    assertThat(at05.recall()).isEqualTo(1.0);
  }

  @Test
  void shouldIgnoreThresholdsThatAcceptTooFewCandidatesToMeasurePrecision() {
    // three sure candidates at 0.9, then a large band at 0.5 at 90 % precision, then a noisy band at 0.2
    List<Scored> scored = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      scored.add(new Scored(0.9, true));
    }
    for (int i = 0; i < 100; i++) {
      scored.add(new Scored(0.5, i % 10 != 0));
    }
    for (int i = 0; i < 100; i++) {
      scored.add(new Scored(0.2, i % 2 == 0));
    }
    List<Row> rows = TrainOrgModelCommand.table(scored);
    // 0.50 down to 0.25 accept the same 103 candidates (90 % precise): the lowest of them; 0.20 falls to 70 %
    assertThat(TrainOrgModelCommand.choose(rows, 0.85, 50)).isEqualTo(0.25);
    // a minimum of 200 counts only 0.20 and below, where precision is already too low
    assertThat(TrainOrgModelCommand.choose(rows, 0.85, 200)).isEqualTo(0.95);
    // a set too small for any threshold to count keeps the strictest threshold
    assertThat(TrainOrgModelCommand.choose(TrainOrgModelCommand.table(scored.subList(0, 3)), 0.85, 50))
        .isEqualTo(0.95);
  }

  @Test
  void shouldStopAtTheFirstCountedThresholdBelowTheRequiredPrecision() {
    List<Scored> scored = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      scored.add(new Scored(0.8, i % 3 != 0)); // 67 % precision from 0.8 down
    }
    for (int i = 0; i < 60; i++) {
      scored.add(new Scored(0.3, true));
    }
    assertThat(TrainOrgModelCommand.choose(TrainOrgModelCommand.table(scored), 0.85, 50)).isEqualTo(0.95);
  }
}
