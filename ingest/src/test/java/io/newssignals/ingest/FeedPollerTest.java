package io.newssignals.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.ingest.fetch.FeedFetcher;
import io.newssignals.ingest.fetch.RedirectGuard;
import io.newssignals.schema.FeedState;
import io.newssignals.schema.IngestErrorKind;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
