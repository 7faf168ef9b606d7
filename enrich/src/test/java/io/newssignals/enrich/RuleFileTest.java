package io.newssignals.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Rule files: parsed, expanded and checked at start-up, errors naming file and line. */
class RuleFileTest {

  @Test
  void shouldExpandMacrosJoinContinuationLinesAndHonourTheCaseFlag() {
    RuleFile r = RuleFile.parse("t.rules", """
        # a comment
        @VERB = ended|terminated
        ENDED/i = \\b(?:{@VERB}|
            parted ways)\\b
        TICKER = \\b[A-Z]{2,5}\\b
        """);
    assertThat(r.names()).containsExactly("ENDED", "TICKER");
    assertThat(r.pattern("ENDED").matcher("They PARTED WAYS").find()).isTrue();
    assertThat(r.pattern("ENDED").matcher("it Terminated the deal").find()).isTrue();
    assertThat(r.pattern("TICKER").matcher("msft").find()).isFalse();
  }

  @Test
  void shouldNameTheFileAndLineOfEveryMistake() {
    assertThatThrownBy(() -> RuleFile.parse("p.rules", "A = x\nB = {@NOPE}\n"))
        .hasMessageStartingWith("p.rules:2: unknown macro {@NOPE}");
    assertThatThrownBy(() -> RuleFile.parse("p.rules", "A = x\n\nA = y\n")).hasMessage("p.rules:3: A is defined twice");
    assertThatThrownBy(() -> RuleFile.parse("p.rules", "# c\nBAD = (unclosed\n"))
        .hasMessageStartingWith("p.rules:2: BAD is not a valid regular expression");
    assertThatThrownBy(() -> RuleFile.parse("p.rules", "lower case = x\n")).hasMessageStartingWith("p.rules:1: expected");
    assertThatThrownBy(() -> RuleFile.parse("p.rules", "    stray\n"))
        .hasMessageStartingWith("p.rules:1: a continuation line");
    assertThatThrownBy(() -> RuleFile.parse("p.rules", "A = x\n").pattern("B")).hasMessage("p.rules: no rule named B");
  }

  @Test
  void shouldLoadEveryShippedRuleFile() {
    for (String f : new String[] {"common", "investment", "acquisition", "stock-move", "partnership",
        "joint-venture", "entities"}) {
      assertThat(RuleFile.load("/enrich/rules/" + f + ".rules").names()).as(f).isNotEmpty();
    }
    assertThat(RuleFile.load("/enrich/rules/partnership.rules").pattern("ENDED").matcher("the two parted ways")
        .find()).isTrue();
  }
}
