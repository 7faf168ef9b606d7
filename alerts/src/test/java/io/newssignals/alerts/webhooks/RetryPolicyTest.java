package io.newssignals.alerts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  final RetryPolicy policy = new RetryPolicy(List.of(Duration.ofSeconds(1), Duration.ofSeconds(10)), new Random(1));

  @Test
  void shouldBackOffWithJitterAlongTheSchedule() {
    assertThat(policy.maxAttempts()).isEqualTo(3);
    assertThat(policy.nextDelay(1, null)).get().satisfies(d -> assertThat(d.toMillis()).isBetween(800L, 1200L));
    assertThat(policy.nextDelay(2, null)).get().satisfies(d -> assertThat(d.toMillis()).isBetween(8000L, 12000L));
    assertThat(policy.nextDelay(3, null)).isEmpty();
  }

  @Test
  void shouldHonourALongerRetryAfter() {
    assertThat(policy.nextDelay(1, Duration.ofSeconds(30))).contains(Duration.ofSeconds(30));
    assertThat(policy.nextDelay(1, Duration.ofDays(3))).contains(RetryPolicy.MAX_RETRY_AFTER);
  }
}
