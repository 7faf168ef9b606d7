package io.newssignals.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MinHashNoveltyIndexTest {
  private static final String STORY = "Globex agreed on Monday to buy the robotics unit of Initech for about two "
      + "billion dollars in cash, the companies said, in a deal that gives it factories in Ohio and Bavaria.";
  private static final String OTHER = "Hooli reported quarterly revenue above estimates as demand for its "
      + "advertising tools recovered, and said it would hire more engineers in its Dublin office next year.";
  private static final long T0 = 1_700_000_000_000L;

  @Test
  void shouldGiveFirstStoryFullNoveltyAndACopyLowNoveltyPointingAtTheFirst() {
    MinHashNoveltyIndex idx = MinHashNoveltyIndex.inMemory(Duration.ofDays(3));
    assertThat(idx.checkAndRecord("a", STORY, T0)).isEqualTo(NoveltyIndex.Verdict.FIRST);
    NoveltyIndex.Verdict copy = idx.checkAndRecord("b", "UPDATE: " + STORY + " Shares were unchanged.", T0 + 1000);
    assertThat(copy.duplicateOf()).isEqualTo("a");
    assertThat(copy.novelty()).isLessThan(50);
    NoveltyIndex.Verdict copyOfCopy = idx.checkAndRecord("c", STORY + " Shares were unchanged.", T0 + 2000);
    assertThat(copyOfCopy.duplicateOf()).isEqualTo("a");
  }

  @Test
  void shouldNotFlagDifferentStories() {
    MinHashNoveltyIndex idx = MinHashNoveltyIndex.inMemory(Duration.ofDays(3));
    idx.checkAndRecord("a", STORY, T0);
    assertThat(idx.checkAndRecord("b", OTHER, T0 + 1000)).isEqualTo(NoveltyIndex.Verdict.FIRST);
  }

  @Test
  void shouldForgetStoriesOutsideTheWindow() {
    MinHashNoveltyIndex idx = MinHashNoveltyIndex.inMemory(Duration.ofHours(1));
    idx.checkAndRecord("a", STORY, T0);
    assertThat(idx.checkAndRecord("b", STORY, T0 + Duration.ofHours(2).toMillis()).duplicateOf()).isNull();
    assertThat(idx.purge(T0 + Duration.ofHours(5).toMillis())).isEqualTo(2);
  }

  @Test
  void shouldNotTakeTheSameTextAboutOtherEventsForACopy() {
    MinHashNoveltyIndex idx = MinHashNoveltyIndex.inMemory(Duration.ofDays(3));
    long[] sig = MinHashNoveltyIndex.signature(STORY);
    idx.checkAndRecord("a", sig, Set.of("PARTNERSHIP:Globex|Initech:FORMED"), T0);
    assertThat(idx.checkAndRecord("b", sig, Set.of("PARTNERSHIP:Hooli|Northwind:FORMED"), T0 + 1000))
        .isEqualTo(NoveltyIndex.Verdict.FIRST);
    assertThat(idx.checkAndRecord("c", sig, Set.of("PARTNERSHIP:Globex|Initech:FORMED", "STOCK_MOVE:Initech"),
        T0 + 2000).duplicateOf()).as("a copy that reports one more event is still a copy").isEqualTo("a");
  }

  @Test
  void shouldNeverMakeAStoryACopyOfOnePublishedAfterIt() {
    MinHashNoveltyIndex idx = MinHashNoveltyIndex.inMemory(Duration.ofDays(3));
    assertThat(idx.checkAndRecord("copy", STORY + " Shares were unchanged.", T0 + 1000))
        .isEqualTo(NoveltyIndex.Verdict.FIRST);
    assertThat(idx.checkAndRecord("original", STORY, T0)).isEqualTo(NoveltyIndex.Verdict.FIRST);
  }
}
