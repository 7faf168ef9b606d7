package io.newssignals.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IngestConfigTest {
  @Test
  void shouldReadEveryKeyFromTheEnvironment() {
    IngestConfig c = IngestConfig.fromEnvironment(Map.of(
        "KAFKA_BOOTSTRAP_SERVERS", "k:9092", "INGEST_FEEDS_FILE", "/etc/feeds.yaml", "INGEST_POLL_INTERVAL", "5m",
        "INGEST_MAX_BODY_BYTES", "2048", "INGEST_READ_TIMEOUT", "PT1M", "INGEST_PER_HOST_CONCURRENCY", "3",
        "INGEST_ALLOWED_SCHEMES", "https,file", "INGEST_USER_AGENT", "bot/1",
        "INGEST_ALLOW_PRIVATE_REDIRECTS", "true")).build();

    assertThat(c.bootstrapServers()).contains("k:9092");
    assertThat(c.feedsFile()).contains(Path.of("/etc/feeds.yaml"));
    assertThat(c.pollInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.maxBodyBytes()).isEqualTo(2048);
    assertThat(c.readTimeout()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.perHostConcurrency()).isEqualTo(3);
    assertThat(c.allowedSchemes()).containsExactlyInAnyOrder("https", "file");
    assertThat(c.userAgent()).isEqualTo("bot/1");
    assertThat(c.allowPrivateRedirects()).isTrue();
  }

  @Test
  void shouldDefaultToTheDocumentedValues() {
    IngestConfig c = IngestConfig.builder().build();

    assertThat(c.feedsFile()).isEmpty();
    assertThat(c.maxBodyBytes()).isEqualTo(10L * 1024 * 1024);
    assertThat(c.allowedSchemes()).containsExactlyInAnyOrder("http", "https");
    assertThat(c.pollInterval()).isEqualTo(Duration.ofMinutes(15));
    assertThat(c.allowPrivateRedirects()).as("private redirects refused by default").isFalse();
  }

  @Test
  void shouldFailFastNamingTheBadKey() {
    assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("INGEST_POLL_INTERVAL", "often")))
        .hasMessageContaining("INGEST_POLL_INTERVAL");
    assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("INGEST_MAX_BODY_BYTES", "12")).build())
        .hasMessageContaining("INGEST_MAX_BODY_BYTES");
    assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("INGEST_ALLOWED_SCHEMES", "gopher")).build())
        .hasMessageContaining("INGEST_ALLOWED_SCHEMES");
    assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("INGEST_ALLOW_PRIVATE_REDIRECTS", "sometimes")))
        .hasMessageContaining("INGEST_ALLOW_PRIVATE_REDIRECTS");
  }

  @Test
  void shouldListEveryEnvironmentVariableItReads() {
    assertThat(IngestConfig.ENVIRONMENT).contains("KAFKA_BOOTSTRAP_SERVERS", "INGEST_FEEDS_FILE", "INGEST_MAX_BODY_BYTES",
        "INGEST_USER_AGENT", "INGEST_PER_HOST_CONCURRENCY", "INGEST_ALLOWED_SCHEMES", "INGEST_ALLOW_PRIVATE_REDIRECTS");
  }

  @Test
  void shouldRejectATwentyDigitTimeoutNamingTheVariable() {
    // regression: a 20-digit number of seconds failed with a bare NumberFormatException naming no variable
    assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("INGEST_CONNECT_TIMEOUT", "12345678901234567890")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("INGEST_CONNECT_TIMEOUT='12345678901234567890': must be a duration between 100ms and 5m");
  }

  @Test
  void shouldRejectAPerHostConcurrencyThatOverflowsAnIntRatherThanReadItAsOne() {
    // regression: 4294967297 (2^32 + 1) was read as a long and cast to int, silently becoming 1
    assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("INGEST_PER_HOST_CONCURRENCY", "4294967297")))
        .hasMessage("INGEST_PER_HOST_CONCURRENCY='4294967297': must be an integer between 1 and 64");
  }

  @Test
  void shouldReportEveryBadVariableAtOnce() {
    assertThatThrownBy(() -> IngestConfig.fromEnvironment(Map.of("INGEST_POLL_INTERVAL", "1ms",
        "INGEST_MAX_CONCURRENCY", "0", "KAFKA_REPLICATION_FACTOR", "zero")))
        .hasMessageContaining("INGEST_POLL_INTERVAL='1ms': must be a duration between 1s and 7d")
        .hasMessageContaining("INGEST_MAX_CONCURRENCY='0'")
        .hasMessageContaining("KAFKA_REPLICATION_FACTOR='zero'");
  }

  @Test
  void shouldCheckBuilderValuesAgainstTheDeclaredRanges() {
    assertThatThrownBy(() -> IngestConfig.builder().pollInterval(Duration.ofMillis(1)).build())
        .hasMessage("INGEST_POLL_INTERVAL='1ms': must be a duration between 1s and 7d");
    assertThatThrownBy(() -> IngestConfig.builder().allowedSchemes(Set.of("gopher")).build())
        .hasMessageContaining("INGEST_ALLOWED_SCHEMES='gopher'");
  }

  @Test
  void shouldDeclareEveryDefaultTheBuilderUses() {
    IngestConfig built = IngestConfig.builder().build();
    IngestConfig fromEnv = IngestConfig.fromEnvironment(Map.of()).build();

    assertThat(fromEnv.toString()).isEqualTo(built.toString());
    assertThat(fromEnv.replicationFactor()).isEqualTo(built.replicationFactor()).isEqualTo(3);
    assertThat(IngestConfig.ENVIRONMENT).containsExactlyInAnyOrderElementsOf(IngestConfig.SETTINGS.envNames());
  }

  @Test
  void shouldListTheEffectiveConfigurationForTheStatusPage() {
    assertThat(IngestConfig.effective(Map.of("INGEST_POLL_INTERVAL", "5m")))
        .filteredOn(e -> e.name().equals("INGEST_POLL_INTERVAL")).singleElement()
        .satisfies(e -> {
          assertThat(e.value()).isEqualTo("5m");
          assertThat(e.defaultValue()).isEqualTo("15m");
          assertThat(e.set()).isTrue();
        });
  }
}
