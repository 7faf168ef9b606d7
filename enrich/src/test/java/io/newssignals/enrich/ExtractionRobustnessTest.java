package io.newssignals.enrich;

import static io.newssignals.enrich.Articles.article;
import static io.newssignals.enrich.Articles.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.schema.EnrichedArticle;
import io.newssignals.schema.EventType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bounded, isolated extraction: odd or hostile text never throws, never takes long, and a stage that fails loses only
 * its own output.
 */
class ExtractionRobustnessTest {

  private static final String MS_OPENAI = "Globex and Initech have ended their partnership, the companies said. "
      + "Hooli shares rose 7% on Tuesday.";

  @Test
  void shouldReadBothFiguresOfASentenceWithTwoPercentMovesWithoutThrowing() {
    // regression: StringIndexOutOfBoundsException "begin 36, end 22" in the stock-move detector (Reuters wire copy)
    EnrichedArticle e = Articles.enrich("TRADE DATA", "Exports were up 19 pct but imports were 46 pct higher.");
    assertThat(e.getDegraded()).isEmpty();
    assertThat(events(e, EventType.STOCK_MOVE)).isEmpty();
  }

  @Test
  void shouldKeepTheOtherStagesOutputWhenOneStageThrows() {
    EnrichmentPipeline p = EnrichmentPipeline.withFailingStages(TestGazetteer.load(), Set.of(Stages.PARTNERSHIP));
    EnrichedArticle e = p.enrich(article("f-1", "Wire", MS_OPENAI));
    assertThat(e.getDegraded()).containsExactly(Stages.PARTNERSHIP);
    assertThat(events(e, EventType.PARTNERSHIP)).isEmpty();
    assertThat(events(e, EventType.STOCK_MOVE)).hasSize(1);
    assertThat(e.getEntities()).extracting("name").contains("Globex", "Initech", "Hooli");
  }

  @Test
  void shouldFindTheSameEventsWhenNoStageFails() {
    EnrichedArticle e = TestGazetteer.pipeline().enrich(article("f-1", "Wire", MS_OPENAI));
    assertThat(e.getDegraded()).isEmpty();
    assertThat(events(e, EventType.PARTNERSHIP)).hasSize(1);
    assertThat(events(e, EventType.STOCK_MOVE)).hasSize(1);
  }

  @Test
  void shouldPublishWhatWasFoundAndFlagTheArticleWhenTheBudgetIsSpent() {
    EnrichmentPipeline p = EnrichmentPipeline.withGazetteer(TestGazetteer.load()).withArticleBudget(Duration.ofNanos(1));
    EnrichedArticle e = p.enrich(article("b-1", "Wire", MS_OPENAI));
    assertThat(e.getDegraded()).contains(Degradation.BUDGET);
    assertThat(e.getEntities()).isNotEmpty();
  }

  @Test
  void shouldReadALongArticleUpToTheCapAndFlagIt() {
    String body = MS_OPENAI + " " + "The market was quiet. ".repeat(Document.MAX_TEXT_CHARS / 10);
    EnrichedArticle e = TestGazetteer.pipeline().enrich(article("l-1", "Wire", body));
    assertThat(e.getDegraded()).containsExactly(Degradation.TRUNCATED);
    assertThat(events(e, EventType.PARTNERSHIP)).hasSize(1);
  }

  @Test
  void shouldCutAnUnpunctuatedRunIntoBoundedSentences() {
    Document d = Document.of("t", "1 2 3 4 5 6 7 8 9 ".repeat(2_000));
    assertThat(d.sentences()).allSatisfy(s -> assertThat(s.end() - s.start())
        .isLessThanOrEqualTo(Document.MAX_SENTENCE_CHARS));
  }

  /** Generated worst cases of every kind the detectors met in the wild, from 5 KB to 200 KB ({@link WorstCases}). */
  static List<Object[]> worstCases() {
    List<Object[]> out = new ArrayList<>();
    for (int k = 0; k < WorstCases.kinds(); k++) {
      for (int size : WorstCases.SIZES) {
        out.add(new Object[] {"kind " + k + " " + size + " chars", WorstCases.body(k, size)});
      }
    }
    return out;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("worstCases")
  void shouldExtractAWorstCaseWithinASecondOfCpu(String name, String body) {
    EnrichmentPipeline p = TestGazetteer.pipeline();
    p.enrich(article("warm", "x", body.substring(0, 2_000))); // class loading and JIT of the first call
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long before = mx.getCurrentThreadCpuTime();
    EnrichedArticle e = p.enrich(article("w-1", body.substring(0, 200), body));
    long cpuMs = (mx.getCurrentThreadCpuTime() - before) / 1_000_000;
    // a bound against runaway work (catastrophic backtracking takes seconds to hours), not a speed figure: the
    // pair-level partnership model made cold calls on a loaded 2-core CI machine take up to ~260 ms
    assertThat(cpuMs).as("CPU ms for %s", name).isLessThan(1_000);
    assertThat(e.getDegraded()).as("only the cap may flag it").isSubsetOf(Degradation.TRUNCATED);
  }

  @Test
  void shouldNotReadALegalFormAsAnAlliance() {
    // regression: "limited partnership" (a legal form) became a PARTNERSHIP on Reuters wire copy
    for (String body : List.of(
        "Globex, a limited partnership formed to dispose of timberlands transferred to it by Initech, said the sale "
            + "is complete.",
        "Hooli said Globex, a Nevada investment partnership, lowered its stake in Initech to 8.3 pct.",
        "Initech said it will sell limited partnership interests in Globex to investors.")) {
      assertThat(events(Articles.enrich("Wire", body), EventType.PARTNERSHIP)).as(body).isEmpty();
    }
  }

  @Test
  void shouldStillReadAnAllianceNamedAPartnership() {
    assertThat(events(Articles.enrich("Wire", "Globex and Initech formed a partnership to build grid batteries."),
        EventType.PARTNERSHIP)).hasSize(1);
  }
}
