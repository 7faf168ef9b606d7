package io.newssignals.launcher.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.newssignals.config.OpsSettings;
import io.newssignals.ingest.IngestConfig;
import io.newssignals.launcher.LocalPipeline;
import io.newssignals.ops.OpsOptions;
import io.newssignals.ops.OpsRuntime;
import io.newssignals.schema.AlertKind;
import io.newssignals.schema.PairStatus;
import io.newssignals.schema.PartnershipAlert;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end-to-end path on the real broker, wired as {@code bin/pipeline run} wires it (HTTP server first,
 * then the pipeline, then its endpoints, the WebSub callbacks among them): a publisher and the hub of
 * {@link WebSubPushIT} on loopback, ingest subscribed, a partnership story published to the hub and pushed, then
 * enriched and turned into an alert on {@code alerts.partnership} with no poll of the feed in between; a wrongly
 * signed push of another story gives neither an article nor an alert. Lease renewal and the restart are
 * {@link WebSubPushIT}'s; the speed of this path is measured by {@code bin/pipeline bench push}, not asserted here.
 */
class WebSubAlertIT {
  private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME;

  @TempDir
  Path dir;

  private static String rss(String hub, String self, String guid, String title, String body) {
    String item = guid == null ? "" : "<item><title>" + title + "</title><link>https://push.example/" + guid
        + "</link><guid>" + guid + "</guid><pubDate>" + RFC_822.format(ZonedDateTime.now(ZoneOffset.UTC))
        + "</pubDate><description>" + body + "</description></item>";
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\">"
        + "<channel><title>Push Wire</title><link>https://push.example/</link><description>d</description>"
        + "<atom:link rel=\"hub\" href=\"" + hub + "\"/><atom:link rel=\"self\" href=\"" + self + "\"/>" + item
        + "</channel></rss>";
  }

  @Test
  void shouldAlertOnAPushedPartnershipStoryWithoutAPollAndIgnoreAForgedOne() throws Exception {
    AtomicReference<String> feed = new AtomicReference<>();
    AtomicInteger fetches = new AtomicInteger();
    HttpServer publisher = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    publisher.createContext("/feed.xml", ex -> {
      fetches.incrementAndGet();
      byte[] body = feed.get().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
      ex.close();
    });
    publisher.start();
    String feedUrl = "http://127.0.0.1:" + publisher.getAddress().getPort() + "/feed.xml";
    Path feeds = dir.resolve("feeds.yaml");
    Files.writeString(feeds, "feeds:\n  - url: " + feedUrl + "\n    name: Push Wire\n");

    Map<String, String> env = new HashMap<>();
    env.put(OpsSettings.HTTP_PORT.env(), "0");
    OpsRuntime surface = null;
    LocalPipeline pipeline = null;
    try (WebSubPushIT.Hub hub = new WebSubPushIT.Hub(Duration.ofDays(1).toSeconds())) {
      // the feed, before any story: what ingest's first poll finds, with the hub it advertises
      feed.set(rss(hub.url(), feedUrl, null, null, null));
      surface = OpsRuntime.serve(new OpsOptions(), "pipeline", env);
      env.put(IngestConfig.PUBLIC_URL_ENV, "http://127.0.0.1:" + surface.server().port() + "/");
      // polls far apart: only the first one (which finds the hub) falls inside the test
      env.put(IngestConfig.POLL_INTERVAL_ENV, "1h");
      pipeline = LocalPipeline.start(LocalPipeline.Options.local(dir).withFeedsFile(feeds).withEnv(env), true);
      surface.watch(pipeline.bootstrapServers());
      pipeline.expose(surface);
      pipeline.awaitRunning(Duration.ofSeconds(120));
      awaitSubscribed(hub, feedUrl);
      int fetchesBefore = fetches.get();
      assertThat(fetchesBefore).as("the first poll").isEqualTo(1);

      // a forged push (wrong secret) of another partnership story: refused, so neither article nor alert
      String forged = rss(hub.url(), feedUrl, "forged-1", "Google and Anthropic end partnership",
          "Google and Anthropic have ended their partnership, the companies said on Tuesday.");
      assertThat(hub.publish(feedUrl, forged, true)).containsExactly(403);

      // publish → hub → push → news.articles → enrich → signals.deals → alerts → alerts.partnership
      String story = rss(hub.url(), feedUrl, "ms-openai-ended", "Microsoft and OpenAI end partnership",
          "Microsoft and OpenAI have ended their partnership, the companies said on Tuesday.");
      feed.set(story);
      long t0 = System.nanoTime();
      assertThat(hub.publish(feedUrl, story, false)).containsExactly(202);
      List<PartnershipAlert> alerts = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (alerts.stream().noneMatch(a -> a.getEvidence().getArticleId().equals("ms-openai-ended"))
          && System.nanoTime() < deadline) {
        alerts.addAll(pipeline.pollAlerts(Duration.ofMillis(100)));
      }
      long millis = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf("WebSub publish -> hub -> push -> alert: %d ms (one push, not a benchmark)%n", millis);

      pipeline.awaitCaughtUp(Duration.ofSeconds(60));
      alerts.addAll(pipeline.drainAlerts(Duration.ofSeconds(5)));
      assertThat(alerts).filteredOn(a -> a.getKind() == AlertKind.STATUS_CHANGED).singleElement().satisfies(a -> {
        assertThat(a.getPair()).containsExactly("Microsoft", "OpenAI");
        assertThat(a.getCurrent()).isEqualTo(PairStatus.ENDED);
        assertThat(a.getEvidence().getArticleId()).isEqualTo("ms-openai-ended");
        assertThat(a.getEvidence().getSentence()).contains("have ended their partnership");
      });
      assertThat(fetches.get()).as("no poll between the subscription and the alert: the story came by push")
          .isEqualTo(fetchesBefore);
    } finally {
      if (pipeline != null) {
        pipeline.close();
      }
      if (surface != null) {
        surface.close();
      }
      publisher.stop(0);
    }
  }

  private static void awaitSubscribed(WebSubPushIT.Hub hub, String topic) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (hub.active) {
        if (hub.active.values().stream().anyMatch(s -> s.topic().equals(topic))) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("ingest did not subscribe to " + topic + " at the hub: requests " + hub.requests);
  }
}
