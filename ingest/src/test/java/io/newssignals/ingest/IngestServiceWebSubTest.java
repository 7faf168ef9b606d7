package io.newssignals.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.ingest.websub.TestHub;
import io.newssignals.ingest.websub.WebSubState;
import io.newssignals.ops.OpsServer;
import io.newssignals.schema.FeedState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WebSub in the running service, driven by its feeds file: a feed removed from the file is unsubscribed. */
class IngestServiceWebSubTest {
  @TempDir
  Path dir;
  private TestFeedServer feeds;
  private TestHub hub;
  private OpsServer http;
  private final RecordingPublisher published = new RecordingPublisher();

  @BeforeEach
  void start() throws Exception {
    feeds = new TestFeedServer();
    hub = new TestHub();
    http = OpsServer.start("ingest", "127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    http.close();
    hub.close();
    feeds.close();
  }

  private String rss(String self) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">"
        + "<channel><title>Hubbed</title><link>https://hubbed.example/</link><description>d</description>"
        + "<atom:link rel=\"hub\" href=\"" + hub.url() + "\"/><atom:link rel=\"self\" href=\"" + self + "\"/>"
        + "<item><title>Story</title><link>https://hubbed.example/1</link><guid>hubbed-1</guid>"
        + "<description>Body</description></item></channel></rss>";
  }

  @Test
  void shouldUnsubscribeAFeedRemovedFromTheFeedsFile() throws Exception {
    String hubbed = feeds.uri("/hubbed.xml").toString();
    String plain = feeds.uri("/plain.xml").toString();
    feeds.on("/hubbed.xml", ex -> TestFeedServer.send(ex, 200, "application/rss+xml",
        rss(hubbed).getBytes(StandardCharsets.UTF_8)));
    feeds.on("/plain.xml", ex -> TestFeedServer.send(ex, 200, "application/rss+xml",
        IngestServiceTest.rss(1, "").getBytes(StandardCharsets.UTF_8)));
    Path file = dir.resolve("feeds.yaml");
    Files.writeString(file, "- " + hubbed + "\n- " + plain + "\n");
    IngestConfig config = IngestConfig.builder().feedsFile(file).pollInterval(Duration.ofHours(1))
        .publicUrl("http://127.0.0.1:" + http.port() + "/").build();

    try (IngestService service = new IngestService(config, published, Map.of())) {
      service.exposeWebSub(http);
      service.start();
      await(() -> WebSubState.ACTIVE.equals(state(hubbed).getWebsubStatus()), "the subscription verified");
      String callback = state(hubbed).getWebsubCallback();
      assertThat(hub.requests).singleElement().satisfies(r -> {
        assertThat(r.mode()).isEqualTo("subscribe");
        assertThat(r.topic()).isEqualTo(hubbed);
      });

      Files.writeString(file, "- " + plain + "\n");
      service.requestReload();
      await(() -> state(hubbed).getWebsubCallback() == null && hub.verifications.size() == 2,
          "the subscription ended");

      assertThat(hub.requests).hasSize(2).last().satisfies(r -> {
        assertThat(r.mode()).isEqualTo("unsubscribe");
        assertThat(r.topic()).isEqualTo(hubbed);
        assertThat(r.callback()).isEqualTo(callback);
      });
      assertThat(hub.verifications).extracting(TestHub.Verification::mode, TestHub.Verification::challengeEchoed)
          .containsExactly(Tuple.tuple("subscribe", true),
              Tuple.tuple("unsubscribe", true));
      assertThat(state(hubbed).getWebsubStatus()).isNull();
      // the old callback takes no more content
      HttpResponse<Void> push = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(callback))
          .POST(HttpRequest.BodyPublishers.ofString("<rss/>")).build(), HttpResponse.BodyHandlers.discarding());
      assertThat(push.statusCode()).isEqualTo(404);
      // and the feed that stayed was never subscribed (it has no hub)
      assertThat(hub.requests).noneMatch(r -> r.topic().equals(plain));
    }
  }

  @Test
  void shouldNotSubscribeBeforeTheCallbacksAreServed() throws Exception {
    // regression: run starts the services before it serves their endpoints, so a hub verifying at once found no
    // callback (404) and the subscription waited 5 minutes in REQUESTED before being asked again
    String hubbed = feeds.uri("/hubbed.xml").toString();
    feeds.on("/hubbed.xml", ex -> TestFeedServer.send(ex, 200, "application/rss+xml",
        rss(hubbed).getBytes(StandardCharsets.UTF_8)));
    Path file = dir.resolve("feeds.yaml");
    Files.writeString(file, "- " + hubbed + "\n");
    IngestConfig config = IngestConfig.builder().feedsFile(file).pollInterval(Duration.ofHours(1))
        .publicUrl("http://127.0.0.1:" + http.port() + "/").build();

    try (IngestService service = new IngestService(config, published, Map.of())) {
      service.start();
      await(() -> state(hubbed).getHub() != null, "the feed polled and its hub known");
      Thread.sleep(1_500); // three ticks of the scheduler
      assertThat(hub.requests).as("no subscription while no callback is served").isEmpty();

      service.exposeWebSub(http);
      // the hub records its verification after our callback has answered it, so wait for both
      await(() -> WebSubState.ACTIVE.equals(state(hubbed).getWebsubStatus()) && hub.verifications.size() == 1,
          "the subscription verified");
      assertThat(hub.requests).hasSize(1);
      assertThat(hub.verifications).singleElement().satisfies(v -> assertThat(v.challengeEchoed()).isTrue());
    }
  }

  private FeedState state(String feed) {
    synchronized (published) {
      FeedState s = published.states.get(feed);
      return s == null ? FeedStates.initial(feed) : s;
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }
}
