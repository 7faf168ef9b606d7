package io.newssignals.alerts;

import io.newssignals.schema.DealEvent;
import io.newssignals.schema.EventType;
import io.newssignals.schema.PartnershipStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test fixtures: partnership deal events as the enrichment writes them. */
final class Deals {
  private Deals() {}

  static DealEvent partnership(String articleId, String source, Instant published, PartnershipStatus status,
      String... parties) {
    List<String> sorted = new ArrayList<>(Arrays.asList(parties));
    sorted.sort(null);
    return DealEvent.newBuilder()
        .setEventId(articleId + "-0")
        .setType(EventType.PARTNERSHIP)
        .setParties(sorted)
        .setStatus(status)
        .setEvidence(String.join(" and ", sorted) + " say the partnership is " + status + " (" + articleId + ").")
        .setConfidence(0.9)
        .setHedged(false)
        .setArticleId(articleId)
        .setSource(source)
        .setUrl("https://news.example/" + articleId)
        .setTitle("Title of " + articleId)
        .setPublished(published)
        .build();
  }

  static DealEvent hedged(DealEvent e, double confidence) {
    return DealEvent.newBuilder(e).setHedged(true).setConfidence(confidence).build();
  }

  static String key(DealEvent e) {
    return String.join("|", e.getParties());
  }
}
