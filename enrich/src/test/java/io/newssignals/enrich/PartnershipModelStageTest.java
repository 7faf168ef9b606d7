package io.newssignals.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the partnership model may add: never a pair with a company named only in brackets. */
class PartnershipModelStageTest {

  private static final EntityTagger RULES = new EntityTagger(new GazetteerMatcher(TestGazetteer.load()));

  @Test
  void shouldTellASourceCreditInBracketsFromAPartyOfTheSentence() {
    Tagging t = RULES.tag(Document.of("x", "BENTONVILLE, March 13 (Globex) - Initech has made Hooli its exclusive"
        + " supplier, the companies said."));
    Document.Sentence s = t.document().sentences().get(t.document().firstBodySentence());
    assertThat(PartnershipModelStage.parenthesised(t, s, "Globex")).isTrue();
    assertThat(PartnershipModelStage.parenthesised(t, s, "Initech")).isFalse();
    assertThat(PartnershipModelStage.parenthesised(t, s, "Nobody")).isFalse();
  }
}
