package io.newssignals.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.schema.FeedState;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FeedUrlsTest {
  private static String canonical(String url) {
    return FeedUrls.canonical(URI.create(url)).toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTPS://News.Example.COM/rss.xml", "https://news.example.com:443/rss.xml",
      "https://news.example.com/rss.xml#latest", "https://news.example.com/rss.xml?utm_source=x&utm_medium=rss",
      "https://news.example.com/rss.xml?fbclid=abc", "https://news.example.com/rss.xml?gclid=1&mc_cid=2&mc_eid=3",
      "https://news.example.com./rss.xml", "https://news.example.com/rss.xml?UTM_Campaign=spring"})
  void shouldGiveEverySpellingOfAFeedTheSameCanonicalUrl(String spelling) {
    assertThat(canonical(spelling)).isEqualTo("https://news.example.com/rss.xml");
  }

  @Test
  void shouldKeepParametersTheFeedServerMayNeed() {
    assertThat(canonical("https://news.example.com/feed?category=tech&utm_source=x&page=2"))
        .isEqualTo("https://news.example.com/feed?category=tech&page=2");
    assertThat(canonical("http://news.example.com:8080/feed")).isEqualTo("http://news.example.com:8080/feed");
    assertThat(canonical("http://news.example.com")).isEqualTo("http://news.example.com/");
  }

  @Test
  void shouldLeaveTheCaseOfThePathAlone() {
    assertThat(canonical("https://news.example.com/Feeds/RSS.xml")).isEqualTo("https://news.example.com/Feeds/RSS.xml");
  }

  @Test
  void shouldOnlyDropTheFragmentOfOtherSchemes() {
    assertThat(canonical("file:///srv/feeds/a.xml#x")).isEqualTo("file:///srv/feeds/a.xml");
    assertThat(canonical("classpath:samples/wire-desk.rss.xml")).isEqualTo("classpath:samples/wire-desk.rss.xml");
  }

  @Test
  void shouldCarryAStateKeptUnderAnOldSpellingOverToTheCanonicalKey() {
    FeedState old = FeedStates.initial("HTTPS://News.Example.com/rss.xml#top");
    old.getSeen().put("id-1", "hash");
    old.setLastSuccess(Instant.parse("2025-01-06T10:00:00Z"));
    FeedState older = FeedStates.initial("https://news.example.com:443/rss.xml");
    older.setLastSuccess(Instant.parse("2025-01-01T10:00:00Z"));

    Map<String, FeedState> states = FeedUrls.withCanonicalKeys(Map.of(old.getFeedUrl(), old, older.getFeedUrl(), older));

    FeedState adopted = states.get("https://news.example.com/rss.xml");
    assertThat(adopted.getFeedUrl()).isEqualTo("https://news.example.com/rss.xml");
    assertThat(adopted.getSeen()).as("the most recently successful spelling wins").containsKey("id-1");
    assertThat(states).containsKeys(old.getFeedUrl(), older.getFeedUrl());
  }

  @Test
  void shouldNotReplaceAStateAlreadyKeptUnderTheCanonicalKey() {
    FeedState current = FeedStates.initial("https://news.example.com/rss.xml");
    current.getSeen().put("current", "hash");
    FeedState old = FeedStates.initial("https://NEWS.example.com/rss.xml");
    old.getSeen().put("old", "hash");

    Map<String, FeedState> states = FeedUrls.withCanonicalKeys(Map.of(current.getFeedUrl(), current, old.getFeedUrl(), old));

    assertThat(states.get("https://news.example.com/rss.xml").getSeen()).containsOnlyKeys("current");
  }
}
