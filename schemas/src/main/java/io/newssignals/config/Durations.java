package io.newssignals.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way every service reads a duration setting, so that an operator writes them alike everywhere:
 * ISO-8601 ({@code PT15M}), a number with a unit ({@code 500ms}, {@code 90s}, {@code 15m}, {@code 2h},
 * {@code 7d}), or a plain number of seconds ({@code 0} included).
 */
public final class Durations {
  private static final Pattern WITH_UNIT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private Durations() {}

  /**
   * Parses {@code value}; a value that is not a duration fails with an {@link IllegalArgumentException} naming
   * {@code key}, the setting at fault.
   */
  public static Duration parse(String key, String value) {
    String v = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
    try {
      if (v.startsWith("p")) {
        return Duration.parse(v.toUpperCase(Locale.ROOT));
      }
      if (v.matches("\\d+")) {
        return Duration.ofSeconds(Long.parseLong(v));
      }
      Matcher m = WITH_UNIT.matcher(v);
      if (m.matches()) {
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          case "h" -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      }
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      // fall through to the error naming the key
    }
    throw new IllegalArgumentException(
        key + " must be a duration like PT15M, 15m, 90s, 500ms, 2h, 7d or seconds, got '" + value + "'");
  }

  /** The shortest exact form in this class's own syntax: {@code 1s}, {@code 500ms}, {@code 15m}, {@code 7d}. */
  public static String format(Duration d) {
    long ms;
    try {
      ms = d.toMillis();
    } catch (ArithmeticException e) {
      return d.toString();
    }
    if (ms % 1000 != 0) {
      return ms + "ms";
    }
    long s = ms / 1000;
    if (s != 0 && s % 86_400 == 0) {
      return s / 86_400 + "d";
    }
    if (s != 0 && s % 3600 == 0) {
      return s / 3600 + "h";
    }
    if (s != 0 && s % 60 == 0) {
      return s / 60 + "m";
    }
    return s + "s";
  }
}
