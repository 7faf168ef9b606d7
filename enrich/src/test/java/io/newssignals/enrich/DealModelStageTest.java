package io.newssignals.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the deal model's events get their buyer and target. */
class DealModelStageTest {

  private static final EntityTagger RULES = new EntityTagger(new GazetteerMatcher(TestGazetteer.load()));

  private static String[] parties(String body) {
    Tagging t = RULES.tag(Document.of("x", body));
    return DealModelStage.parties(new EventDetector.Ctx(t, t.document().sentences().get(
        t.document().firstBodySentence())));
  }

  @Test
  void shouldTakeTheBuyerNearestABuyingWordOverAStakeWord() {
    assertThat(parties("Initech shares hit their daily limit, up 19%, after a report that Globex is in talks to buy"
        + " the rest of the studio.")).containsExactly("Globex", "Initech", "described-target");
  }

  @Test
  void shouldTakeTheBuyerFromAPossessiveTakeover() {
    assertThat(parties("Initech shareholders approved Globex's $640 million takeover on Thursday."))
        .containsExactly("Globex", "Initech", "possessive-bid");
  }
}
