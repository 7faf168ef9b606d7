package io.newssignals.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The cheap word checks in front of the case-insensitive sentence patterns must never hide a match. */
class SentenceCueFilterTest {

  // every literal word of the denial and rumour patterns, plus filler
  private static final String[] CUE_WORDS = ("denied denies deny denying dismissed dismisses rejected rejects refuted "
      + "refutes rebuffed an a the reports report speculation rumours rumors rumour claims claim suggestions talk story "
      + "stories that it any in early advanced late-stage exclusive preliminary talks discussions negotiations is are "
      + "was were also reportedly widely now said to people familiar close briefed source sources say according two "
      + "three several persons weighing weighs considering considers mulling mulls exploring bid offer deal sale "
      + "acquisition takeover approached nearing close rumoured speculated speculative it has been reported have media "
      + "held holding Acme Corp , . ; 2025 über").split(" ");

  // every literal word of the two acquisition patterns, plus filler
  private static final String[] DEAL_WORDS = ("acquire acquires acquired acquiring acquisition of takeover buyout "
      + "purchase purchases purchased purchasing buy buys buying bought take over takes took taking snap snaps snapped "
      + "up swallow swallows swallowed bid for offer paid about roughly nearly some $4.2 €3 £1 billion bn m million "
      + "approach approached approaches approaching an the possible potential full by sale sold sell taken to its unit "
      + "5% stake \tby \nby Acme Corp , . ;").split(" ");

  private int denials;
  private int rumours;
  private int active;
  private int passive;

  @Test
  void shouldNeverSkipASentenceThePatternsMatch() {
    Random r = new Random(11);
    fuzz(CUE_WORDS, r);
    fuzz(DEAL_WORDS, r);
    assertThat(denials).as("sentences the denial pattern matched").isGreaterThan(500);
    assertThat(rumours).as("sentences the rumour pattern matched").isGreaterThan(5_000);
    assertThat(active).as("sentences the active acquisition pattern matched").isGreaterThan(5_000);
    assertThat(passive).as("sentences the passive acquisition pattern matched").isGreaterThan(500);
  }

  private void fuzz(String[] words, Random r) {
    for (int n = 0; n < 50_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + r.nextInt(7);
      for (int k = 0; k < len; k++) {
        String w = words[r.nextInt(words.length)];
        sb.append(r.nextInt(4) == 0 ? w.toUpperCase(Locale.ROOT) : w).append(' ');
      }
      String s = sb.toString();
      String lower = s.toLowerCase(Locale.ROOT);
      denials += check(EventDetector.DENIAL, EventDetector.DENIAL_NEEDS, s, lower);
      rumours += check(EventDetector.RUMOUR, EventDetector.RUMOUR_NEEDS, s, lower);
      active += check(EventDetector.ACQ_ACTIVE, EventDetector.ACQ_ACTIVE_NEEDS, s, lower);
      passive += check(EventDetector.ACQ_PASSIVE, EventDetector.ACQ_PASSIVE_NEEDS, s, lower);
    }
  }

  private static int check(Pattern p, List<String> needs, String s, String lower) {
    if (p.matcher(s).find()) {
      assertThat(EventDetector.containsAny(lower, needs)).as(s).isTrue();
      return 1;
    }
    return 0;
  }
}
