package io.newssignals.enrich;

import io.newssignals.schema.DealEvent;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

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

  /** Checks the article text against the index and records it (a story that reports no event). */
  default Verdict checkAndRecord(String articleId, String text, long publishedMillis) {
    return checkAndRecord(articleId, MinHashNoveltyIndex.signature(text), Set.of(), publishedMillis);
  }

  /**
   * Checks a story against the index and records it. A story is a copy of an earlier one only when their texts are
   * near-identical (the MinHash {@code signature}, null when the text is too short to judge) and they report the
   * same events: one story's {@code events} ({@link #storyOf}) contain the other's. Two stories written from one
   * template about different companies are different stories.
   */
  Verdict checkAndRecord(String articleId, long[] signature, Set<String> events, long publishedMillis);

  /**
   * What a story reports, for telling a syndicated copy from another story written from the same template: one
   * entry per event, {@code TYPE:party|party...[:status]} with the parties sorted.
   */
  static Set<String> storyOf(List<DealEvent> events) {
    Set<String> out = new TreeSet<>();
    for (DealEvent e : events) {
      StringBuilder b = new StringBuilder().append(e.getType()).append(':')
          .append(String.join("|", new TreeSet<>(e.getParties())));
      if (e.getStatus() != null) {
        b.append(':').append(e.getStatus());
      }
      out.add(b.toString());
    }
    return out;
  }
}
