package io.newssignals.enrich;

/**
 * Remembers recent stories and says whether a new one is a near-duplicate (a syndicated copy) of one seen before.
 * {@link MinHashNoveltyIndex} implements it over a {@link NoveltyStore}: in memory for batch replays, a Kafka Streams
 * state store in the topology, with the same results for the same ordered input.
 */
public interface NoveltyIndex {

  /** Result of a novelty check: score 0-100 (100 = first story) and the id of the earlier story, or null. */
  record Verdict(int novelty, String duplicateOf) {
    public static final Verdict FIRST = new Verdict(100, null);
  }

  /** Checks the article text against the index and records it. */
  Verdict checkAndRecord(String articleId, String text, long publishedMillis);
}
