package io.newssignals.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A one-line progress report on standard error for long command-line work ({@code extract}, {@code backtest},
 * {@code bench}): {@code "extract: 1,200/7,770 articles (15%), 240/s, about 27 s left"}, redrawn in place at most
 * five times a second and erased when the work ends.
 *
 * <p>Shown only when standard error is a terminal: {@code bin/pipeline} sets the system property
 * {@value #TERMINAL_PROPERTY} when it is ({@code [ -t 2 ]}), since Java cannot tell on its own
 * ({@code System.console()} looks at standard input and output). In a pipe or a log file nothing is written. Not thread-safe.
 */
public final class Progress implements AutoCloseable {
  /** System property that {@code bin/pipeline} sets to {@code true} when standard error is a terminal. */
  public static final String TERMINAL_PROPERTY = "newssignals.stderr.terminal";
  private static final long REDRAW_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  private static final Progress OFF = new Progress(null, "", "", -1, System::nanoTime);

  private final PrintStream err;
  private final String label;
  private final String unit;
  private final LongSupplier clock;
  private final long started;
  private long total;
  private long done;
  private long lastDrawn;
  private int lastWidth;

  Progress(PrintStream err, String label, String unit, long total, LongSupplier clock) {
    this.err = err;
    this.label = label;
    this.unit = unit;
    this.total = total;
    this.clock = clock;
    this.started = clock.getAsLong();
    this.lastDrawn = started - REDRAW_NANOS; // the first step draws at once
  }

  /** Whether progress lines are shown in this process (standard error is a terminal). */
  public static boolean enabled() {
    return Boolean.getBoolean(TERMINAL_PROPERTY);
  }

  /**
   * Progress of {@code total} units of work (negative when unknown: only the count and the rate are shown), or a
   * report that writes nothing when standard error is not a terminal.
   */
  public static Progress start(String label, String unit, long total) {
    return enabled() ? new Progress(System.err, label, unit, total, System::nanoTime) : OFF;
  }

  /** Sets how much is to do, once it is known. */
  public void total(long total) {
    this.total = total;
  }

  /** One more unit done. */
  public void step() {
    advanceTo(done + 1);
  }

  /** {@code done} units done so far. */
  public void advanceTo(long done) {
    if (err == null) {
      return;
    }
    this.done = done;
    long now = clock.getAsLong();
    if (now - lastDrawn >= REDRAW_NANOS) {
      lastDrawn = now;
      draw(line(now));
    }
  }

  /** Shows a short phase description instead of counts (for work made of phases, like {@code bench}). */
  public void phase(String description) {
    if (err == null) {
      return;
    }
    long seconds = TimeUnit.NANOSECONDS.toSeconds(clock.getAsLong() - started);
    draw(label + ": " + description + " (" + seconds + " s)");
  }

  /** The line for the current counts, at time {@code now} (nanoseconds of the clock). */
  String line(long now) {
    double seconds = Math.max(1e-9, (now - started) / 1e9);
    double rate = done / seconds;
    StringBuilder sb = new StringBuilder(label).append(": ");
    sb.append(String.format(Locale.ROOT, "%,d", done));
    if (total >= 0) {
      sb.append(String.format(Locale.ROOT, "/%,d %s (%d%%)", total, unit,
          total == 0 ? 100 : Math.min(100, done * 100 / total)));
    } else {
      sb.append(' ').append(unit);
    }
    if (seconds >= 1) {
      sb.append(String.format(Locale.ROOT, ", %,.0f/s", rate));
      if (total > done && rate > 0) {
        sb.append(String.format(Locale.ROOT, ", about %d s left", Math.round((total - done) / rate)));
      }
    }
    return sb.toString();
  }

  private void draw(String line) {
    // carriage return and padding: the line is redrawn in place, never scrolled
    int pad = Math.max(0, lastWidth - line.length());
    err.print("\r" + line + " ".repeat(pad));
    err.flush();
    lastWidth = line.length();
  }

  /** Erases the progress line before the command prints a message of its own; the next step draws it again. */
  public void clear() {
    close();
    lastDrawn = clock.getAsLong() - REDRAW_NANOS;
  }

  /** Erases the progress line, so what the command prints next starts on a clean line. */
  @Override
  public void close() {
    if (err == null || lastWidth == 0) {
      return;
    }
    err.print("\r" + " ".repeat(lastWidth) + "\r");
    err.flush();
    lastWidth = 0;
  }
}
