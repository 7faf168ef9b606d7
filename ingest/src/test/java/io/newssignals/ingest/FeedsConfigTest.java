package io.newssignals.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedsConfigTest {
  private static final Set<String> HTTP = Set.of("http", "https");
  @TempDir
  Path dir;

  @Test
  void shouldReadYamlEntriesAndReportABadOneWithItsLine() throws IOException {
    Path f = dir.resolve("feeds.yaml");
    Files.writeString(f, """
        feeds:
          - url: https://a.example/rss
            name: A News
            interval: 10m
            tags: [tech, us]
          - url: ftp://b.example/feed
          - https://c.example/atom.xml
          - url: https://d.example/rss
            intervall: 5m
          - url: https://a.example/rss
        """);

    FeedsConfig.Loaded loaded = FeedsConfig.load(f, Duration.ofMinutes(15), HTTP);

    assertThat(loaded.feeds()).extracting(FeedSpec::url)
        .containsExactly(URI.create("https://a.example/rss"), URI.create("https://c.example/atom.xml"));
    FeedSpec a = loaded.feeds().get(0);
    assertThat(a.name()).isEqualTo("A News");
    assertThat(a.pollInterval()).isEqualTo(Duration.ofMinutes(10));
    assertThat(a.tags()).containsExactly("tech", "us");
    assertThat(a.line()).isEqualTo(2);
    assertThat(loaded.feeds().get(1).pollInterval()).isEqualTo(Duration.ofMinutes(15));
    assertThat(loaded.problems()).hasSize(3);
    assertThat(loaded.problems().get(0)).contains("feeds.yaml:6:").contains("scheme 'ftp' is not allowed");
    assertThat(loaded.problems().get(1)).contains(":8:").contains("unknown key 'intervall'");
    assertThat(loaded.problems().get(2)).contains(":10:").contains("duplicate url");
  }

  @Test
  void shouldKeepOneFeedListedUnderSeveralSpellingsAndNameTheDuplicates() throws IOException {
    Path f = dir.resolve("feeds.yaml");
    Files.writeString(f, """
        feeds:
          - url: https://news.example.com/rss.xml
            name: News
          - HTTPS://News.Example.com/rss.xml
          - https://news.example.com:443/rss.xml#top
          - url: https://news.example.com/rss.xml?utm_source=feedly&fbclid=x
          - https://news.example.com/rss.xml?edition=uk
        """);

    FeedsConfig.Loaded loaded = FeedsConfig.load(f, Duration.ofMinutes(15), HTTP);

    assertThat(loaded.feeds()).extracting(FeedSpec::key)
        .containsExactly("https://news.example.com/rss.xml", "https://news.example.com/rss.xml?edition=uk");
    assertThat(loaded.feeds().get(0).name()).as("the first entry wins").isEqualTo("News");
    assertThat(loaded.problems()).hasSize(3).allSatisfy(p -> assertThat(p)
        .contains("duplicate url", "the same feed as line 2 (https://news.example.com/rss.xml)"));
    assertThat(loaded.problems().get(0)).contains(":4:", "HTTPS://News.Example.com/rss.xml");
    assertThat(loaded.problems().get(1)).contains(":5:", "https://news.example.com:443/rss.xml#top");
    assertThat(loaded.problems().get(2)).contains(":6:", "utm_source=feedly");
  }

  @Test
  void shouldReadJson() throws IOException {
    Path f = dir.resolve("feeds.json");
    Files.writeString(f, "[\n {\"url\": \"https://a.example/rss\", \"interval\": \"PT2H\"},\n {\"name\": \"no url\"}\n]");

    FeedsConfig.Loaded loaded = FeedsConfig.load(f, Duration.ofMinutes(15), HTTP);

    assertThat(loaded.feeds()).singleElement().satisfies(s -> assertThat(s.pollInterval()).isEqualTo(Duration.ofHours(2)));
    assertThat(loaded.problems()).singleElement().asString().contains("feeds.json:3:").contains("missing 'url'");
  }

  @Test
  void shouldRejectFileUrlsUnlessAllowed() throws IOException {
    Path f = dir.resolve("feeds.yaml");
    Files.writeString(f, "- file:///tmp/feed.xml\n- classpath:samples/wire-desk.rss.xml\n");

    assertThat(FeedsConfig.load(f, Duration.ofMinutes(15), HTTP).feeds()).isEmpty();
    assertThat(FeedsConfig.load(f, Duration.ofMinutes(15), Set.of("http", "https", "file")).feeds())
        .as("classpath: is never accepted from a file").extracting(s -> s.url().getScheme()).containsExactly("file");
  }

  @Test
  void shouldFailOnAFileThatIsNotYamlNamingTheLine() throws IOException {
    Path f = dir.resolve("feeds.yaml");
    Files.writeString(f, "feeds:\n  - url: [unclosed\n");

    assertThatThrownBy(() -> FeedsConfig.load(f, Duration.ofMinutes(15), HTTP))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("feeds.yaml:");
  }

  @Test
  void shouldAcceptAnEmptyFeedsList() throws IOException {
    Path f = dir.resolve("feeds.yaml");
    Files.writeString(f, "feeds:\n");

    FeedsConfig.Loaded loaded = FeedsConfig.load(f, Duration.ofMinutes(15), HTTP);

    assertThat(loaded.feeds()).isEmpty();
    assertThat(loaded.problems()).isEmpty();
  }

  @Test
  void shouldListTheBundledSamples() {
    assertThat(FeedsConfig.samples(Duration.ofMinutes(1))).extracting(FeedSpec::key).containsExactlyInAnyOrder(
        "classpath:samples/ai-trends-korea.rss.xml", "classpath:samples/tech-currents.atom.xml",
        "classpath:samples/techledger.atom.xml", "classpath:samples/wire-desk.rss.xml");
  }

  @Test
  void shouldRejectAFeedIntervalBelowOneSecond() throws IOException {
    // regression: 'interval: 1ms' was accepted, and the feed polled as fast as the workers could go
    Path f = dir.resolve("feeds.yaml");
    Files.writeString(f, """
        feeds:
          - url: https://a.example/rss
            interval: 1ms
          - url: https://b.example/rss
            poll_interval: 8d
          - url: https://c.example/rss
            interval: 1s
        """);

    FeedsConfig.Loaded loaded = FeedsConfig.load(f, Duration.ofMinutes(15), HTTP);

    assertThat(loaded.feeds()).singleElement().satisfies(s -> assertThat(s.pollInterval()).hasSeconds(1));
    assertThat(loaded.problems()).containsExactly(
        f + ":2: interval='1ms': must be a duration between 1s and 7d",
        f + ":4: poll_interval='8d': must be a duration between 1s and 7d");
  }
}
