package io.newssignals.enrich;

import static io.newssignals.enrich.Articles.article;
import static io.newssignals.enrich.Articles.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.schema.EnrichedArticle;
import io.newssignals.schema.EventType;
import io.newssignals.schema.PartnershipStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The three shipped models read what they were trained to read, on sentences written for this test (the quality
 * gate checks their effect on the labelled sets; these check each model on its own).
 */
class LearnedModelsTest {

  private static String[] features(String sentence) {
    Tagging t = Tagger.bundled().tag(Document.of("", sentence));
    Document.Sentence s = t.document().sentences().get(0);
    return DealSentenceModel.features(t.document().sentenceText(s), TrainDealModelCommand.orgSpans(t, s), false);
  }

  @Test
  void shouldTellADealSentenceFromAnEarningsSentence() {
    DealSentenceModel m = DealSentenceModel.bundled();
    double deal = m.probability(features("Globex Corp said it agreed to acquire Initech Inc for 54 mln dlrs."));
    double earnings = m.probability(features("Globex Corp said first quarter net profit rose to 54 mln dlrs."));
    assertThat(deal).isGreaterThan(m.threshold());
    assertThat(earnings).isLessThan(m.threshold());
  }

  private static PartnershipStatusModel.Verdict pair(String sentence, String a, String b) {
    Tagging t = Tagger.bundled().tag(Document.of("", sentence));
    Document.Sentence s = t.document().sentences().get(0);
    return PartnershipStatusModel.bundled().classify(PartnershipPairFeatures.of(t.document().sentenceText(s),
        PartnershipPairFeatures.orgs(t, s), a, b, false));
  }

  @Test
  void shouldReadTheStatusOfAPartnershipPerPairOfCompanies() {
    assertThat(pair("Globex Corp and Initech Inc have terminated their partnership.", "Globex", "Initech").status())
        .isEqualTo(PartnershipStatus.ENDED);
    assertThat(pair("Globex Corp reported higher sales than Initech Inc in Europe and Asia.", "Globex", "Initech")
        .status()).isNull();
    // one sentence, two partnerships: each pair gets its own reading
    String both = "Globex Corp has ended its alliance with Initech Inc and formed a new partnership with Hooli Corp.";
    assertThat(pair(both, "Globex", "Initech").status()).isEqualTo(PartnershipStatus.ENDED);
    assertThat(pair(both, "Globex", "Hooli").likeliest()).isEqualTo(PartnershipStatus.FORMED);
    assertThat(pair(both, "Initech", "Hooli").status()).isNull();
  }

  @Test
  void shouldFindAnOrganisationTheRulesDoNotKnowOnlyWhereItIsOne() {
    OrgModelStage stage = OrgModelStage.bundled();
    Tagging rules = new EntityTagger(new GazetteerMatcher(Gazetteer.bundled()))
        .tag(Document.of("", "Zorvath signed a cooperation agreement with Microsoft on Tuesday."));
    List<String> found = stage.extend(rules).entities().stream().map(TaggedEntity::name).toList();
    assertThat(found).contains("Microsoft");
    // whatever the model adds is a capitalised run the rules left: never a word of the sentence's lower-case text
    assertThat(found).allSatisfy(n -> assertThat(Character.isUpperCase(n.charAt(0))).isTrue());
  }

  private static List<String> orgs(String body) {
    Tagging rules = new EntityTagger(new GazetteerMatcher(Gazetteer.bundled())).tag(Document.of("Deal news", body));
    return OrgModelStage.bundled().extend(rules).entities().stream()
        .filter(e -> e.type() == io.newssignals.schema.EntityType.ORG).map(TaggedEntity::name).toList();
  }

  @Test
  void shouldTakeAnUnknownNameStandingWhereAPartnerStandsForAnOrganisation() {
    assertThat(orgs("Fnatic and Arcwell have ended their partnership, the team said."))
        .contains("Fnatic", "Arcwell");
    assertThat(orgs("Microsoft has formed a partnership with berth-planning startup Portivo to forecast arrivals."))
        .contains("Microsoft", "Portivo");
    assertThat(orgs("Vértice Hidrogênio signed an alliance with Petrobras on Monday.")).contains("Vértice Hidrogênio");
    // a place, a modifier or a defined term in the same frames is not one
    assertThat(orgs("Scania has ended its partnership with the Västerås start-up Kraftcell.")).doesNotContain("Västerås");
    assertThat(orgs("Scania signed a partnership with Bengaluru-based Zentro on Monday.")).doesNotContain("Bengaluru-based");
    assertThat(orgs("At the same time, the Issuer has entered into a framework partnership with Microsoft."))
        .doesNotContain("Issuer");
    assertThat(orgs("The partnership lets Maersk carry containers between Bremerhaven, Gdansk and Turku."))
        .doesNotContain("Bremerhaven", "Gdansk");
    // without a partnership in the sentence the frame says nothing
    assertThat(orgs("Fnatic and Arcwell have reported higher sales.")).doesNotContain("Arcwell");
  }

  @Test
  void shouldTurnAModelDealSentenceIntoAnEventWithItsParties() {
    EnrichedArticle e = EnrichmentPipeline.withBundledGazetteer().enrich(article("r-1", "GLOBEX <GLBX> SELLS UNIT",
        "Globex Corp said it agreed to sell its Initech Inc unit to Hooli Corp for 54 mln dlrs."));
    assertThat(events(e, EventType.ACQUISITION)).singleElement().satisfies(d -> {
      assertThat(d.getAcquirer()).isEqualTo("Hooli");
      assertThat(d.getTarget()).isEqualTo("Initech");
      assertThat(d.getAmount().getValue()).isEqualTo(54e6);
      assertThat(d.getAmount().getCurrency()).isEqualTo("USD");
    });
  }

  @Test
  void shouldReadAnAllCapitalHeadlineByItsShape() {
    EnrichedArticle e = EnrichmentPipeline.withBundledGazetteer().enrich(article("r-2",
        "HOOLI TO ACQUIRE GLOBEX INDUSTRIES", ""));
    assertThat(events(e, EventType.ACQUISITION)).singleElement().satisfies(d -> {
      assertThat(d.getAcquirer()).isEqualTo("Hooli");
      assertThat(d.getTarget()).isEqualTo("Globex Industries");
      assertThat(d.getExplanation()).contains("headline");
    });
  }
}
