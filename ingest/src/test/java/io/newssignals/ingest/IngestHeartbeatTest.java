package io.newssignals.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IngestHeartbeatTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void shouldSayNothingBeforeTheIntervalHasPassed() {
    IngestHeartbeat h = new IngestHeartbeat(Duration.ofMinutes(5), T0);
    h.record(3, 1, 2, 0);

    assertThat(h.due(T0.plusSeconds(299), 3)).isEmpty();
  }

  @Test
  void shouldSumTheBatchesSinceTheLastLine() {
    IngestHeartbeat h = new IngestHeartbeat(Duration.ofMinutes(5), T0);
    h.record(3, 4, 1, 0);
    h.record(2, 0, 1, 1);

    assertThat(h.due(T0.plusSeconds(300), 40)).contains("heartbeat: 40 feeds configured; in the last 300 s:"
        + " 5 polls, 2 not modified (304), 1 failed, 4 articles published");
  }

  @Test
  void shouldLogAQuietIntervalTooAndStartCountingAgain() {
    IngestHeartbeat h = new IngestHeartbeat(Duration.ofMinutes(5), T0);
    h.record(3, 4, 1, 0);
    h.due(T0.plusSeconds(300), 3);

    assertThat(h.due(T0.plusSeconds(599), 3)).isEmpty();
    assertThat(h.due(T0.plusSeconds(600), 3)).contains("heartbeat: 3 feeds configured; in the last 300 s:"
        + " 0 polls, 0 not modified (304), 0 failed, 0 articles published");
  }
}
