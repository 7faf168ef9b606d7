package io.newssignals.ingest.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedHintsTest {
  @Test
  void shouldReadTheHubAndSelfOfAnAtomFeed() {
    FeedHints h = FeedHints.read("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title>"
        + "<link rel=\"hub\" href=\"https://pubsubhubbub.appspot.com/\"/>"
        + "<link href='https://example.com/atom.xml' rel='self' type='application/atom+xml'/>"
        + "<entry><link rel=\"hub\" href=\"https://entry.example/hub\"/></entry></feed>");
    assertThat(h.hub()).isEqualTo("https://pubsubhubbub.appspot.com/");
    assertThat(h.self()).isEqualTo("https://example.com/atom.xml");
  }

  @Test
  void shouldReadAtomLinksTtlAndSyndicationOfAnRssChannelButNotOfItsItems() {
    FeedHints h = FeedHints.read("<rss version=\"2.0\"><channel><title>t</title><ttl>60</ttl>"
        + "<atom:link rel=\"hub\" href=\"https://hub.example/\"/><atom:link rel=\"self\" href=\"https://x.example/rss?a=1&amp;b=2\"/>"
        + "<sy:updatePeriod>daily</sy:updatePeriod><sy:updateFrequency>2</sy:updateFrequency>"
        + "<item><ttl>1</ttl></item></channel></rss>");
    assertThat(h).isEqualTo(new FeedHints("https://hub.example/", "https://x.example/rss?a=1&b=2",
        Duration.ofMinutes(60), Duration.ofHours(12)));
  }

  @Test
  void shouldIgnoreHubsThatAreNotHttpUrls() {
    FeedHints h = FeedHints.read("<feed><link rel=\"hub\" href=\"file:///etc/passwd\"/>"
        + "<link rel=\"hub\" href=\"gopher://x/\"/><ttl>0</ttl></feed>");
    assertThat(h).isEqualTo(FeedHints.NONE);
  }

  @Test
  void shouldLetHttpLinkHeadersWinOverTheDocument() {
    FeedHints h = FeedHints.read("<feed><link rel=\"hub\" href=\"https://doc.example/hub\"/></feed>")
        .withLinkHeaders(List.of("<https://header.example/hub>; rel=\"hub\", <https://x.example/feed>; rel=\"self\""));
    assertThat(h.hub()).isEqualTo("https://header.example/hub");
    assertThat(h.self()).isEqualTo("https://x.example/feed");
  }
}
