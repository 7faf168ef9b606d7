package io.newssignals.ingest;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failing feed again: exponential in the number of consecutive failures, starting at one minute,
 * capped at the configured maximum, with jitter (50-100 % of the step) so that feeds failing together do not retry
 * together. A feed is never given up.
 */
public final class Backoff {
  static final Duration FIRST = Duration.ofMinutes(1);

  private Backoff() {}

  /** Delay after the {@code failures}-th consecutive failure (1 = first). */
  public static Duration delay(int failures, Duration max) {
    long cap = max.toMillis();
    int exp = Math.min(Math.max(failures, 1) - 1, 30);
    long step = Math.min(cap, FIRST.toMillis() << Math.min(exp, 20));
    long jittered = step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
    return Duration.ofMillis(Math.max(1_000, jittered));
  }
}
