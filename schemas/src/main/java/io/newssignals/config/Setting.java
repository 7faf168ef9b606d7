package io.newssignals.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * One setting, declared once: its name, the environment variable that sets it (none for a value read from a
 * file, such as a feed's {@code interval}), its type, default, valid range and one-line doc, and whether it is
 * a secret. Parsing, validation, {@code --help}, the docs tables and the status page all read the declaration,
 * so they cannot disagree.
 *
 * <p>A bad value fails with an {@link IllegalArgumentException} naming the variable, the value and what is
 * accepted: {@code INGEST_X='1ms': must be a duration between 1s and 7d}.
 *
 * @param <T> the parsed type
 */
public final class Setting<T> {
  private final String name;
  private final String env;
  private final String type;
  private final Function<String, T> parser;
  private final String defaultText;
  private final Predicate<T> valid;
  private final String accepted;
  private final String doc;
  private final boolean secret;
  private final String defaultShown;

  private Setting(String name, String env, String type, Function<String, T> parser, String defaultText,
      Predicate<T> valid, String accepted, String doc, boolean secret) {
    this(name, env, type, parser, defaultText, valid, accepted, doc, secret, null);
  }

  private Setting(String name, String env, String type, Function<String, T> parser, String defaultText,
      Predicate<T> valid, String accepted, String doc, boolean secret, String defaultShown) {
    this.name = Objects.requireNonNull(name, "name");
    this.env = env;
    this.type = type;
    this.parser = parser;
    this.defaultText = defaultText;
    this.valid = valid;
    this.accepted = accepted;
    this.doc = Objects.requireNonNull(doc, "doc");
    this.secret = secret;
    this.defaultShown = defaultShown;
    if (defaultText != null) {
      // a declaration whose own default is out of range is a programming error: fail at class load
      parse(defaultText);
    }
  }

  // ---- declarations -------------------------------------------------------------------------------------

  /** An integer in {@code [min, max]}; {@code defaultValue} may be null (unset). */
  public static Setting<Integer> integer(String env, Integer defaultValue, int min, int max, String doc) {
    return new Setting<>(env, env, "int", Integer::valueOf, defaultValue == null ? null : defaultValue.toString(),
        v -> v >= min && v <= max, "an integer between " + min + " and " + max, doc, false);
  }

  /** A long in {@code [min, max]}. */
  public static Setting<Long> longInteger(String env, Long defaultValue, long min, long max, String doc) {
    return new Setting<>(env, env, "long", Long::valueOf, defaultValue == null ? null : defaultValue.toString(),
        v -> v >= min && v <= max, "an integer between " + min + " and " + max, doc, false);
  }

  /** A decimal number in {@code [min, max]}. */
  public static Setting<Double> decimal(String env, Double defaultValue, double min, double max, String doc) {
    return new Setting<>(env, env, "number", Double::valueOf, defaultValue == null ? null : fmt(defaultValue),
        v -> !v.isNaN() && v >= min && v <= max, "a number between " + fmt(min) + " and " + fmt(max), doc, false);
  }

  /**
   * A duration in {@code [min, max]}, written as {@link Durations} reads it (a bare number is seconds);
   * {@code defaultValue} is written the same way ({@code "15m"}), or null.
   */
  public static Setting<Duration> duration(String env, String defaultValue, Duration min, Duration max,
      String doc) {
    return new Setting<>(env, env, "duration", v -> Durations.parse(env, v), defaultValue,
        d -> d.compareTo(min) >= 0 && d.compareTo(max) <= 0,
        "a duration between " + Durations.format(min) + " and " + Durations.format(max), doc, false);
  }

  /** {@code true} or {@code false} (also {@code yes/no}, {@code 1/0}, {@code on/off}). */
  public static Setting<Boolean> bool(String env, boolean defaultValue, String doc) {
    return new Setting<>(env, env, "boolean", Setting::parseBoolean, Boolean.toString(defaultValue), v -> true,
        "true or false", doc, false);
  }

  /** Free text, blank treated as unset; {@code defaultValue} may be null. */
  public static Setting<String> text(String env, String defaultValue, String doc) {
    return new Setting<>(env, env, "string", String::trim, defaultValue, v -> true, "any text", doc, false);
  }

  /** Text that must satisfy {@code valid}, described by {@code accepted} ("a URL starting http:// or https://"). */
  public static Setting<String> text(String env, String defaultValue, Predicate<String> valid, String accepted,
      String doc) {
    return new Setting<>(env, env, "string", String::trim, defaultValue, valid, accepted, doc, false);
  }

  /** One of {@code values} (case-insensitive), parsed to upper case. */
  public static Setting<String> oneOf(String env, String defaultValue, String doc, String... values) {
    List<String> allowed = Arrays.stream(values).map(s -> s.toUpperCase(Locale.ROOT)).toList();
    return new Setting<>(env, env, "enum", v -> v.trim().toUpperCase(Locale.ROOT), defaultValue,
        allowed::contains, "one of " + String.join(", ", values), doc, false);
  }

  /** A custom type: {@code parser} may throw any {@link RuntimeException} for a malformed value. */
  public static <T> Setting<T> of(String env, String type, Function<String, T> parser, String defaultValue,
      Predicate<T> valid, String accepted, String doc) {
    return new Setting<>(env, env, type, parser, defaultValue, valid, accepted, doc, false);
  }

  /** The same setting, read from a file under {@code key} rather than from the environment. */
  public Setting<T> inFile(String key) {
    return new Setting<>(key, null, type, parser, defaultText, valid, accepted, doc, secret, defaultShown);
  }

  /** The same setting, masked wherever it is shown (status page, logs). */
  public Setting<T> secret() {
    return new Setting<>(name, env, type, parser, defaultText, valid, accepted, doc, true, defaultShown);
  }

  /**
   * The same setting, its default described in docs and {@code --help} as {@code shown} ("bundled samples",
   * "$TMPDIR/news-signals-enrich") because it is computed by the service rather than declared here.
   */
  public Setting<T> defaultShownAs(String shown) {
    return new Setting<>(name, env, type, parser, defaultText, valid, accepted, doc, secret, shown);
  }

  // ---- reading ------------------------------------------------------------------------------------------

  /** The value in {@code env}, or the default; fails naming the variable when the value is bad or missing. */
  public T get(Map<String, String> values) {
    T v = getOrNull(values);
    if (v == null) {
      throw new IllegalArgumentException(name + " is required: " + doc);
    }
    return v;
  }

  /** The value in {@code env}, the default, or null when neither is set. */
  public T getOrNull(Map<String, String> values) {
    String raw = raw(values);
    return raw == null ? null : parse(raw);
  }

  /** The text in effect: the value set (non-blank) or the default text, or null. */
  public String raw(Map<String, String> values) {
    String v = values == null ? null : values.get(name);
    return v == null || v.isBlank() ? defaultText : v.trim();
  }

  /** The declared default, parsed, or null when there is none. */
  public T defaultValue() {
    return defaultText == null ? null : parse(defaultText);
  }

  /**
   * Checks a value set in code (a builder) against the declared range; fails like a bad environment value.
   *
   * @return {@code value}
   */
  public T check(T value) {
    if (value == null || !valid.test(value)) {
      String shown = secret ? "****" : display(value);
      throw new IllegalArgumentException(name + "='" + shown + "': must be " + accepted);
    }
    return value;
  }

  /** Parses and validates one value, failing with a message naming this setting and what it accepts. */
  public T parse(String raw) {
    T v;
    try {
      v = parser.apply(raw.trim());
    } catch (RuntimeException e) {
      throw bad(raw);
    }
    if (v == null || !valid.test(v)) {
      throw bad(raw);
    }
    return v;
  }

  private IllegalArgumentException bad(String raw) {
    String shown = secret ? "****" : raw;
    return new IllegalArgumentException(name + "='" + shown + "': must be " + accepted);
  }

  /** A value as an operator would write it: durations in {@link Durations} syntax, lists comma-separated. */
  private static String display(Object value) {
    if (value instanceof Duration d) {
      return Durations.format(d);
    }
    if (value instanceof Collection<?> c) {
      return c.stream().map(Setting::display).collect(Collectors.joining(","));
    }
    return String.valueOf(value);
  }

  private static Boolean parseBoolean(String v) {
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1", "on" -> Boolean.TRUE;
      case "false", "no", "0", "off" -> Boolean.FALSE;
      default -> null;
    };
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }

  // ---- the declaration ----------------------------------------------------------------------------------

  /** The key: the environment variable, or the file key for a file setting. */
  public String name() {
    return name;
  }

  /** The environment variable, or null for a value read from a file. */
  public String env() {
    return env;
  }

  public String type() {
    return type;
  }

  /** The default as an operator would write it, or null when there is none. */
  public String defaultText() {
    return defaultText;
  }

  /** The default as the docs and {@code --help} show it: {@link #defaultShownAs} if given, else the default. */
  public String defaultDoc() {
    return defaultShown != null ? defaultShown : defaultText;
  }

  /** What a valid value is, e.g. {@code a duration between 1s and 7d}. */
  public String accepted() {
    return accepted;
  }

  public String doc() {
    return doc;
  }

  public boolean isSecret() {
    return secret;
  }

  @Override
  public String toString() {
    return name;
  }
}
