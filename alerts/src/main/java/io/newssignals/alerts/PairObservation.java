package io.newssignals.alerts;

import io.newssignals.schema.DealEvent;
import io.newssignals.schema.EventType;
import io.newssignals.schema.Evidence;
import io.newssignals.schema.PartnershipStatus;
import io.newssignals.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * One partnership status reported for one unordered company pair by one article: the unit the
 * {@link PartnershipStateMachine} consumes. A deal event with three or more parties yields one observation per pair.
 *
 * @param a first company (sorted order)
 * @param b second company
 * @param status status as the article reports it
 * @param published the article's published time (event time)
 * @param evidence where it was read
 * @param confidence 0-1, from enrichment
 * @param hedged backed only by rumour or hedged language
 */
public record PairObservation(
    String a, String b, PartnershipStatus status, Instant published, Evidence evidence, double confidence,
    boolean hedged) {

  public PairObservation {
    Objects.requireNonNull(a, "a");
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(published, "published");
    Objects.requireNonNull(evidence, "evidence");
    if (a.compareTo(b) >= 0) {
      throw new IllegalArgumentException("pair must be two distinct names in sorted order: " + a + ", " + b);
    }
  }

  /** The pair key on every alerts topic: {@link Topics#pairKey}. */
  public String pairKey() {
    return Topics.pairKey(a, b);
  }

  public String articleId() {
    return evidence.getArticleId();
  }

  public String source() {
    return evidence.getSource();
  }

  /**
   * Whether a deal event can change a partnership state: a PARTNERSHIP event with a status, at least two distinct
   * parties, from an article that is not a near-duplicate (syndicated copy) of an earlier one.
   */
  public static boolean isPartnershipReport(DealEvent e) {
    return e != null
        && e.getType() == EventType.PARTNERSHIP
        && e.getStatus() != null
        && e.getDuplicateOf() == null
        && distinctParties(e).size() >= 2;
  }

  /** One observation per unordered pair of the event's parties, pairs in key order; empty if not a report. */
  public static List<PairObservation> fanOut(DealEvent e) {
    if (!isPartnershipReport(e)) {
      return List.of();
    }
    List<String> parties = distinctParties(e);
    Evidence evidence = Evidence.newBuilder()
        .setArticleId(e.getArticleId())
        .setSource(e.getSource() == null ? "" : e.getSource())
        .setUrl(e.getUrl())
        .setTitle(e.getTitle() == null ? "" : e.getTitle())
        .setSentence(e.getEvidence() == null ? "" : e.getEvidence())
        .setPublished(e.getPublished())
        .build();
    List<PairObservation> out = new ArrayList<>();
    for (int i = 0; i < parties.size(); i++) {
      for (int j = i + 1; j < parties.size(); j++) {
        out.add(new PairObservation(parties.get(i), parties.get(j), e.getStatus(), e.getPublished(),
            Evidence.newBuilder(evidence).build(), e.getConfidence(), e.getHedged()));
      }
    }
    return out;
  }

  /** The event narrowed to one pair: what the fan-out writes to the repartition topic. */
  public static DealEvent narrowTo(DealEvent e, String a, String b) {
    return DealEvent.newBuilder(e).setParties(new ArrayList<>(List.of(a, b))).build();
  }

  private static List<String> distinctParties(DealEvent e) {
    TreeSet<String> names = new TreeSet<>();
    for (String p : e.getParties()) {
      if (p != null && !p.isBlank()) {
        names.add(p.trim());
      }
    }
    return new ArrayList<>(names);
  }
}
