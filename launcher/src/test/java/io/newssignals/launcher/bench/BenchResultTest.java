package io.newssignals.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BenchResultTest {

  @Test
  void shouldTakeNearestRankPercentilesOfSortedLatencies() {
    double[] ms = IntStream.rangeClosed(1, 200).asDoubleStream().toArray();

    Map<String, Object> p = BenchResult.percentiles(ms);

    assertThat(p).containsEntry("p50", 100.0).containsEntry("p95", 190.0).containsEntry("p99", 198.0)
        .containsEntry("max", 200.0).containsEntry("count", 200);
  }

  @Test
  void shouldReportNoPercentileWhenNothingArrived() {
    Map<String, Object> p = BenchResult.percentiles(new double[0]);

    assertThat(p.get("p99")).isNull();
    assertThat(p).containsEntry("count", 0);
  }

  @Test
  void shouldDescribeTheMachine() {
    assertThat(BenchResult.machine()).containsKeys("cores", "memory_mb", "jvm", "max_heap_mb")
        .containsEntry("cores", Runtime.getRuntime().availableProcessors());
  }
}
