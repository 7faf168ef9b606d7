package io.newssignals.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newssignals.schema.Article;
import io.newssignals.schema.FeedState;
import io.newssignals.schema.IngestErrorKind;
import io.newssignals.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecordLimitsTest {
  private static final Instant NOW = Instant.parse("2025-01-06T12:00:00Z");

  /** {@code n} characters of three UTF-8 bytes each, the most a character of the Basic Multilingual Plane takes. */
  private static String wide(int n) {
    return "€".repeat(n);
  }

  private static int stateBytes(FeedState s) {
    return Topics.FEED_STATE.valueSerde().serializer().serialize(Topics.FEED_STATE.name(), s).length;
  }

  @Test
  void shouldKeepAnArticleWithEveryFieldAtItsLimitUnderTheProducerLimit() {
    List<String> tags = new ArrayList<>();
    for (int i = 0; i < RecordLimits.MAX_TAGS; i++) {
      tags.add(i + wide(RecordLimits.MAX_TAG_CHARS - 3));
    }
    Article worst = Article.newBuilder()
        .setId(wide(RecordLimits.MAX_ID_CHARS)).setRevision(1).setFeedUrl("https://news.example.com/rss.xml")
        .setSource(wide(RecordLimits.MAX_SHORT_TEXT_CHARS)).setUrl(wide(RecordLimits.MAX_URL_CHARS))
        .setTitle(wide(RecordLimits.MAX_TITLE_CHARS)).setBody(wide(RecordLimits.MAX_BODY_CHARS))
        .setPublished(NOW).setFetched(NOW).setAuthor(wide(RecordLimits.MAX_SHORT_TEXT_CHARS)).setTags(tags).build();

    assertThatCode(() -> RecordLimits.requireFits(List.of(worst), FeedStates.initial("https://news.example.com/rss.xml")))
        .doesNotThrowAnyException();
    assertThat(Topics.ARTICLES.valueSerde().serializer().serialize(Topics.ARTICLES.name(), worst).length)
        .isLessThan(800_000);
  }

  @Test
  void shouldRefuseARecordOverTheProducerLimitAsTooLarge() {
    Article huge = Article.newBuilder().setId("big").setSource("s").setTitle("t").setBody("x".repeat(1_100_000))
        .setPublished(NOW).build();

    assertThatThrownBy(() -> RecordLimits.requireFits(List.of(huge), FeedStates.initial("https://a.example/")))
        .isInstanceOfSatisfying(IngestFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(IngestErrorKind.TOO_LARGE);
          assertThat(f.getMessage()).contains("article big", "1000000");
        });
  }

  @Test
  void shouldKeepRememberedIdsWithinTheByteBudgetForgettingTheOldestFirst() {
    FeedState state = FeedStates.initial("https://news.example.com/rss.xml");
    for (int i = 0; i < 5_000; i++) {
      String id = i + "-" + "é".repeat(300);
      state.getSeen().put(id, "0123456789abcdef01234567");
      state.getRevisions().put(id, 1);
      state.getLastSeen().put(id, (long) i);
      state.getAliases().put("https://news.example.com/" + i, id);
    }
    assertThat(stateBytes(state)).as("before: far over the producer limit").isGreaterThan(RecordLimits.MAX_RECORD_BYTES);

    int forgotten = ArticleDeduplicator.evict(state, 10_000, RecordLimits.MAX_REMEMBERED_BYTES);

    assertThat(forgotten).isPositive();
    assertThat(stateBytes(state)).isLessThanOrEqualTo(RecordLimits.MAX_REMEMBERED_BYTES + 1_000)
        .isLessThan(RecordLimits.MAX_RECORD_BYTES);
    assertThat(state.getSeen()).containsKey("4999-" + "é".repeat(300)).doesNotContainKey("0-" + "é".repeat(300));
    assertThat(state.getAliases()).hasSameSizeAs(state.getSeen());
    assertThat(state.getRevisions().keySet()).isEqualTo(state.getSeen().keySet());
  }

  @Test
  void shouldReplaceAnIdOverTheLimitByAStableHash() {
    String guid = "urn:" + "x".repeat(5_000);

    assertThat(ArticleIds.bounded(guid)).startsWith(ArticleIds.HASH_ID_PREFIX).isEqualTo(ArticleIds.bounded(guid))
        .isNotEqualTo(ArticleIds.bounded(guid + "y"));
    assertThat(ArticleIds.bounded("urn:short")).isEqualTo("urn:short");
  }

  @Test
  void shouldNeverCutBetweenTheHalvesOfASurrogatePair() {
    String emoji = "ab\uD83D\uDE00cd";

    assertThat(RecordLimits.cut(emoji, 3)).isEqualTo("ab");
    assertThat(RecordLimits.cut(emoji, 4)).isEqualTo("ab\uD83D\uDE00");
    assertThat(RecordLimits.cutWithEllipsis("abcdef", 4)).isEqualTo("abc…");
    assertThat(RecordLimits.cutWithEllipsis("abc", 4)).isEqualTo("abc");
  }

  @Test
  void shouldCountUtf8BytesLikeTheEncoderOrMore() {
    for (String s : List.of("", "ascii", "é€", "\uD83D\uDE00", "mixed é € \uD83D\uDE00 x")) {
      assertThat(RecordLimits.utf8Length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
    }
    String lonely = "\uD800lonely";
    assertThat(RecordLimits.utf8Length(lonely)).as("a lone surrogate: never less than the encoder writes")
        .isGreaterThanOrEqualTo(lonely.getBytes(StandardCharsets.UTF_8).length);
  }
}
