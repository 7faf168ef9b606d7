package io.newssignals.enrich;

/**
 * Remembers recent stories and says whether a new one is a near-duplicate of one seen before.
 */
public interface NoveltyIndex {
  /** Result of a novelty check: score 0-100 and the id of the earlier story, or null when first. */
  record Verdict(int novelty, String duplicateOf) {}

  /** Checks the article text against the index and records it. */
  Verdict checkAndRecord(String articleId, String text, long publishedMillis);
}
