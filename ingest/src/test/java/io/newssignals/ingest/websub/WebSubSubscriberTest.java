package io.newssignals.ingest.websub;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.newssignals.ingest.FeedSpec;
import io.newssignals.ingest.FeedStates;
import io.newssignals.ingest.IngestConfig;
import io.newssignals.ingest.fetch.RedirectGuard;
import io.newssignals.ops.OpsMetrics;
import io.newssignals.schema.FeedState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The subscriber against a hub on loopback, with a clock the test moves: a hub's denial and when the subscription
 * is asked for again, and pushed bodies over the size limit.
 */
class WebSubSubscriberTest {
  private static final long MAX_BODY = 4_096;
  private static final String FEED = "http://127.0.0.1:9/feed.xml"; // never fetched: the subscriber does not poll

  private final TestClock clock = new TestClock(Instant.parse("2026-01-05T10:00:00Z"));
  private final FakeHost host = new FakeHost();
  private final HttpClient client = HttpClient.newHttpClient();
  private TestHub hub;
  private HttpServer callbacks;
  private WebSubSubscriber subscriber;

  /** The part of the ingest service the subscriber sees: feeds, states, and what was pushed. */
  static final class FakeHost implements WebSubSubscriber.Host {
    final List<FeedSpec> feeds = new CopyOnWriteArrayList<>();
    final Map<String, FeedState> states = new ConcurrentHashMap<>();
    final List<byte[]> pushed = new CopyOnWriteArrayList<>();

    @Override
    public List<FeedSpec> feeds() {
      return feeds;
    }

    @Override
    public Map<String, FeedState> states() {
      return states;
    }

    @Override
    public void updateState(String feedKey, Consumer<FeedState> change) {
      FeedState s = FeedStates.mutableCopy(states.getOrDefault(feedKey, FeedStates.initial(feedKey)));
      change.accept(s);
      states.put(feedKey, s);
    }

    @Override
    public void push(String feedKey, byte[] body, String contentType) {
      pushed.add(body);
    }

    FeedState state() {
      return states.get(FEED);
    }
  }

  static final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  @BeforeEach
  void start() throws IOException {
    hub = new TestHub();
    callbacks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    IngestConfig config = IngestConfig.builder().build();
    HubClient hubs = new HubClient(Duration.ofSeconds(5), Duration.ofSeconds(5), RedirectGuard.of(config), "test");
    subscriber = new WebSubSubscriber(host, hubs, "http://127.0.0.1:" + callbacks.getAddress().getPort() + "/",
        Duration.ofDays(10), MAX_BODY, clock);
    callbacks.createContext(WebSubSubscriber.PATH, subscriber);
    callbacks.start();
    host.feeds.add(new FeedSpec(URI.create(FEED), "Push Wire", Duration.ofMinutes(15), List.of(), 1));
    FeedState s = FeedStates.initial(FEED);
    s.setHub(hub.url());
    s.setSelfUrl(FEED);
    host.states.put(FEED, s);
  }

  @AfterEach
  void stop() {
    subscriber.close();
    callbacks.stop(0);
    hub.close();
  }

  @Test
  void shouldRecordAHubsDenialRefusePushesAndAskAgainOnlyAfterThirtyMinutes() throws Exception {
    hub.deny = true;
    subscriber.maintain();
    await(() -> WebSubState.DENIED.equals(host.state().getWebsubStatus()) && hub.verifications.size() == 1,
        "the denial recorded"); // the hub records its verification after our callback answered it
    assertThat(hub.requests).singleElement().satisfies(r -> assertThat(r.mode()).isEqualTo("subscribe"));
    assertThat(hub.verifications).singleElement().satisfies(v -> assertThat(v.status()).isEqualTo(200));
    assertThat(host.state().getWebsubLeaseExpires()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
    String deniedCallback = host.state().getWebsubCallback();
    String secret = host.state().getWebsubSecret();

    // the hub said no: a push on that callback, even correctly signed, is not content of a subscription
    assertThat(post(deniedCallback, "<rss/>".getBytes(), WebSubSignature.sign(secret, "<rss/>".getBytes())))
        .isEqualTo(404);
    assertThat(host.pushed).isEmpty();

    // not asked again while the 30 minutes last, however often the scheduler ticks
    hub.deny = false;
    clock.advance(Duration.ofMinutes(29));
    for (int i = 0; i < 5; i++) {
      subscriber.maintain();
    }
    Thread.sleep(300);
    assertThat(hub.requests).hasSize(1);

    // then asked again, with a new callback and secret, and this time verified
    clock.advance(Duration.ofMinutes(2));
    subscriber.maintain();
    await(() -> WebSubState.ACTIVE.equals(host.state().getWebsubStatus()), "the second request verified");
    assertThat(hub.requests).hasSize(2).last().satisfies(r -> {
      assertThat(r.mode()).isEqualTo("subscribe");
      assertThat(r.callback()).isNotEqualTo(deniedCallback);
      assertThat(r.secret()).isNotEqualTo(secret);
    });
  }

  @Test
  void shouldRefusePushedBodiesOverTheSizeLimitWithStatus413() throws Exception {
    FeedState s = host.state();
    String callback = "http://127.0.0.1:" + callbacks.getAddress().getPort() + WebSubSubscriber.PATH
        + "0123456789abcdef0123456789abcdef";
    String secret = "ab".repeat(32);
    s.setWebsubHub(hub.url());
    s.setWebsubTopic(FEED);
    s.setWebsubCallback(callback);
    s.setWebsubSecret(secret);
    s.setWebsubStatus(WebSubState.ACTIVE);
    s.setWebsubLeaseExpires(clock.instant().plus(Duration.ofDays(1)));
    double before = OpsMetrics.count(OpsMetrics.registry(), OpsMetrics.INGEST_WEBSUB_PUSHES, "outcome", "too_large");

    byte[] tooLarge = body((int) MAX_BODY + 1);
    assertThat(post(callback, tooLarge, WebSubSignature.sign(secret, tooLarge))).as("declared length").isEqualTo(413);
    // no Content-Length (chunked): the limit holds while the body is read
    HttpRequest chunked = HttpRequest.newBuilder(URI.create(callback))
        .header("X-Hub-Signature", WebSubSignature.sign(secret, tooLarge))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(tooLarge))).build();
    assertThat(client.send(chunked, HttpResponse.BodyHandlers.discarding()).statusCode()).as("chunked").isEqualTo(413);
    assertThat(host.pushed).isEmpty();
    assertThat(OpsMetrics.count(OpsMetrics.registry(), OpsMetrics.INGEST_WEBSUB_PUSHES, "outcome", "too_large"))
        .isEqualTo(before + 2);

    // at the limit, a signed body is handed on
    byte[] atLimit = body((int) MAX_BODY);
    assertThat(post(callback, atLimit, WebSubSignature.sign(secret, atLimit))).isEqualTo(202);
    assertThat(host.pushed).singleElement().satisfies(b -> assertThat(b).isEqualTo(atLimit));
  }

  private static byte[] body(int size) {
    byte[] b = new byte[size];
    Arrays.fill(b, (byte) 'x');
    return b;
  }

  private int post(String url, byte[] body, String signature) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(url)).header("X-Hub-Signature", signature)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(10);
    }
  }
}
