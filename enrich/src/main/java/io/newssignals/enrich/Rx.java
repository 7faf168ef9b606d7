package io.newssignals.enrich;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Compiled-once replacements for {@link String#matches}, {@link String#split} and {@link String#replaceFirst} with
 * constant regular expressions: same semantics, without compiling the pattern on every call. Only call these with
 * compile-time constant expressions (the cache is keyed by the expression and never evicted).
 */
final class Rx {
  private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();
  private static final Map<String, Pattern> CACHE_CI = new ConcurrentHashMap<>();
  private static final Map<Integer, Map<String, Pattern>> OTHER_FLAGS = new ConcurrentHashMap<>();

  private Rx() {}

  static Pattern pattern(String regex) {
    Pattern p = CACHE.get(regex);
    if (p == null) {
      p = CACHE.computeIfAbsent(regex, Pattern::compile);
    }
    return p;
  }

  static Pattern pattern(String regex, int flags) {
    if (flags == 0) {
      return pattern(regex);
    }
    Map<String, Pattern> cache = flags == Pattern.CASE_INSENSITIVE ? CACHE_CI : OTHER_FLAGS.computeIfAbsent(flags,
        f -> new ConcurrentHashMap<>());
    Pattern p = cache.get(regex);
    if (p == null) {
      p = cache.computeIfAbsent(regex, r -> Pattern.compile(r, flags));
    }
    return p;
  }

  static boolean matches(String s, String regex) {
    return pattern(regex).matcher(s).matches();
  }

  static String[] split(String s, String regex) {
    return split(s, regex, 0);
  }

  static String[] split(String s, String regex, int limit) {
    return pattern(regex).split(s, limit);
  }

  static String replaceFirst(String s, String regex, String replacement) {
    return pattern(regex).matcher(s).replaceFirst(replacement);
  }
}
