package io.newssignals.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The periodic "still alive" line of ingest: how many feeds it polled since the last line, how many answered
 * 304 Not Modified, how many failed and how many articles it published. Between two lines ingest logs only what
 * changed (articles published, failures), so a quiet log no longer leaves the operator wondering whether it polls
 * at all. Not thread-safe: called from ingest's one loop thread.
 */
final class IngestHeartbeat {
  /** How often the line is logged. */
  static final Duration EVERY = Duration.ofMinutes(5);

  private final Duration every;
  private Instant since;
  private long polled;
  private long notModified;
  private long failed;
  private long articles;

  IngestHeartbeat(Duration every, Instant start) {
    this.every = Objects.requireNonNull(every, "every");
    this.since = Objects.requireNonNull(start, "start");
  }

  /** Counts one committed batch of polls. */
  void record(int feedsPolled, int articlesPublished, int notModifiedCount, int failures) {
    polled += feedsPolled;
    articles += articlesPublished;
    notModified += notModifiedCount;
    failed += failures;
  }

  /** The line to log when {@link #EVERY} has passed since the last one (and starts counting again), else empty. */
  Optional<String> due(Instant now, int feedsConfigured) {
    Duration elapsed = Duration.between(since, now);
    if (elapsed.compareTo(every) < 0) {
      return Optional.empty();
    }
    String line = String.format("heartbeat: %d feeds configured; in the last %d s: %d polls, %d not modified (304),"
        + " %d failed, %d articles published", feedsConfigured, elapsed.toSeconds(), polled, notModified, failed,
        articles);
    since = now;
    polled = 0;
    notModified = 0;
    failed = 0;
    articles = 0;
    return Optional.of(line);
  }
}
