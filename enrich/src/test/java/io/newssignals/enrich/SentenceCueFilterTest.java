package io.newssignals.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The cheap word check in front of the denial and rumour patterns must never hide a match. */
class SentenceCueFilterTest {

  // every literal word of both patterns, plus filler
  private static final String[] WORDS = ("denied denies deny denying dismissed dismisses rejected rejects refuted refutes "
      + "rebuffed an a the reports report speculation rumours rumors rumour claims claim suggestions talk story stories "
      + "that it any in early advanced late-stage exclusive preliminary talks discussions negotiations is are was were "
      + "also reportedly widely now said to people familiar close briefed source sources say according two three "
      + "several persons weighing weighs considering considers mulling mulls exploring bid offer deal sale acquisition "
      + "takeover approached nearing close rumoured speculated speculative it has been reported have media held holding "
      + "Acme Corp , . ; 2025 über").split(" ");

  @Test
  void shouldNeverSkipASentenceThePatternsMatch() {
    Random r = new Random(11);
    int denials = 0;
    int rumours = 0;
    for (int n = 0; n < 50_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + r.nextInt(7);
      for (int k = 0; k < len; k++) {
        String w = WORDS[r.nextInt(WORDS.length)];
        sb.append(r.nextInt(4) == 0 ? w.toUpperCase(Locale.ROOT) : w).append(' ');
      }
      String s = sb.toString();
      String lower = s.toLowerCase(Locale.ROOT);
      denials += check(EventDetector.DENIAL, EventDetector.DENIAL_NEEDS, s, lower);
      rumours += check(EventDetector.RUMOUR, EventDetector.RUMOUR_NEEDS, s, lower);
    }
    assertThat(denials).as("sentences the denial pattern matched").isGreaterThan(500);
    assertThat(rumours).as("sentences the rumour pattern matched").isGreaterThan(5_000);
  }

  private static int check(Pattern p, List<String> needs, String s, String lower) {
    if (p.matcher(s).find()) {
      assertThat(EventDetector.containsAny(lower, needs)).as(s).isTrue();
      return 1;
    }
    return 0;
  }
}
