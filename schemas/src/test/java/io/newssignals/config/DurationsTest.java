package io.newssignals.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void shouldReadIsoUnitsAndPlainSeconds() {
    assertThat(Durations.parse("K", "PT15M")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Durations.parse("K", "pt72h")).isEqualTo(Duration.ofHours(72));
    assertThat(Durations.parse("K", "500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(Durations.parse("K", " 90s ")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("K", "15m")).isEqualTo(Duration.ofMinutes(15));
    assertThat(Durations.parse("K", "2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse("K", "7d")).isEqualTo(Duration.ofDays(7));
    assertThat(Durations.parse("K", "600")).isEqualTo(Duration.ofMinutes(10));
    assertThat(Durations.parse("K", "0")).isZero();
  }

  @Test
  void shouldNameTheSettingAtFault() {
    assertThatThrownBy(() -> Durations.parse("INGEST_POLL_INTERVAL", "soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("INGEST_POLL_INTERVAL")
        .hasMessageContaining("'soon'");
    assertThatThrownBy(() -> Durations.parse("K", null)).hasMessageContaining("K");
    assertThatThrownBy(() -> Durations.parse("K", "5 fortnights")).hasMessageContaining("K");
  }
}
