package io.newssignals.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A broker that never answers: readiness names it, the gauge says 0, the outage action runs once. */
class ClusterWatchTest {
  @Test
  void shouldReportAnUnreachableBrokerAndActAfterTheOutageLimit() throws Exception {
    CountDownLatch exited = new CountDownLatch(1);
    try (ClusterWatch watch = ClusterWatch.start("127.0.0.1:1")) {
      watch.exitAfterOutage(Duration.ofMillis(1), exited::countDown);
      assertThat(exited.await(30, TimeUnit.SECONDS)).as("outage action ran").isTrue();
      assertThat(watch.reachable()).isFalse();
      assertThat(watch.check().notReady()).hasValueSatisfying(r -> assertThat(r).contains("127.0.0.1:1",
          "unreachable"));
      assertThat(OpsMetrics.registry().find(OpsMetrics.BROKER_REACHABLE).gauge().value()).isZero();
      assertThat(watch.lag()).isEmpty();
    }
  }
}
