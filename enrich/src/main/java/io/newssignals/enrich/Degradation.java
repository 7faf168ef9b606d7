package io.newssignals.enrich;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an article's extraction lost: the stages that threw (their output for that article is dropped, the other
 * stages' output is kept), a text cut at the extraction caps, or a time budget that ran out. An article with any
 * entry is published as <em>degraded</em>: with what was found, flagged, never dropped.
 */
public final class Degradation {

  /** The text was longer than {@link Document#MAX_TEXT_CHARS} (or a title than a sentence) and was cut. */
  public static final String TRUNCATED = "truncated";
  /** The per-article time budget ran out; later sentences were not read. */
  public static final String BUDGET = "budget";

  private final Map<String, String> reasons = new LinkedHashMap<>();

  /** Records that a stage lost its output, with why (the first reason per stage is kept). */
  public void add(String stage, String reason) {
    reasons.putIfAbsent(stage, reason == null ? "" : reason);
  }

  /** Records a stage's exception. */
  public void failed(String stage, RuntimeException e) {
    add(stage, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
  }

  public boolean has(String stage) {
    return reasons.containsKey(stage);
  }

  public boolean isEmpty() {
    return reasons.isEmpty();
  }

  /** The degraded stages in the order they were recorded. */
  public List<String> stages() {
    return List.copyOf(reasons.keySet());
  }

  /** Stage to reason, in order. */
  public Map<String, String> reasons() {
    return Collections.unmodifiableMap(reasons);
  }

  @Override
  public String toString() {
    return reasons.toString();
  }
}
