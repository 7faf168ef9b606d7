package io.newssignals.launcher;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting in integration tests: poll a condition, fail with a description of the state when it never holds. */
public final class Await {
  private Await() {}

  /** Polls {@code condition} every 100 ms until it holds; fails with {@code state} after {@code timeout}. */
  public static void until(Duration timeout, BooleanSupplier condition, Supplier<String> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not reached within " + timeout.toSeconds() + " s: " + state.get());
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
