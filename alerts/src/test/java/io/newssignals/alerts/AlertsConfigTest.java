package io.newssignals.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class AlertsConfigTest {
  @Test
  void shouldUseTheDocumentedDefaults() {
    AlertsConfig c = AlertsConfig.fromEnvironment(Map.of(), "localhost:9092", null);
    assertThat(c.applicationId()).isEqualTo("news-signals-alerts");
    assertThat(c.webhooksFile()).isNull();
    assertThat(c.retrySchedule()).hasSize(7).first().isEqualTo(Duration.ofSeconds(5));
    assertThat(c.streamsProperties()).containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
        StreamsConfig.EXACTLY_ONCE_V2).containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 20L);
  }

  @Test
  void shouldReadEveryKeyFromTheEnvironmentAndLetFlagsWin() {
    Map<String, String> env = Map.of(
        AlertsConfig.BOOTSTRAP_ENV, "env:9092",
        AlertsConfig.WEBHOOKS_FILE_ENV, "/etc/env-hooks.yaml",
        AlertsConfig.RETRY_SCHEDULE_ENV, "100ms, 1s,PT2M",
        AlertsConfig.WEBHOOK_TIMEOUT_ENV, "3s",
        AlertsConfig.CORROBORATION_WINDOW_ENV, "2d",
        AlertsConfig.APPLICATION_ID_ENV, "alerts-b");
    AlertsConfig fromEnv = AlertsConfig.fromEnvironment(env, null, null);
    assertThat(fromEnv.bootstrapServers()).isEqualTo("env:9092");
    assertThat(fromEnv.webhooksFile()).isEqualTo(Path.of("/etc/env-hooks.yaml"));
    assertThat(fromEnv.retrySchedule())
        .containsExactly(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(2));
    assertThat(fromEnv.webhookTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(fromEnv.corroborationWindow()).isEqualTo(Duration.ofDays(2));
    assertThat(fromEnv.applicationId()).isEqualTo("alerts-b");
    assertThat(AlertsConfig.ENVIRONMENT).containsAll(env.keySet());

    AlertsConfig flags = AlertsConfig.fromEnvironment(env, "flag:9092", Path.of("hooks.json"));
    assertThat(flags.bootstrapServers()).isEqualTo("flag:9092");
    assertThat(flags.webhooksFile()).isEqualTo(Path.of("hooks.json"));
  }

  @Test
  void shouldFailFastNamingTheKeyAtFault() {
    assertThatThrownBy(() -> AlertsConfig.fromEnvironment(Map.of(), null, null))
        .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
    assertThatThrownBy(() -> AlertsConfig.fromEnvironment(
        Map.of(AlertsConfig.RETRY_SCHEDULE_ENV, "5s,soon"), "h:1", null))
        .hasMessageContaining("ALERTS_WEBHOOK_RETRY_SCHEDULE").hasMessageContaining("soon");
    assertThatThrownBy(() -> AlertsConfig.fromEnvironment(Map.of(AlertsConfig.WEBHOOK_TIMEOUT_ENV, "0s"), "h:1", null))
        .hasMessageContaining("ALERTS_WEBHOOK_TIMEOUT");
  }

  @Test
  void shouldRejectAHugeReorderMaxHoldAtStartUp() {
    // regression: 106751991167d was accepted, then Duration.toMillis overflowed at the first event and the
    // ArithmeticException stopped the service
    assertThatThrownBy(() -> AlertsConfig.fromEnvironment(
        Map.of(AlertsConfig.REORDER_MAX_HOLD_ENV, "106751991167d"), "h:1", null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ALERTS_REORDER_MAX_HOLD='106751991167d': must be a duration between 0s and 1h");
    assertThat(AlertsConfig.fromEnvironment(Map.of(AlertsConfig.REORDER_MAX_HOLD_ENV, "1h"), "h:1", null)
        .reorderMaxHold().toMillis()).isEqualTo(3_600_000);
  }

  @Test
  void shouldRequireTheMaxHoldToBeAtLeastTheQuietPeriod() {
    assertThatThrownBy(() -> AlertsConfig.fromEnvironment(Map.of(AlertsConfig.REORDER_QUIET_ENV, "20s",
        AlertsConfig.REORDER_MAX_HOLD_ENV, "10s"), "h:1", null))
        .hasMessage("ALERTS_REORDER_MAX_HOLD='10s': must be at least ALERTS_REORDER_QUIET (20s)");
  }

  @Test
  void shouldTurnRetriesOffWithNoneAndBoundTheSchedule() {
    assertThat(AlertsConfig.fromEnvironment(Map.of(AlertsConfig.RETRY_SCHEDULE_ENV, "none"), "h:1", null)
        .retrySchedule()).isEmpty();
    assertThatThrownBy(() -> AlertsConfig.fromEnvironment(Map.of(AlertsConfig.RETRY_SCHEDULE_ENV, "5s,2d"), "h:1",
        null)).hasMessageContaining("ALERTS_WEBHOOK_RETRY_SCHEDULE='5s,2d': must be a comma-separated list");
  }

  @Test
  void shouldDeclareEveryVariableItReads() {
    assertThat(AlertsConfig.ENVIRONMENT).containsExactlyInAnyOrderElementsOf(AlertsConfig.SETTINGS.envNames());
    assertThat(AlertsConfig.builder().bootstrapServers("h:1").build().replicationFactor()).isEqualTo(3);
  }
}
