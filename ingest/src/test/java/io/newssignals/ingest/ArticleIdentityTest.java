package io.newssignals.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.ingest.ArticleDeduplicator.Decision;
import io.newssignals.ingest.ArticleDeduplicator.Verdict;
import io.newssignals.ingest.feed.FeedItem;
import io.newssignals.schema.FeedState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleIdentityTest {
  private static final Instant T0 = Instant.parse("2025-01-06T10:00:00Z");
  private final ArticleDeduplicator dedup = new ArticleDeduplicator(500);

  private static FeedItem item(String guid, String link, String title, String body) {
    return new FeedItem(guid, link, title, body, T0, null, List.of());
  }

  @Test
  void shouldCanonicaliseLinks() {
    assertThat(ArticleIds.canonicalLink("HTTPS://News.Example.COM:443/a/B?utm_source=x&id=7&fbclid=abc#top"))
        .isEqualTo("https://news.example.com/a/B?id=7");
    assertThat(ArticleIds.canonicalLink("http://example.com")).isEqualTo("http://example.com/");
    assertThat(ArticleIds.canonicalLink("http://example.com:8080/x?utm_medium=rss")).isEqualTo("http://example.com:8080/x");
    assertThat(ArticleIds.canonicalLink("/relative")).isNull();
    assertThat(ArticleIds.canonicalLink("javascript:alert(1)")).isNull();
  }

  @Test
  void shouldRememberALongIdByAHashButPublishItWhole() {
    String guid = "urn:long:" + "g".repeat(600);
    FeedState state = FeedStates.initial("f");

    List<Decision> first = dedup.apply(List.of(item(guid, "https://e.example/1", "A", "a")), state, T0);
    List<Decision> again = dedup.apply(List.of(item(guid, "https://e.example/1", "A", "a")), state, T0.plusSeconds(60));

    assertThat(first).extracting(Decision::id).containsExactly(guid);
    assertThat(state.getSeen()).containsOnlyKeys(ArticleIds.stateKey(guid));
    assertThat(ArticleIds.stateKey(guid)).startsWith(ArticleIds.HASH_ID_PREFIX).hasSizeLessThan(60);
    assertThat(again).extracting(Decision::verdict).containsExactly(Verdict.REPEAT);
  }

  @Test
  void shouldKeepKnowingALongIdThatAnOlderVersionRememberedWhole() {
    String guid = "urn:long:" + "g".repeat(600);
    FeedState state = FeedStates.initial("f");
    state.getSeen().put(guid, ArticleIds.contentHash("A", "a"));
    state.getRevisions().put(guid, 2);
    state.getLastSeen().put(guid, T0.toEpochMilli());

    List<Decision> d = dedup.apply(List.of(item(guid, "https://e.example/1", "A", "a")), state, T0.plusSeconds(60));

    assertThat(d).extracting(Decision::verdict).containsExactly(Verdict.REPEAT);
    assertThat(d.get(0).revision()).isEqualTo(2);
    assertThat(state.getSeen()).containsOnlyKeys(ArticleIds.stateKey(guid));
    assertThat(state.getRevisions()).containsOnlyKeys(ArticleIds.stateKey(guid));
  }

  @Test
  void shouldGiveAGuidOverTheIdLimitAHashId() {
    String guid = "urn:huge:" + "g".repeat(RecordLimits.MAX_ID_CHARS);

    List<Decision> d = dedup.apply(List.of(item(guid, null, "A", "a")), FeedStates.initial("f"), T0);

    assertThat(d.get(0).id()).isEqualTo(ArticleIds.bounded(guid)).startsWith(ArticleIds.HASH_ID_PREFIX);
  }

  @Test
  void shouldBeDeterministic() {
    assertThat(ArticleIds.hashId("Title", T0)).isEqualTo(ArticleIds.hashId("Title", T0))
        .isNotEqualTo(ArticleIds.hashId("Title", T0.plusSeconds(1))).startsWith(ArticleIds.HASH_ID_PREFIX);
  }

  @Test
  void shouldUseTheGuidWhenPresentAndUnique() {
    List<Decision> d = dedup.apply(List.of(item("g-1", "https://e.example/1", "A", "a")), FeedStates.initial("f"), T0);

    assertThat(d).extracting(Decision::id).containsExactly("g-1");
  }

  @Test
  void shouldFallBackToTheCanonicalLinkWhenTheFeedRepeatsOneGuid() {
    List<Decision> d = dedup.apply(List.of(
        item("same", "https://e.example/1?utm_source=rss", "A", "a"),
        item("same", "https://e.example/2", "B", "b")), FeedStates.initial("f"), T0);

    assertThat(d).extracting(Decision::id).containsExactly("https://e.example/1", "https://e.example/2");
    assertThat(d).extracting(Decision::verdict).containsOnly(Verdict.NEW);
  }

  @Test
  void shouldFallBackToATitleAndTimeHashWithoutGuidOrLink() {
    List<Decision> d = dedup.apply(List.of(item(null, null, "A", "a")), FeedStates.initial("f"), T0);

    assertThat(d.get(0).id()).isEqualTo(ArticleIds.hashId("A", T0));
  }

  @Test
  void shouldNotRepublishTheSameArticle() {
    FeedState state = FeedStates.initial("f");
    dedup.apply(List.of(item("g-1", "https://e.example/1", "A", "a")), state, T0);

    List<Decision> again = dedup.apply(List.of(item("g-1", "https://e.example/1", "A", "a")), state, T0.plusSeconds(60));

    assertThat(again).extracting(Decision::verdict).containsExactly(Verdict.REPEAT);
  }

  @Test
  void shouldPublishAnEditedArticleAsTheNextRevisionOfTheSameId() {
    FeedState state = FeedStates.initial("f");
    dedup.apply(List.of(item("g-1", "https://e.example/1", "A", "a")), state, T0);

    Decision edited = dedup.apply(List.of(item("g-1", "https://e.example/1", "A (updated)", "a")), state, T0).get(0);
    Decision editedAgain = dedup.apply(List.of(item("g-1", "https://e.example/1", "A (updated)", "a2")), state, T0).get(0);

    assertThat(edited.verdict()).isEqualTo(Verdict.REVISION);
    assertThat(edited.id()).isEqualTo("g-1");
    assertThat(edited.revision()).isEqualTo(2);
    assertThat(editedAgain.revision()).isEqualTo(3);
  }

  @Test
  void shouldKeepTheIdWhenAFeedChangesGuidsOnEveryFetch() {
    FeedState state = FeedStates.initial("f");
    dedup.apply(List.of(item("run-1-a", "https://e.example/a", "A", "a"), item("run-1-b", "https://e.example/b", "B", "b")),
        state, T0);

    List<Decision> second = dedup.apply(List.of(
        item("run-2-a", "https://e.example/a", "A", "a"), item("run-2-b", "https://e.example/b", "B", "b")), state, T0);

    assertThat(second).extracting(Decision::id).containsExactly("run-1-a", "run-1-b");
    assertThat(second).extracting(Decision::verdict).containsOnly(Verdict.REPEAT);
  }

  @Test
  void shouldDecideAnItemRepeatedWithinOneFetchOnce() {
    List<Decision> d = dedup.apply(List.of(item(null, null, "A", "a"), item(null, null, "A", "a")),
        FeedStates.initial("f"), T0);

    assertThat(d).hasSize(1);
  }

  @Test
  void shouldForgetTheLeastRecentlySeenIdsBeyondTheCap() {
    ArticleDeduplicator small = new ArticleDeduplicator(3);
    FeedState state = FeedStates.initial("f");
    for (int i = 0; i < 5; i++) {
      small.apply(List.of(item("g-" + i, null, "T" + i, "b")), state, T0.plusSeconds(i));
    }

    assertThat(state.getSeen()).containsOnlyKeys("g-2", "g-3", "g-4");
    assertThat(state.getRevisions()).containsOnlyKeys("g-2", "g-3", "g-4");
  }

  @Test
  void shouldRememberAtLeastTwiceTheItemsOfALargeFeed() {
    ArticleDeduplicator small = new ArticleDeduplicator(3);
    FeedState state = FeedStates.initial("f");
    List<FeedItem> items = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      items.add(item("g-" + i, null, "T" + i, "b"));
    }
    small.apply(items, state, T0);

    assertThat(small.apply(items, state, T0.plusSeconds(60))).extracting(Decision::verdict).containsOnly(Verdict.REPEAT);
  }
}
