package io.newssignals.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newssignals.schema.Article;
import io.newssignals.schema.FeedState;
import io.newssignals.schema.IngestErrorKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestServiceTest {
  @TempDir
  Path dir;
  private TestFeedServer server;
  private final RecordingPublisher published = new RecordingPublisher();

  @BeforeEach
  void start() throws IOException {
    server = new TestFeedServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  static String rss(int items, String suffix) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel>"
        + "<title>Test Feed</title><link>https://test.example/</link><description>d</description>");
    for (int i = 0; i < items; i++) {
      sb.append("<item><title>Story ").append(i).append(i == 0 ? suffix : "").append("</title><link>https://test.example/")
          .append(i).append("</link><guid>id-").append(i).append("</guid><pubDate>Mon, 06 Jan 2025 10:0").append(i % 10)
          .append(":00 GMT</pubDate><description>Body ").append(i).append("</description></item>");
    }
    return sb.append("</channel></rss>").toString();
  }

  private Path feedsFile(String yaml) throws IOException {
    Path f = dir.resolve("feeds.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  private IngestService service(Path feeds, Map<String, FeedState> states) {
    IngestConfig config = IngestConfig.builder().feedsFile(feeds).readTimeout(Duration.ofSeconds(5)).build();
    return new IngestService(config, published, states);
  }

  @Test
  void shouldPublishANormalFeedBesideAHostileOneInTheSamePoll() throws Exception {
    // regression (issue 12): a 1 MB title or thousands of remembered ids made a record over the producer's limit
    // and aborted the whole poll's transaction, so no feed was published at all
    String hostile = FeedPollerTest.rss(3_000, i -> "urn:hostile:" + "h".repeat(200) + i,
        i -> i == 0 ? "x".repeat(1_100_000) : "Story " + i, i -> "Body " + i);
    server.on("/hostile", ex -> TestFeedServer.send(ex, 200, "application/rss+xml", hostile.getBytes(StandardCharsets.UTF_8)));
    server.serveWithEtag("/normal", rss(3, "").getBytes(StandardCharsets.UTF_8), "\"v1\"");
    Path feeds = feedsFile("- " + server.uri("/hostile") + "\n- " + server.uri("/normal") + "\n");

    try (IngestService service = service(feeds, Map.of())) {
      assertThat(service.pollAllOnce()).isEqualTo(RecordLimits.MAX_ITEMS_PER_FETCH + 3);
      assertThat(service.pollAllOnce()).as("second poll: nothing new").isZero();
    }

    assertThat(published.errors).isEmpty();
    assertThat(published.articles).extracting(Article::getId).contains("id-0", "id-1", "id-2");
    RecordLimits.requireFits(published.articles, published.states.get(server.uri("/hostile").toString()));
  }

  @Test
  void shouldPublishTheOtherFeedsWhenTheBrokerRefusesOneFeedsRecord() throws IOException {
    server.serveWithEtag("/bad", rss(2, "").replace("id-", "bad-").getBytes(StandardCharsets.UTF_8), "\"b\"");
    server.serveWithEtag("/good", rss(3, "").getBytes(StandardCharsets.UTF_8), "\"g\"");
    Path feeds = feedsFile("- " + server.uri("/bad") + "\n- " + server.uri("/good") + "\n");
    published.tooLarge = a -> a.getId().equals("bad-1");
    String bad = server.uri("/bad").toString();

    try (IngestService service = service(feeds, Map.of())) {
      assertThat(service.pollAllOnce()).isEqualTo(3);
      assertThat(service.state(bad).getFailures()).isEqualTo(1);
      assertThat(service.state(bad).getNextPoll()).as("the feed at fault backs off").isAfter(Instant.now());
    }

    assertThat(published.articles).extracting(Article::getId).containsExactlyInAnyOrder("id-0", "id-1", "id-2");
    assertThat(published.errors).singleElement().satisfies(e -> {
      assertThat(e.getFeedUrl()).isEqualTo(bad);
      assertThat(e.getKind()).isEqualTo(IngestErrorKind.TOO_LARGE);
      assertThat(e.getMessage()).contains("bad-1");
    });
  }

  @Test
  void shouldStillFailTheWholeBatchWhenTheBrokerIsDown() throws IOException {
    server.serveWithEtag("/a", rss(1, "").getBytes(StandardCharsets.UTF_8), "\"a\"");
    server.serveWithEtag("/b", rss(1, "").getBytes(StandardCharsets.UTF_8), "\"b\"");
    published.failAlwaysWith = new IllegalStateException("broker unavailable (test)");

    try (IngestService service = service(feedsFile("- " + server.uri("/a") + "\n- " + server.uri("/b") + "\n"), Map.of())) {
      assertThatThrownBy(service::pollAllOnce).hasMessageContaining("broker unavailable");
      assertThat(published.attempts).as("not retried feed by feed").isEqualTo(1);
      assertThat(service.state(server.uri("/a").toString())).as("no state advanced").isNull();
    }
  }

  @Test
  void shouldPollAFeedListedUnderSeveralSpellingsOnce() throws IOException {
    server.serveWithEtag("/feed", rss(3, "").getBytes(StandardCharsets.UTF_8), "\"v1\"");
    String url = server.uri("/feed").toString();
    Path feeds = feedsFile("feeds:\n  - " + url + "\n  - " + url.replace("http://", "HTTP://") + "\n  - " + url
        + "#latest\n  - " + url + "?utm_source=rss&utm_medium=feed\n");

    try (IngestService service = service(feeds, Map.of())) {
      assertThat(service.pollAllOnce()).isEqualTo(3);
      assertThat(service.feeds()).extracting(FeedSpec::key).containsExactly(url);
    }

    assertThat(server.count("/feed")).isEqualTo(1);
    assertThat(published.articles).extracting(Article::getId).containsExactly("id-0", "id-1", "id-2");
  }

  @Test
  void shouldPublishAnItemCarriedByTwoFeedsOnce() throws IOException {
    server.serveWithEtag("/a", rss(3, "").getBytes(StandardCharsets.UTF_8), "\"v1\"");
    server.serveWithEtag("/b", rss(3, "").getBytes(StandardCharsets.UTF_8), "\"v1\"");
    Path feeds = feedsFile("feeds:\n  - " + server.uri("/a") + "\n  - " + server.uri("/b") + "\n");

    try (IngestService service = service(feeds, Map.of())) {
      assertThat(service.pollAllOnce()).isEqualTo(3);
    }
    try (IngestService restarted = service(feeds, published.states)) {
      assertThat(restarted.pollAllOnce()).as("nothing again after a restart").isZero();
    }
    assertThat(published.articles).extracting(Article::getId).containsExactlyInAnyOrder("id-0", "id-1", "id-2");
  }

  @Test
  void shouldKeepTheStateOfAFeedWrittenUnderAnOldSpelling() throws IOException {
    server.serveWithEtag("/feed", rss(3, "").getBytes(StandardCharsets.UTF_8), "\"v1\"");
    String url = server.uri("/feed").toString();
    String oldSpelling = url.replace("http://", "HTTP://") + "#latest";
    try (IngestService before = service(feedsFile("- " + url + "\n"), Map.of())) {
      assertThat(before.pollAllOnce()).isEqualTo(3);
    }
    // the state as a version that kept feed URLs as written would have stored it
    FeedState legacy = FeedStates.mutableCopy(published.states.get(url));
    legacy.setFeedUrl(oldSpelling);
    legacy.setEtag(null);
    legacy.setLastModified(null);

    try (IngestService restarted = service(feedsFile("- " + oldSpelling + "\n"), Map.of(oldSpelling, legacy))) {
      assertThat(restarted.pollAllOnce()).as("ids carried over: nothing republished").isZero();
    }
    assertThat(published.articles).hasSize(3);
  }

  @Test
  void shouldPublishEachArticleOnceAcrossPollsAndRestarts() throws IOException {
    server.serveWithEtag("/feed", rss(5, "").getBytes(StandardCharsets.UTF_8), "\"v1\"");
    Path feeds = feedsFile("feeds:\n  - url: " + server.uri("/feed") + "\n    name: Wire\n    tags: [tech]\n");

    try (IngestService first = service(feeds, Map.of())) {
      assertThat(first.pollAllOnce()).isEqualTo(5);
      assertThat(first.pollAllOnce()).as("second poll: 304").isZero();
    }
    // a restart starts from the published (compacted) feed state
    try (IngestService restarted = service(feeds, published.states)) {
      assertThat(restarted.pollAllOnce()).isZero();
    }

    assertThat(published.articles).hasSize(5);
    assertThat(published.articles).extracting(Article::getId).containsExactly("id-0", "id-1", "id-2", "id-3", "id-4");
    Article a = published.articles.get(0);
    assertThat(a.getSource()).isEqualTo("Wire");
    assertThat(a.getTags()).containsExactly("tech");
    assertThat(a.getRevision()).isEqualTo(1);
    assertThat(a.getPublished()).isEqualTo(Instant.parse("2025-01-06T10:00:00Z"));
    assertThat(a.getFeedUrl()).isEqualTo(server.uri("/feed").toString());
    assertThat(server.requests.get(1).ifNoneMatch()).isEqualTo("\"v1\"");
    assertThat(server.requests.get(2).ifNoneMatch()).as("validators survive the restart").isEqualTo("\"v1\"");
    FeedState state = published.states.get(server.uri("/feed").toString());
    assertThat(state.getItemsPublished()).isEqualTo(5);
    assertThat(state.getEtag()).isEqualTo("\"v1\"");
    assertThat(state.getLastSuccess()).isNotNull();
  }

  @Test
  void shouldNotRepublishWhenAServerIgnoresConditionalGet() throws IOException {
    byte[] body = rss(3, "").getBytes(StandardCharsets.UTF_8);
    server.on("/feed", ex -> TestFeedServer.send(ex, 200, "application/rss+xml", body));
    Path feeds = feedsFile("- " + server.uri("/feed") + "\n");

    try (IngestService s = service(feeds, Map.of())) {
      assertThat(s.pollAllOnce()).isEqualTo(3);
      assertThat(s.pollAllOnce()).isZero();
    }
    assertThat(published.articles.get(0).getSource()).as("no name configured: the feed's title").isEqualTo("Test Feed");
  }

  @Test
  void shouldPublishAnEditedItemAsOneRevision() throws IOException {
    AtomicReference<String> body = new AtomicReference<>(rss(3, ""));
    server.on("/feed", ex -> TestFeedServer.send(ex, 200, "application/rss+xml", body.get().getBytes(StandardCharsets.UTF_8)));
    Path feeds = feedsFile("- " + server.uri("/feed") + "\n");

    try (IngestService s = service(feeds, Map.of())) {
      s.pollAllOnce();
      body.set(rss(3, " (updated)"));
      assertThat(s.pollAllOnce()).isEqualTo(1);
    }

    Article revision = published.articles.get(3);
    assertThat(revision.getId()).isEqualTo("id-0");
    assertThat(revision.getRevision()).isEqualTo(2);
    assertThat(revision.getTitle()).isEqualTo("Story 0 (updated)");
  }

  @Test
  void shouldPublishAnIngestErrorAndBackOffWhenAFeedFails() throws IOException {
    AtomicReference<Integer> status = new AtomicReference<>(500);
    server.on("/flaky", ex -> {
      if (status.get() == 200) {
        TestFeedServer.send(ex, 200, "application/rss+xml", rss(1, "").getBytes(StandardCharsets.UTF_8));
      } else {
        ex.sendResponseHeaders(status.get(), -1);
      }
    });
    String url = server.uri("/flaky").toString();
    Path feeds = feedsFile("- " + url + "\n");

    try (IngestService s = service(feeds, Map.of())) {
      Instant before = Instant.now();
      s.pollAllOnce();
      s.pollAllOnce();
      FeedState failing = s.state(url);
      assertThat(failing.getFailures()).isEqualTo(2);
      assertThat(failing.getNextPoll()).isAfter(before.plusSeconds(30));
      assertThat(failing.getLastErrorKind()).isEqualTo("HTTP_STATUS");
      status.set(200);
      assertThat(s.pollAllOnce()).isEqualTo(1);
      assertThat(s.state(url).getFailures()).as("a success resets the failure count").isZero();
    }

    assertThat(published.errors).hasSize(2);
    assertThat(published.errors.get(0).getKind()).isEqualTo(IngestErrorKind.HTTP_STATUS);
    assertThat(published.errors.get(0).getHttpStatus()).isEqualTo(500);
    assertThat(published.errors.get(0).getFeedUrl()).isEqualTo(url);
    assertThat(published.errors).extracting(e -> e.getAttempt()).containsExactly(1, 2);
  }

  @Test
  void shouldNotKeepTheValidatorsOfABodyThatFailedToParse() throws IOException {
    AtomicReference<String> body = new AtomicReference<>("<rss version=\"2.0\"><channel><title>cut off");
    server.on("/feed", ex -> {
      if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
        ex.sendResponseHeaders(304, -1);
        return;
      }
      ex.getResponseHeaders().add("ETag", "\"v1\"");
      TestFeedServer.send(ex, 200, "application/rss+xml", body.get().getBytes(StandardCharsets.UTF_8));
    });

    try (IngestService s = service(feedsFile("- " + server.uri("/feed") + "\n"), Map.of())) {
      assertThat(s.pollAllOnce()).isZero();
      body.set(rss(2, ""));
      assertThat(s.pollAllOnce()).as("the fixed body is fetched again, not answered 304").isEqualTo(2);
    }
    assertThat(published.errors).singleElement().satisfies(e -> assertThat(e.getKind()).isEqualTo(IngestErrorKind.MALFORMED));
    assertThat(server.requests.get(1).ifNoneMatch()).isNull();
  }

  @Test
  void shouldWaitAsLongAsRetryAfterSays() throws IOException {
    server.on("/busy", ex -> {
      ex.getResponseHeaders().add("Retry-After", "3600");
      ex.sendResponseHeaders(503, -1);
    });
    String url = server.uri("/busy").toString();

    try (IngestService s = service(feedsFile("- " + url + "\n"), Map.of())) {
      Instant before = Instant.now();
      s.pollAllOnce();
      assertThat(s.state(url).getNextPoll()).isBetween(before.plusSeconds(3590), before.plusSeconds(3700));
    }
    assertThat(published.errors.get(0).getKind()).isEqualTo(IngestErrorKind.RATE_LIMITED);
  }

  @Test
  void shouldHonourCacheControlMaxAge() throws IOException {
    server.on("/cached", ex -> {
      ex.getResponseHeaders().add("Cache-Control", "public, max-age=7200");
      TestFeedServer.send(ex, 200, "application/rss+xml", rss(1, "").getBytes(StandardCharsets.UTF_8));
    });
    String url = server.uri("/cached").toString();

    try (IngestService s = service(feedsFile("- url: " + url + "\n  interval: 5m\n"), Map.of())) {
      Instant before = Instant.now();
      s.pollAllOnce();
      assertThat(s.state(url).getNextPoll()).isAfter(before.plusSeconds(7100));
    }
  }

  @Test
  void shouldTurnAnXxePayloadIntoAnIngestError() throws IOException {
    server.on("/xxe", ex -> TestFeedServer.send(ex, 200, "application/rss+xml", Fixtures.bytes("xxe-external-entity.xml")));

    try (IngestService s = service(feedsFile("- " + server.uri("/xxe") + "\n"), Map.of())) {
      assertThat(s.pollAllOnce()).isZero();
    }
    assertThat(published.errors).singleElement().satisfies(e -> {
      assertThat(e.getKind()).isEqualTo(IngestErrorKind.UNSAFE_XML);
      assertThat(e.getMessage()).doesNotContain("root:");
    });
  }

  @Test
  void shouldRepublishNothingLostWhenPublishingFailed() throws IOException {
    server.serveWithEtag("/feed", rss(2, "").getBytes(StandardCharsets.UTF_8), "\"v1\"");

    try (IngestService s = service(feedsFile("- " + server.uri("/feed") + "\n"), Map.of())) {
      published.failNext = true;
      assertThatThrownBy(s::pollAllOnce).hasMessageContaining("broker unavailable");
      assertThat(s.pollAllOnce()).as("the state was not advanced, so the items come again").isEqualTo(2);
    }
    assertThat(server.requests.get(1).ifNoneMatch()).isNull();
  }

  @Test
  void shouldPollTheBundledSamplesWhenNoFeedsFileIsGiven() {
    try (IngestService s = new IngestService(IngestConfig.builder().build(), published, Map.of())) {
      assertThat(s.pollAllOnce()).isEqualTo(9);
      assertThat(s.pollAllOnce()).isZero();
    }
    assertThat(published.articles).extracting(Article::getSource)
        .contains("Wire Desk", "TechLedger", "Tech Currents", "AI Trends Korea");
    assertThat(published.errors).isEmpty();
  }

  @Test
  void shouldKeepPollingGoodFeedsWhenAnEntryIsBad() throws IOException {
    server.serveWithEtag("/feed", rss(1, "").getBytes(StandardCharsets.UTF_8), "\"v1\"");
    Path feeds = feedsFile("feeds:\n  - url: file:///etc/passwd\n  - url: " + server.uri("/feed") + "\n");

    try (IngestService s = service(feeds, Map.of())) {
      assertThat(s.pollAllOnce()).isEqualTo(1);
      assertThat(s.feeds()).hasSize(1);
    }
  }

  @Test
  void shouldReloadTheFeedsFileWhenItChanges() throws Exception {
    server.serveWithEtag("/a", rss(1, "").getBytes(StandardCharsets.UTF_8), "\"a\"");
    server.serveWithEtag("/b", rss(2, "").replace("id-", "b-").getBytes(StandardCharsets.UTF_8), "\"b\"");
    Path feeds = feedsFile("- " + server.uri("/a") + "\n");

    try (IngestService s = service(feeds, Map.of())) {
      s.start();
      long deadline = System.currentTimeMillis() + 10_000;
      while (published.articles.size() < 1 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      Files.writeString(feeds, "- " + server.uri("/a") + "\n- " + server.uri("/b") + "\n");
      Files.setLastModifiedTime(feeds, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
      while (published.articles.size() < 3 && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(s.feeds()).hasSize(2);
    }
    assertThat(published.articles).extracting(Article::getId).containsExactlyInAnyOrder("id-0", "b-0", "b-1");
    assertThat(server.count("/a")).isEqualTo(1);
  }

  @Test
  void shouldReloadTheFeedsFileOnSighup() throws Exception {
    server.serveWithEtag("/a", rss(1, "").getBytes(StandardCharsets.UTF_8), "\"a\"");
    server.serveWithEtag("/b", rss(1, "").replace("id-", "b-").getBytes(StandardCharsets.UTF_8), "\"b\"");
    Path feeds = feedsFile("- " + server.uri("/a") + "\n");
    // whole seconds: setting a time back may lose sub-microsecond precision on some file systems
    var stamp = java.nio.file.attribute.FileTime.from(Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
    Files.setLastModifiedTime(feeds, stamp);

    try (IngestService s = service(feeds, Map.of())) {
      s.start();
      // same size, same modification time, swapped in atomically: only the signal can make the service notice
      Path next = dir.resolve("feeds.next");
      Files.writeString(next, "- " + server.uri("/b") + "\n");
      Files.setLastModifiedTime(next, stamp);
      Files.move(next, feeds, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      Thread.sleep(1_500);
      assertThat(s.feeds()).extracting(FeedSpec::key).containsExactly(server.uri("/a").toString());

      new ProcessBuilder("kill", "-HUP", String.valueOf(ProcessHandle.current().pid())).start().waitFor();
      long deadline = System.currentTimeMillis() + 10_000;
      while (!s.feeds().get(0).key().endsWith("/b") && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertThat(s.feeds()).extracting(FeedSpec::key).containsExactly(server.uri("/b").toString());
    }
  }

  @Test
  void shouldNotLetASlowFeedDelayTheOthersWhenRunning() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    server.on("/slow", ex -> {
      try {
        release.await(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      TestFeedServer.send(ex, 200, "application/rss+xml", rss(1, "").replace("id-", "slow-").getBytes(StandardCharsets.UTF_8));
    });
    server.serveWithEtag("/fast", rss(1, "").getBytes(StandardCharsets.UTF_8), "\"f\"");
    Path feeds = feedsFile("- " + server.uri("/slow") + "\n- " + server.uri("/fast") + "\n");

    try (IngestService s = service(feeds, Map.of())) {
      s.start();
      long deadline = System.currentTimeMillis() + 10_000;
      while (published.articles.isEmpty() && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      // the slow feed is still waiting for its answer (no timeout error yet) while the fast one is published
      assertThat(published.articles).extracting(Article::getId).containsExactly("id-0");
      assertThat(published.errors).isEmpty();
      release.countDown();
      while (published.articles.size() < 2 && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
    }
    assertThat(published.articles).extracting(Article::getId).containsExactly("id-0", "slow-0");
    assertThat(published.errors).isEmpty();
  }

  @Test
  void shouldAlternateHostsSoOneBigHostDoesNotHoldEveryWorker() {
    java.util.function.Function<String, FeedSpec> spec = u -> new FeedSpec(java.net.URI.create(u), null,
        Duration.ofMinutes(1), List.of(), 0);
    List<FeedSpec> feeds = List.of(spec.apply("https://a.example/1"), spec.apply("https://a.example/2"),
        spec.apply("https://a.example/3"), spec.apply("https://b.example/1"), spec.apply("https://c.example/1"));

    assertThat(IngestService.interleaveByHost(feeds)).extracting(FeedSpec::key).containsExactly(
        "https://a.example/1", "https://b.example/1", "https://c.example/1", "https://a.example/2", "https://a.example/3");
  }

  @Test
  void shouldStopPollingWhenAnotherInstanceFencedItsProducer() throws Exception {
    server.serveWithEtag("/feed", rss(1, "").getBytes(StandardCharsets.UTF_8), "\"v1\"");
    published.failAlwaysWith = new org.apache.kafka.common.errors.ProducerFencedException("fenced (test)");
    Path feeds = feedsFile("- url: " + server.uri("/feed") + "\n  interval: 1s\n");

    try (IngestService s = service(feeds, Map.of())) {
      s.start();
      long deadline = System.currentTimeMillis() + 10_000;
      while (published.attempts == 0 && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      while (s.isRunning() && System.currentTimeMillis() < deadline) {
        Thread.sleep(20);
      }
      assertThat(s.isRunning()).isFalse();
    }
    assertThat(published.attempts).isEqualTo(1);
    assertThat(server.count("/feed")).isEqualTo(1);
  }

  @Test
  void shouldRequireKafkaForTheProductionConstructor() {
    assertThatThrownBy(() -> new IngestService(IngestConfig.builder().build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void shouldPollManyFeedsOnOneHostWithinThePerHostLimit() throws IOException {
    StringBuilder yaml = new StringBuilder();
    java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger maxInFlight = new java.util.concurrent.atomic.AtomicInteger();
    for (int i = 0; i < 12; i++) {
      String body = rss(1, "").replace("id-", "f" + i + "-");
      server.on("/f" + i, ex -> {
        maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        inFlight.decrementAndGet();
        TestFeedServer.send(ex, 200, "application/rss+xml", body.getBytes(StandardCharsets.UTF_8));
      });
      yaml.append("- ").append(server.uri("/f" + i)).append('\n');
    }

    try (IngestService s = service(feedsFile(yaml.toString()), Map.of())) {
      assertThat(s.pollAllOnce()).isEqualTo(12);
    }
    assertThat(maxInFlight.get()).isLessThanOrEqualTo(2);
    assertThat(List.copyOf(published.articles)).hasSize(12);
  }
}
