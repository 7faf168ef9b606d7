package io.newssignals.config;

/**
 * One setting as it is in effect, for the status page: a secret's value and default are {@link #MASK}.
 *
 * @param name the key (the environment variable, or the file key)
 * @param env the environment variable, or null for a file setting
 * @param value the value in effect (the one set, else the default), or null when unset
 * @param defaultValue the declared default, or null
 * @param set whether the value was set explicitly rather than defaulted
 * @param doc the one-line doc
 * @param masked whether value and default are masked
 */
public record EffectiveSetting(String name, String env, String value, String defaultValue, boolean set,
    String doc, boolean masked) {
  /** What a secret shows instead of its value. */
  public static final String MASK = "****";
}
