package io.newssignals.enrich;

import static io.newssignals.enrich.Articles.enrich;
import static io.newssignals.enrich.Articles.events;
import static io.newssignals.enrich.Articles.names;
import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.schema.DealEvent;
import io.newssignals.schema.Direction;
import io.newssignals.schema.EnrichedArticle;
import io.newssignals.schema.EventType;
import io.newssignals.schema.PartnershipStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Rules generalised from the failures on the corpus training split (eval/corpus/t1-t5), each on invented sentences:
 * no name or sentence of the corpus appears here.
 */
class CorpusGeneralisationTest {

  private static List<DealEvent> partnerships(EnrichedArticle e) {
    return events(e, EventType.PARTNERSHIP);
  }

  @Test
  void shouldNameACompanyByTheFullNameTheStoryGivesWhenTheHeadlineUsesAShortForm() {
    EnrichedArticle e = enrich("Hooli, Varnoth settle row", "Hooli and Varnoth Dynamics have settled their dispute "
        + "and agreed that their partnership will no longer be exclusive, the companies said.");
    assertThat(names(e)).contains("Varnoth Dynamics").doesNotContain("Varnoth");
    assertThat(partnerships(e)).singleElement().satisfies(d ->
        assertThat(d.getParties()).containsExactlyInAnyOrder("Hooli", "Varnoth Dynamics"));
  }

  @Test
  void shouldReadAnEndingAndANewPartnershipInOneSentenceAsTwoEvents() {
    EnrichedArticle e = enrich("x", "Globex has ended its partnership with Initech and teamed up with Hooli instead, "
        + "the company said on Monday.");
    assertThat(partnerships(e)).extracting(d -> d.getParties().stream().sorted().toList() + " " + d.getStatus())
        .containsExactlyInAnyOrder("[Globex, Initech] ENDED", "[Globex, Hooli] FORMED");
  }

  @Test
  void shouldNotMakeTheAgencyOfAWireDatelineAPartyOfTheStory() {
    EnrichedArticle e = enrich("x", "PARIS, May 20 (Hooli) - Globex has formed an alliance with Initech to build "
        + "satellite terminals, the company said.");
    assertThat(partnerships(e)).singleElement().satisfies(d ->
        assertThat(d.getParties()).containsExactlyInAnyOrder("Globex", "Initech"));
  }

  @Test
  void shouldNotReadPartnerAsAJobTitleAsAnAlliance() {
    assertThat(partnerships(enrich("x", "Globex has hired a dealmaker from Initech as a partner in its technology "
        + "group, according to a memo."))).isEmpty();
  }

  @Test
  void shouldReadACooperationAgreementAsAPartnership() {
    assertThat(partnerships(enrich("x", "Globex signed a cooperation agreement with Initech on Tuesday to offer cloud "
        + "services to banks."))).singleElement().satisfies(d ->
        assertThat(d.getStatus()).isEqualTo(PartnershipStatus.FORMED));
  }

  @Test
  void shouldTakeALegalSuffixAsTheMarkOfACompanyAndLeaveItOutOfTheName() {
    EnrichedArticle e = enrich("x", "Zentrova Grid, Inc. today announced a strategic partnership with Globex to "
        + "sell grid software.");
    assertThat(names(e)).contains("Zentrova Grid");
  }

  @Test
  void shouldNotJoinACurrencyCodeToTheNameBeforeIt() {
    EnrichedArticle e = enrich("x", "Globex agreed to acquire Velmora Charging for SGD 180 million, the companies "
        + "said.");
    assertThat(names(e)).noneMatch(n -> n.endsWith("SGD"));
  }

  @Test
  void shouldPreferTheCloseWrittenAsBeforeClosingLower() {
    EnrichedArticle e = enrich("x", "Globex shares fell as much as 11% before closing 6.4% lower on Tuesday.");
    assertThat(events(e, EventType.STOCK_MOVE)).singleElement().satisfies(d -> {
      assertThat(d.getPercent()).isEqualTo(6.4);
      assertThat(d.getDirection()).isEqualTo(Direction.DOWN);
    });
  }

  @Test
  void shouldNotReadAOneLetterNameFusedToAProductNameAsACompany() {
    // the gazetteer's one-letter X (the former Twitter) is no company in "the Spectrum-X switch"
    assertThat(names(EnrichmentPipeline.withBundledGazetteer().enrich(Articles.article("x", "x",
        "Globex will supply optics for the Spectrum-X switch platform.")))).doesNotContain("X");
  }

  @Test
  void shouldReadANewNonExclusivePartnerInASwitchAsNonExclusive() {
    EnrichedArticle e = enrich("x", "Globex ended its partnership with Initech and signed a non-exclusive partnership "
        + "with Hooli, the company said.");
    assertThat(partnerships(e)).extracting(d -> d.getParties().stream().sorted().toList() + " " + d.getStatus())
        .contains("[Globex, Hooli] NON_EXCLUSIVE");
  }

  @Test
  void shouldNeverExtendAFullNameByTheWordAfterIt() {
    EnrichedArticle e = enrich("Hooli, Varnoth settle", "Varnoth Dynamics Attorneys said Hooli and Varnoth Dynamics "
        + "signed the settlement on Monday.");
    assertThat(names(e)).doesNotContain("Varnoth Dynamics Attorneys");
  }
}
