package io.newssignals.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  private static final Setting<Duration> INTERVAL = Setting.duration("TEST_INTERVAL", "15m", Duration.ofSeconds(1),
      Duration.ofDays(7), "How often.");
  private static final Setting<Integer> THREADS = Setting.integer("TEST_THREADS", 2, 1, 64, "How many.");
  private static final Setting<String> TOKEN = Setting.text("TEST_TOKEN", "changeme", "A password.").secret();
  private static final Setting<String> DIR = Setting.text("TEST_DIR", null, "Where.").defaultShownAs("$TMPDIR/x");
  private static final Settings SETTINGS = new Settings("test", List.of(INTERVAL, THREADS, TOKEN, DIR));

  @Test
  void shouldReadTheValueOrTheDefault() {
    assertThat(INTERVAL.get(Map.of())).isEqualTo(Duration.ofMinutes(15));
    assertThat(INTERVAL.get(Map.of("TEST_INTERVAL", "90s"))).isEqualTo(Duration.ofSeconds(90));
    assertThat(INTERVAL.get(Map.of("TEST_INTERVAL", "  "))).as("blank is unset").isEqualTo(Duration.ofMinutes(15));
    assertThat(DIR.getOrNull(Map.of())).isNull();
    assertThatThrownBy(() -> DIR.get(Map.of())).hasMessageContaining("TEST_DIR is required");
  }

  @Test
  void shouldRejectAValueOutOfRangeNamingTheVariableAndTheRange() {
    assertThatThrownBy(() -> INTERVAL.get(Map.of("TEST_INTERVAL", "1ms")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TEST_INTERVAL='1ms': must be a duration between 1s and 7d");
    assertThatThrownBy(() -> THREADS.get(Map.of("TEST_THREADS", "0")))
        .hasMessage("TEST_THREADS='0': must be an integer between 1 and 64");
  }

  @Test
  void shouldRejectAnIntegerThatOverflowsRatherThanWrapIt() {
    // 4294967297 = 2^32 + 1: once read as a long and cast to int, it silently became 1
    assertThatThrownBy(() -> THREADS.get(Map.of("TEST_THREADS", "4294967297")))
        .hasMessage("TEST_THREADS='4294967297': must be an integer between 1 and 64");
  }

  @Test
  void shouldRejectATwentyDigitDurationNamingTheVariable() {
    // a 20-digit number of seconds overflowed Long.parseLong with a NumberFormatException naming nothing
    assertThatThrownBy(() -> INTERVAL.get(Map.of("TEST_INTERVAL", "12345678901234567890")))
        .hasMessage("TEST_INTERVAL='12345678901234567890': must be a duration between 1s and 7d");
    assertThatThrownBy(() -> Durations.parse("TEST_INTERVAL", "12345678901234567890"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TEST_INTERVAL");
  }

  @Test
  void shouldCheckBuilderValuesAgainstTheSameRange() {
    assertThat(THREADS.check(64)).isEqualTo(64);
    assertThatThrownBy(() -> INTERVAL.check(Duration.ofMillis(500)))
        .hasMessage("TEST_INTERVAL='500ms': must be a duration between 1s and 7d");
    assertThatThrownBy(() -> INTERVAL.check(null)).hasMessageContaining("TEST_INTERVAL");
  }

  @Test
  void shouldReportEveryBadValueAtOnce() {
    assertThatThrownBy(() -> SETTINGS.validate(Map.of("TEST_INTERVAL", "soon", "TEST_THREADS", "many")))
        .hasMessage("TEST_INTERVAL='soon': must be a duration between 1s and 7d\n"
            + "TEST_THREADS='many': must be an integer between 1 and 64");
  }

  @Test
  void shouldNeverShowASecret() {
    assertThatThrownBy(() -> Setting.integer("TEST_PIN", 1, 1, 9, "A pin.").secret().parse("1234"))
        .hasMessage("TEST_PIN='****': must be an integer between 1 and 9");

    List<EffectiveSetting> effective = SETTINGS.effective(Map.of("TEST_TOKEN", "hunter2", "TEST_THREADS", "4"));

    assertThat(effective).extracting(EffectiveSetting::name)
        .containsExactly("TEST_INTERVAL", "TEST_THREADS", "TEST_TOKEN", "TEST_DIR");
    assertThat(effective.get(0)).isEqualTo(new EffectiveSetting("TEST_INTERVAL", "TEST_INTERVAL", "15m", "15m",
        false, "How often.", false));
    assertThat(effective.get(1).value()).isEqualTo("4");
    assertThat(effective.get(1).set()).isTrue();
    assertThat(effective.get(2)).isEqualTo(new EffectiveSetting("TEST_TOKEN", "TEST_TOKEN", "****", "****", true,
        "A password.", true));
    assertThat(effective.get(3).value()).isEqualTo("$TMPDIR/x");
    assertThat(effective.toString()).doesNotContain("hunter2").doesNotContain("changeme");
  }

  @Test
  void shouldRenderTheDocsTableAndTheHelpFromTheDeclarations() {
    assertThat(SETTINGS.markdownTable()).isEqualTo("""
        | Setting | Default | Accepted | Description |
        |---|---|---|---|
        | `TEST_INTERVAL` | `15m` | a duration between 1s and 7d | How often. |
        | `TEST_THREADS` | `2` | an integer between 1 and 64 | How many. |
        | `TEST_TOKEN` | (secret) | any text | A password. |
        | `TEST_DIR` | $TMPDIR/x | any text | Where. |
        """);
    assertThat(SETTINGS.helpLines()).contains("  TEST_INTERVAL  (a duration between 1s and 7d; default 15m)",
        "      How often.", "  TEST_TOKEN  (any text; default (secret))");
  }

  @Test
  void shouldRefuseADeclarationWhoseDefaultIsOutOfRange() {
    assertThatThrownBy(() -> Setting.integer("TEST_BAD", 0, 1, 9, "Bad."))
        .hasMessage("TEST_BAD='0': must be an integer between 1 and 9");
    assertThatThrownBy(() -> new Settings("twice", List.of(THREADS, THREADS)))
        .hasMessageContaining("TEST_THREADS");
  }

  @Test
  void shouldNameTheFileKeyOfAFileSetting() {
    Setting<Duration> interval = INTERVAL.inFile("interval");
    assertThat(interval.env()).isNull();
    assertThatThrownBy(() -> interval.parse("1ms")).hasMessage("interval='1ms': must be a duration between 1s and 7d");
  }
}
