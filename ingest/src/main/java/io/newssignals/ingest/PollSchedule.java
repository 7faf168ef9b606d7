package io.newssignals.ingest;

import io.newssignals.ingest.feed.FeedHints;
import io.newssignals.schema.Article;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How long to wait before polling a feed again after a successful poll: the adaptive interval.
 *
 * <p>Like Miniflux's entry-frequency scheduler, the interval follows how often the feed actually publishes: the
 * mean gap between its recent new items (their own dates when plausible, else the time they were first fetched),
 * or the time since its newest item when that is longer (a feed that fell silent is polled less and less often),
 * bounded below by the minimum ({@code INGEST_MIN_POLL_INTERVAL}, or the feed's interval when that is smaller) and
 * above by the feed's configured interval, its maximum. A publisher's own word then raises it: RSS {@code ttl} and
 * {@code sy:updatePeriod}/{@code sy:updateFrequency} up to the maximum, Cache-Control max-age up to 24 hours (as
 * before). A feed with an active WebSub subscription is polled at the slow safety interval only, since the hub
 * pushes its changes; a failing feed follows {@link Backoff} and Retry-After instead ({@link FeedPoller}).
 */
public final class PollSchedule {
  /** How many new-item times a feed's state keeps. */
  static final int KEPT_TIMES = 16;
  /** A new item dated further back than this is timed by its fetch instead (old items found late, bad dates). */
  static final Duration PLAUSIBLE_AGE = Duration.ofDays(30);
  /** A server's Cache-Control max-age is honoured up to this long. */
  static final Duration MAX_SERVER_DELAY = FeedPoller.MAX_SERVER_DELAY;

  private final Duration minimum;
  private final Duration safetyInterval;

  /**
   * @param minimum the shortest interval adaptive polling may choose
   * @param safetyInterval the interval of feeds with an active WebSub subscription
   */
  public PollSchedule(Duration minimum, Duration safetyInterval) {
    this.minimum = minimum;
    this.safetyInterval = safetyInterval;
  }

  /** An interval and why it was chosen (shown by {@code feeds status}). */
  public record Interval(Duration duration, String reason) {}

  /**
   * The new-item times after a poll: {@code previous} plus the times of the new articles (revision 1) of this poll,
   * the most recent {@value #KEPT_TIMES}, oldest first.
   */
  static List<Long> newItemTimes(List<Long> previous, List<Article> published, Instant now) {
    List<Long> times = new ArrayList<>(previous);
    for (Article a : published) {
      if (a.getRevision() != 1) {
        continue;
      }
      Instant t = a.getPublished();
      boolean plausible = t != null && !t.isAfter(now) && !t.isBefore(now.minus(PLAUSIBLE_AGE));
      times.add((plausible ? t : now).toEpochMilli());
    }
    Collections.sort(times);
    return new ArrayList<>(times.subList(Math.max(0, times.size() - KEPT_TIMES), times.size()));
  }

  /**
   * The interval of {@code feed} after a successful poll at {@code now}.
   *
   * @param times the feed's recent new-item times (epoch millis, oldest first)
   * @param hints what the feed says of its rhythm
   * @param maxAge the response's Cache-Control max-age, or {@code null}
   * @param subscribed true when the feed has an active WebSub subscription
   */
  public Interval next(FeedSpec feed, List<Long> times, FeedHints hints, Duration maxAge, boolean subscribed,
      Instant now) {
    if (subscribed) {
      return new Interval(safetyInterval, "WebSub: pushed by its hub, safety poll");
    }
    Duration max = feed.pollInterval();
    Duration min = minimum.compareTo(max) < 0 ? minimum : max;
    Interval chosen;
    if (min.equals(max)) {
      chosen = new Interval(max, "fixed: the feed's interval is not above the minimum " + human(minimum));
    } else if (times.size() < 2) {
      chosen = new Interval(max, "maximum: too few new items seen to know its rhythm");
    } else {
      long first = times.get(0);
      long last = times.get(times.size() - 1);
      Duration gap = Duration.ofMillis((last - first) / (times.size() - 1));
      Duration silent = Duration.ofMillis(Math.max(0, now.toEpochMilli() - last));
      String why;
      if (silent.compareTo(gap) > 0) {
        gap = silent;
        why = "no new item for " + human(silent);
      } else {
        why = "a new item every " + human(gap) + " (last " + times.size() + ")";
      }
      chosen = clamp(gap, min, max, why);
    }
    if (hints.ttl() != null && hints.ttl().compareTo(chosen.duration()) > 0) {
      chosen = new Interval(shorter(hints.ttl(), max), "ttl " + human(hints.ttl()));
    }
    if (hints.updatePeriod() != null && hints.updatePeriod().compareTo(chosen.duration()) > 0) {
      chosen = new Interval(shorter(hints.updatePeriod(), max), "sy:updatePeriod " + human(hints.updatePeriod()));
    }
    if (maxAge != null && maxAge.compareTo(chosen.duration()) > 0) {
      chosen = new Interval(shorter(maxAge, MAX_SERVER_DELAY), "Cache-Control max-age " + human(maxAge));
    }
    return chosen;
  }

  private static Interval clamp(Duration d, Duration min, Duration max, String why) {
    if (d.compareTo(min) < 0) {
      return new Interval(min, "minimum: " + why);
    }
    if (d.compareTo(max) > 0) {
      return new Interval(max, "maximum: " + why);
    }
    return new Interval(d, why);
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** {@code 90s}, {@code 15m}, {@code 2h5m}, {@code 3d2h}: short and readable. */
  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return (s / 60) + "m";
    }
    if (s < 2 * 86400) {
      return (s / 3600) + "h" + (s % 3600 / 60 > 0 ? s % 3600 / 60 + "m" : "");
    }
    return (s / 86400) + "d" + (s % 86400 / 3600 > 0 ? s % 86400 / 3600 + "h" : "");
  }
}
