package io.newssignals.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench push} measures what it says: every pushed story gives its alert, no poll happens meanwhile, and each
 * stage's figures cover every push. Speed itself is not asserted: it is the benchmark's output.
 */
class PushLatencyBenchmarkIT {
  @Test
  @SuppressWarnings("unchecked")
  void shouldMeasureEveryPushFromHubToAlertWithoutAPoll(@TempDir Path dir) throws Exception {
    Map<String, Object> result = new PushLatencyBenchmark(new PushLatencyBenchmark.Settings(5, 2, 7L, dir)).run();

    assertThat(result).containsEntry("alerts_missing", 0).containsEntry("feed_polls_during_pushes", 0);
    Map<String, Object> latency = (Map<String, Object>) result.get("latency_ms");
    assertThat(latency).containsOnlyKeys("push_accepted", "article", "enriched", "alert");
    latency.values().forEach(v -> assertThat((Map<String, Object>) v).containsEntry("count", 5));
    double article = (Double) ((Map<String, Object>) latency.get("article")).get("p50");
    double alert = (Double) ((Map<String, Object>) latency.get("alert")).get("p50");
    assertThat(alert).as("an alert follows its article").isGreaterThan(article);
    assertThat(PushLatencyBenchmark.toJson(result)).contains("\"p99\"");
  }
}
