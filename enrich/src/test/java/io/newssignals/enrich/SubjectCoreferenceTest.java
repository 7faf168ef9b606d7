package io.newssignals.enrich;

import static io.newssignals.enrich.Articles.enrich;
import static io.newssignals.enrich.Articles.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.schema.DealEvent;
import io.newssignals.schema.EnrichedArticle;
import io.newssignals.schema.EventType;
import io.newssignals.schema.PartnershipStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Invented companies: a defined term, a description and a spokesman's "we" standing for a named company. */
class SubjectCoreferenceTest {

  private static List<List<String>> parties(EnrichedArticle e) {
    return events(e, EventType.PARTNERSHIP).stream().map(DealEvent::getParties).toList();
  }

  @Test
  void shouldReadTheCompanyAFilingDefinesAsAParty() {
    EnrichedArticle e = enrich("Announcement", "Halvern Maritime Holdings Ltd (the \"Company\") announces a change."
        + " The Company has entered into a strategic partnership with Varenna Systems covering port software.");
    assertThat(parties(e)).contains(List.of("Halvern Maritime Holdings", "Varenna Systems"));
    assertThat(events(e, EventType.PARTNERSHIP).get(0).getStatus()).isEqualTo(PartnershipStatus.FORMED);
  }

  @Test
  void shouldReadADescriptionAsTheCompanyNamedJustBefore() {
    EnrichedArticle e = enrich("Grovemart reviews robots", "Grovemart Inc. shares rose 1.2% on Tuesday. Grovemart runs"
        + " 900 stores. The retailer said it had put its shelf-scanning partnership with Brightcart Robotics under"
        + " review after repeated outages.");
    assertThat(events(e, EventType.PARTNERSHIP)).singleElement().satisfies(d -> {
      assertThat(d.getParties()).containsExactlyInAnyOrder("Grovemart", "Brightcart Robotics");
      assertThat(d.getStatus()).isEqualTo(PartnershipStatus.STRAINED);
    });
    assertThat(e.getEntities().stream().filter(x -> x.getName().equals("Grovemart")).findFirst().orElseThrow()
        .getMentions()).as("mention counts are the named mentions").isEqualTo(3);
  }

  @Test
  void shouldNotMoveADescriptionPastACompanyTheSentenceNamesFirst() {
    EnrichedArticle e = enrich("Carmakers", "Kessler Chips said demand was strong. Ostrava Motors shares slipped"
        + " 0.4% after the carmaker said it had formed a battery partnership with Lumen Cells.");
    assertThat(parties(e)).noneMatch(p -> p.contains("Kessler Chips"));
  }

  @Test
  void shouldReadThePartnershipAsTheOneTheArticleNamedBefore() {
    EnrichedArticle e = enrich("Globex and Voltara", "Voltara Cells Inc. has been a development partner of Globex since"
        + " 2024. Since then the pilot line has slipped. Globex has put the partnership under review, people close to"
        + " the company said.");
    assertThat(events(e, EventType.PARTNERSHIP)).anySatisfy(d -> {
      assertThat(d.getParties()).containsExactlyInAnyOrder("Globex", "Voltara Cells");
      assertThat(d.getStatus()).isEqualTo(PartnershipStatus.STRAINED);
    });
  }

  @Test
  void shouldReadASpokesmansWeAsTheCompanyTheStoryIsAbout() {
    EnrichedArticle e = enrich("Tarvo Audio on Nimbra", "Tarvo Audio reported results on Monday. Tarvo Audio"
        + " chief Anna Berg spoke to analysts. \"As of this week we have made Nimbra Labs our exclusive partner for"
        + " narration,\" she said.");
    assertThat(events(e, EventType.PARTNERSHIP)).anySatisfy(d -> {
      assertThat(d.getParties()).containsExactlyInAnyOrder("Tarvo Audio", "Nimbra Labs");
      assertThat(d.getStatus()).isEqualTo(PartnershipStatus.EXCLUSIVE);
    });
  }
}
