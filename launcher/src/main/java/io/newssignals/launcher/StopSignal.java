package io.newssignals.launcher;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Ctrl-C (SIGINT) or SIGTERM for a long-running command: a JVM shutdown hook that asks the command's thread to stop
 * (interrupting its waits), then holds the JVM until the command has closed everything, for at most 60 s.
 */
final class StopSignal {
  private static final long GRACE_SECONDS = 60;

  private final AtomicBoolean requested = new AtomicBoolean();
  private final CountDownLatch done = new CountDownLatch(1);
  private final AtomicReference<Runnable> onStop = new AtomicReference<>(() -> {});
  private final Thread hook;

  private StopSignal(Thread commandThread) {
    hook = new Thread(() -> {
      requested.set(true);
      onStop.get().run();
      commandThread.interrupt();
      try {
        done.await(GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "pipeline-shutdown");
  }

  /** Installs the hook for the calling thread. */
  static StopSignal install() {
    StopSignal s = new StopSignal(Thread.currentThread());
    Runtime.getRuntime().addShutdownHook(s.hook);
    return s;
  }

  /** Runs {@code action} (e.g. waking a blocked consumer poll) when a stop is requested. */
  void onStop(Runnable action) {
    onStop.set(action);
  }

  boolean requested() {
    return requested.get();
  }

  /** The command has closed everything: the JVM may halt, or, if no stop came, the hook is removed. */
  void done() {
    done.countDown();
    if (!requested.get()) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down
      }
    }
  }
}
