package io.newssignals.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The cheap checks in front of the sentence patterns and the descriptor patterns around names must never hide a match. */
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

  // every literal word of the investment, joint-venture, walk-away, switch, percent and partnership patterns, plus filler
  private static final String[] EVENT_WORDS = ("raise raises raised raising secure secured close closes closed closing "
      + "land lands landed bag bags bagged receive received get gets got attract attracted round funding financing "
      + "series a b seed investment investments capital from participated participates took takes part joined joins in "
      + "into for led co-led leads co-leads leading an the invest invests invested investing put puts putting pour "
      + "poured inject injected plough ploughed plow plowed commit commits committed pledge pledged minority "
      + "significant strategic equity stake commitment backing joint venture ventures joint-venture JV co-own co-owns "
      + "co-owned 50-50 50/50 called named dubbed that which walk walked walks away pull pulled out of call called off "
      + "abandon abandoned scrapped scraps terminated terminates terminating 's takeover acquisition buyout purchase "
      + "offer bid approach proposal deal plan ended ends dropped exited quit ditched cut ties with pulls dissolved and "
      + "has have will then instead formed forged teamed up struck signed entered agreed inked chose picked turned to "
      + "partnered launched switched moved signs forms teams strikes enters 5 12.5 % percent per cent pct partnership "
      + "partnerships partner partners partnering alliance alliances collaboration collaborate tie-up tieup tie ties "
      + "tied team teaming joined forces join pact jointly develop co-develop co-developed cooperation co-operation "
      + "cooperate co-operate agreement agreements memorandum memoranda understanding work works working together "
      + "arrangement relationship pilot contract at Acme Corp Globex , . ; $20 million").split(" ");
  // phrases the patterns need whole, so that the rarer ones match often enough
  private static final String[] EVENT_PHRASES = {"participated in", "took part in", "joins in", "led a", "co-led the",
      "round in", "funding for", "investment into", "raise for", "walked away from", "pulled out of", "called off",
      "Globex's", "Globex\u2019s", "takeover offer", "buyout bid", "5%", "12.5 percent", "3 pct", "7 per cent",
      "ended its partnership", "terminated the deal", "and teamed up", "and has signed", ", and will form", "$4 million"};

  @Test
  void shouldNeverSkipASentenceTheEventPatternsMatch() {
    Random r = new Random(12);
    int[] matched = new int[11];
    for (int n = 0; n < 100_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + r.nextInt(9);
      for (int k = 0; k < len; k++) {
        String w = r.nextInt(3) == 0 ? EVENT_PHRASES[r.nextInt(EVENT_PHRASES.length)]
            : EVENT_WORDS[r.nextInt(EVENT_WORDS.length)];
        sb.append(r.nextInt(4) == 0 ? w.toUpperCase(Locale.ROOT) : w).append(r.nextInt(8) == 0 ? "" : " ");
      }
      String s = sb.toString();
      String lower = s.toLowerCase(Locale.ROOT);
      matched[0] += check(EventDetector.RAISE, EventDetector.RAISE_NEEDS, s, lower)
          * check(EventDetector.RAISE, EventDetector.ROUND_NEEDS, s, lower);
      matched[1] += check(EventDetector.PARTICIPATED_IN, EventDetector.PARTICIPATED_IN_NEEDS, s, lower)
          * check(EventDetector.PARTICIPATED_IN, EventDetector.ROUND_NEEDS, s, lower);
      matched[2] += check(EventDetector.LED_ROUND, EventDetector.LED_ROUND_NEEDS, s, lower)
          * check(EventDetector.LED_ROUND, EventDetector.ROUND_NEEDS, s, lower);
      matched[3] += check(EventDetector.INVEST_VERB, EventDetector.INVEST_VERB_NEEDS, s, lower);
      matched[4] += check(EventDetector.INVEST_NOUN, EventDetector.INVEST_NOUN_NEEDS, s, lower);
      matched[5] += check(EventDetector.JV, EventDetector.JV_NEEDS, s, lower);
      matched[6] += check(EventDetector.WALKED_FROM_OFFER, EventDetector.WALKED_FROM_NEEDS, s, lower)
          * check(EventDetector.WALKED_FROM_OFFER, EventDetector.DEAL_NOUN_NEEDS, s, lower);
      matched[7] += check(EventDetector.SWITCH, EventDetector.SWITCH_NEEDS, s, lower);
      matched[8] += check(EventDetector.PERCENT, EventDetector.PERCENT_NEEDS, s, lower);
      matched[9] += check(EventDetector.STRONG_PARTNERSHIP_WORD, EventDetector.STRONG_PARTNERSHIP_NEEDS, s, lower);
      matched[10] += check(EventDetector.PARTNERSHIP_WORD, EventDetector.PARTNERSHIP_NEEDS, s, lower);
    }
    // each pattern matched often enough for the check to mean something
    int[] floors = {2_000, 1_000, 700, 10_000, 5_000, 1_000, 30, 700, 10_000, 10_000, 15_000};
    for (int i = 0; i < floors.length; i++) {
      assertThat(matched[i]).as("sentences pattern %d matched", i).isGreaterThan(floors[i]);
    }
  }

  // dateline pieces: capitals (one outside the BMP), commas, dates, agencies and every dash
  private static final String[] DATELINE_PIECES = {"PARIS", "NEW YORK", "S\u00c3O PAULO", "\ud835\udc00BC", "Paris",
      ",", ", ", ",  ", "May 20", "Jan. 5", "5 May", ", 2026", " (Reuters)", " /PRNewswire/", " - ", " -- ", " \u2013 ",
      " \u2014 ", "-", "Acme", " said", " ", "."};

  @Test
  void shouldNeverSkipADatelineThePatternMatches() {
    Random r = new Random(13);
    int matched = 0;
    for (int n = 0; n < 200_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + r.nextInt(8);
      for (int k = 0; k < len; k++) {
        sb.append(DATELINE_PIECES[r.nextInt(DATELINE_PIECES.length)]);
      }
      if (r.nextInt(3) == 0) {
        // the shape itself: place, up to two more places, date, year, agency, dash
        sb.setLength(0);
        sb.append(r.nextInt(10) == 0 ? "A".repeat(1 + r.nextInt(90)) : DATELINE_PIECES[r.nextInt(5)]);
        for (int k = r.nextInt(3); k > 0; k--) {
          sb.append(", ").append(DATELINE_PIECES[r.nextInt(5)]);
        }
        sb.append(DATELINE_PIECES[5 + r.nextInt(3)]).append(DATELINE_PIECES[8 + r.nextInt(3)]);
        for (int k = 11; k < 18; k++) {
          if (r.nextInt(3) == 0) {
            sb.append(DATELINE_PIECES[k]);
          }
        }
        sb.append(DATELINE_PIECES[r.nextInt(DATELINE_PIECES.length)]);
      }
      String s = sb.toString();
      if (EventDetector.DATELINE.matcher(s).find()) {
        assertThat(EventDetector.maybeDateline(s)).as(s).isTrue();
        matched++;
      }
    }
    assertThat(matched).as("datelines the pattern matched").isGreaterThan(10_000);
  }

  // every literal word of the descriptor patterns read before a name, plus filler and every kind of trailing space
  private static final String[] BEFORE_WORDS = ("startup start-up rival fintech chipmaker carmaker automaker insurer "
      + "lender maker developer provider backer backers investor investors shareholder shareholders retailer chain "
      + "operator supplier manufacturer producer unicorn competitor firm company bank fund subsidiary acquire acquiring "
      + "acquisition of to buy agreed invest in stake analyst analysts at economist strategist led by backed "
      + "partnership with partnered teamed up alliance joint venture arm investment capital corporate unit platform "
      + "brand entity business JV consortium called named dubbed known as the Startup , . said startup, company, "
      + "firm, maker, platform, operator, retailer,").split(" ");
  private static final String[] SPACES = {" ", "  ", "\t", "\n", " \n", "\r\n", " \u2028", " \u0085", "\u000B",
      "\f", "\u00a0", ""};

  @Test
  void shouldNeverSkipATextBeforeANameTheDescriptorPatternsMatch() {
    Random r = new Random(14);
    int[] matched = new int[3];
    for (int n = 0; n < 100_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + r.nextInt(5);
      for (int k = 0; k < len; k++) {
        sb.append(BEFORE_WORDS[r.nextInt(BEFORE_WORDS.length)]).append(SPACES[r.nextInt(SPACES.length)]);
      }
      String s = sb.toString();
      matched[0] += checkEnds(EntityTagger.STRONG_DESCRIPTOR_BEFORE, EntityTagger.STRONG_DESCRIPTOR_ENDS, s);
      matched[1] += checkEnds(EntityTagger.VENTURE_NAME, EntityTagger.VENTURE_NAME_ENDS, s);
      matched[2] += checkEnds(EntityTagger.DESCRIPTOR_COMMA_BEFORE, List.of(","), s);
    }
    assertThat(matched[0]).as("texts the strong descriptor pattern matched").isGreaterThan(20_000);
    assertThat(matched[1]).as("texts the venture name pattern matched").isGreaterThan(100);
    assertThat(matched[2]).as("texts the descriptor comma pattern matched").isGreaterThan(3_000);
  }

  private static int checkEnds(Pattern p, List<String> ends, String s) {
    if (p.matcher(s).find()) {
      assertThat(EntityTagger.endsBeforeSpaces(s, ends)).as(s).isTrue();
      return 1;
    }
    return 0;
  }

  private static int check(Pattern p, List<String> needs, String s, String lower) {
    if (p.matcher(s).find()) {
      assertThat(EventDetector.containsAny(lower, needs)).as(s).isTrue();
      return 1;
    }
    return 0;
  }
}
