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
