package io.newssignals.alerts.webhooks;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a failed delivery again: the configured schedule (delay before retry n), each delay spread by ±20 %
 * jitter so that many endpoints recovering at once are not hit in lock-step, and never sooner than the endpoint's
 * Retry-After (capped at {@link #MAX_RETRY_AFTER}).
 */
final class RetryPolicy {
  static final Duration MAX_RETRY_AFTER = Duration.ofHours(24);
  private final List<Duration> schedule;
  private final RandomGenerator random;

  RetryPolicy(List<Duration> schedule, RandomGenerator random) {
    this.schedule = List.copyOf(schedule);
    this.random = random;
  }

  int maxAttempts() {
    return schedule.size() + 1;
  }

  /** Delay before the next attempt after {@code attemptsMade} failed attempts, or empty when out of attempts. */
  Optional<Duration> nextDelay(int attemptsMade, Duration retryAfter) {
    if (attemptsMade >= maxAttempts()) {
      return Optional.empty();
    }
    long base = schedule.get(attemptsMade - 1).toMillis();
    long jittered = Math.round(base * (0.8 + 0.4 * random.nextDouble()));
    Duration d = Duration.ofMillis(jittered);
    if (retryAfter != null) {
      Duration ra = retryAfter.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter;
      if (ra.compareTo(d) > 0) {
        d = ra;
      }
    }
    return Optional.of(d);
  }
}
