package io.newssignals.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.ingest.fetch.FeedFetcher;
import io.newssignals.ingest.fetch.RedirectGuard;
import io.newssignals.schema.Article;
import io.newssignals.schema.FeedState;
import io.newssignals.schema.IngestErrorKind;
import io.newssignals.topics.Topics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeedPollerTest {
  private static final Instant NOW = Instant.parse("2025-01-06T12:00:00Z");
  private TestFeedServer server;
  private final IngestConfig config = IngestConfig.builder().readTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() throws IOException {
    server = new TestFeedServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private FeedSpec feed(String path) {
    return new FeedSpec(server.uri(path), "Test", Duration.ofMinutes(15), List.of(), 0);
  }

  /** An RSS feed of {@code items} items; item {@code i} has the title and body the functions give. */
  static String rss(int items, IntFunction<String> guid, IntFunction<String> title, IntFunction<String> body) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
        + "<title>Hostile Feed</title><link>https://test.example/</link><description>d</description>");
    for (int i = 0; i < items; i++) {
      sb.append("<item><title>").append(title.apply(i)).append("</title><link>https://test.example/").append(i)
          .append("</link><guid>").append(guid.apply(i)).append("</guid><pubDate>Mon, 06 Jan 2025 10:00:00 GMT</pubDate>")
          .append("<description>").append(body.apply(i)).append("</description></item>");
    }
    return sb.append("</channel></rss>").toString();
  }

  private void serve(String path, String xml) {
    byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
    server.on(path, ex -> TestFeedServer.send(ex, 200, "application/rss+xml; charset=UTF-8", bytes));
  }

  private static int bytes(FeedState s) {
    return Topics.FEED_STATE.valueSerde().serializer().serialize(Topics.FEED_STATE.name(), s).length;
  }

  @Test
  void shouldPublishTheItemsOfAMalformedFeedAndRecordItAsMalformedWithoutBackoff() throws Exception {
    server.on("/sloppy", ex -> TestFeedServer.send(ex, 200, "application/rss+xml",
        Fixtures.bytes("rss_2.0-malformed-recoverable.xml")));
    FeedPoller poller = new FeedPoller(new FeedFetcher(config), config);
    FeedSpec feed = feed("/sloppy");

    FeedPoller.Outcome outcome = poller.poll(feed, FeedStates.initial(feed.key()), NOW);

    assertThat(outcome.error()).as("not a failure: the feed is published").isNull();
    assertThat(outcome.articles()).extracting(Article::getTitle).containsExactly("AT&T and Verizon settle", "Second item");
    assertThat(outcome.state().getFailures()).isZero();
    assertThat(outcome.state().getLastErrorKind()).isEqualTo(IngestErrorKind.MALFORMED.name());
    assertThat(outcome.state().getLastError()).startsWith("MALFORMED: recovered leniently: malformed XML at line");
    assertThat(outcome.state().getLastErrorAt()).isEqualTo(NOW);
  }

  @Test
  void shouldTruncateATitleOverTheLimitInsteadOfMakingAnOversizeRecord() throws Exception {
    serve("/feed", rss(2, i -> "id-" + i, i -> i == 0 ? "Huge " + "x".repeat(1_200_000) : "Normal story", i -> "Body " + i));
    FeedPoller poller = new FeedPoller(new FeedFetcher(config), config);
    FeedSpec feed = feed("/feed");

    FeedPoller.Outcome outcome = poller.poll(feed, FeedStates.initial(feed.key()), NOW);

    assertThat(outcome.error()).isNull();
    assertThat(outcome.articles()).hasSize(2);
    Article huge = outcome.articles().get(0);
    assertThat(huge.getTitle()).hasSize(RecordLimits.MAX_TITLE_CHARS).startsWith("Huge xxx").endsWith("…");
    assertThat(outcome.articles().get(1).getTitle()).isEqualTo("Normal story");
  }

  @Test
  void shouldTruncateABodyOverTheLimit() throws Exception {
    serve("/feed", rss(1, i -> "id-" + i, i -> "Long story", i -> "word ".repeat(100_000)));
    FeedPoller poller = new FeedPoller(new FeedFetcher(config), config);
    FeedSpec feed = feed("/feed");

    FeedPoller.Outcome outcome = poller.poll(feed, FeedStates.initial(feed.key()), NOW);

    assertThat(outcome.error()).isNull();
    assertThat(outcome.articles()).singleElement().satisfies(a -> assertThat(a.getBody()).hasSize(RecordLimits.MAX_BODY_CHARS));
  }

  @Test
  void shouldReadAtMostTheItemLimitAndRepublishNothingOnTheNextPoll() throws Exception {
    String pad = "g".repeat(100);
    serve("/feed", rss(6_000, i -> "urn:" + pad + ":" + i, i -> "Story " + i, i -> "Body " + i));
    FeedPoller poller = new FeedPoller(new FeedFetcher(config), config);
    FeedSpec feed = feed("/feed");

    FeedPoller.Outcome first = poller.poll(feed, FeedStates.initial(feed.key()), NOW);
    FeedPoller.Outcome second = poller.poll(feed, first.state(), NOW.plusSeconds(900));

    assertThat(first.error()).isNull();
    assertThat(first.articles()).hasSize(RecordLimits.MAX_ITEMS_PER_FETCH);
    assertThat(bytes(first.state())).isLessThan(RecordLimits.MAX_RECORD_BYTES);
    assertThat(second.error()).isNull();
    assertThat(second.articles()).as("every id of the fetch is remembered").isEmpty();
  }

  @Test
  void shouldRememberEveryIdOfAFetchWithinTheRecordLimitWhateverTheirLength() throws Exception {
    // GUIDs of about 1,000 UTF-8 bytes each, 1,000 items: over 3 MB of ids if remembered as they are
    serve("/feed", rss(1_000, i -> i + "-" + "€".repeat(330), i -> "Story " + i, i -> "Body"));
    FeedPoller poller = new FeedPoller(new FeedFetcher(config), config);
    FeedSpec feed = feed("/feed");

    FeedPoller.Outcome first = poller.poll(feed, FeedStates.initial(feed.key()), NOW);
    FeedPoller.Outcome second = poller.poll(feed, first.state(), NOW.plusSeconds(900));

    assertThat(first.error()).isNull();
    assertThat(first.articles()).hasSize(RecordLimits.MAX_ITEMS_PER_FETCH);
    assertThat(first.articles().get(0).getId()).as("the article keeps its GUID").endsWith("€€€");
    assertThat(bytes(first.state())).isLessThan(RecordLimits.MAX_REMEMBERED_BYTES);
    assertThat(second.articles()).as("nothing republished").isEmpty();
  }

  @Test
  void shouldTurnAnUnexpectedExceptionIntoTheFeedsErrorWithBackoff() throws Exception {
    IngestConfig files = config.toBuilder().allowedSchemes(Set.of("http", "https", "file")).build();
    FeedPoller poller = new FeedPoller(new FeedFetcher(files), files);
    // an opaque file: URI makes Path.of throw an IllegalArgumentException inside the fetcher
    FeedSpec feed = new FeedSpec(URI.create("file:relative-feed.xml"), null, Duration.ofMinutes(15), List.of(), 0);

    FeedPoller.Outcome outcome = poller.poll(feed, FeedStates.initial(feed.key()), NOW);

    assertThat(outcome.error()).isNotNull();
    assertThat(outcome.error().getKind()).isEqualTo(IngestErrorKind.OTHER);
    assertThat(outcome.error().getMessage()).startsWith("unexpected");
    assertThat(outcome.state().getFailures()).isEqualTo(1);
    assertThat(outcome.state().getNextPoll()).isAfter(NOW);
  }

  @Test
  void shouldRecordARefusedRedirectAsTheFeedsFetchErrorAndBackOff() throws Exception {
    server.on("/moved", ex -> {
      ex.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
      ex.sendResponseHeaders(302, -1);
    });
    // the test server (127.0.0.1) is taken for a public host, as a feed on the internet would be
    RedirectGuard.Resolver resolver = host -> host.equals("127.0.0.1")
        ? new InetAddress[] {InetAddress.getByName("93.184.216.34")}
        : InetAddress.getAllByName(host);
    FeedPoller poller = new FeedPoller(new FeedFetcher(config, new RedirectGuard(false, resolver)), config);
    FeedSpec feed = feed("/moved");

    FeedPoller.Outcome outcome = poller.poll(feed, FeedStates.initial(feed.key()), NOW);

    assertThat(outcome.articles()).isEmpty();
    assertThat(outcome.error()).isNotNull();
    assertThat(outcome.error().getKind()).isEqualTo(IngestErrorKind.OTHER);
    assertThat(outcome.error().getHttpStatus()).isEqualTo(302);
    assertThat(outcome.error().getMessage()).contains("redirect refused", "169.254.169.254");
    FeedState state = outcome.state();
    assertThat(state.getFailures()).isEqualTo(1);
    assertThat(state.getLastError()).contains("redirect refused");
    assertThat(state.getNextPoll()).isAfter(NOW);
  }
}
