package io.newssignals.ingest.websub;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.newssignals.ingest.FeedSpec;
import io.newssignals.ingest.IngestFailure;
import io.newssignals.ops.OpsMetrics;
import io.newssignals.schema.FeedState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSub subscriber of the ingest service: subscribes feeds that advertise a hub, answers the hubs'
 * verifications of intent, verifies and hands on pushed content, renews leases and unsubscribes feeds that left
 * the feeds file.
 *
 * <p>Each subscription has its own callback {@code <INGEST_PUBLIC_URL>/websub/<id>} (a random 128-bit id) and its
 * own secret (256 random bits), kept with the feed's state on {@code news.feed-state}, so that both survive
 * restarts. A verification of intent is confirmed only when its callback, mode and topic are those of a request
 * this service made; pushed content only with a valid {@code X-Hub-Signature} (HMAC SHA-256 or better) and within
 * the body-size limit. Every push is counted on {@value OpsMetrics#INGEST_WEBSUB_PUSHES} with its outcome.
 */
public final class WebSubSubscriber implements HttpHandler {
  private static final Logger LOG = LoggerFactory.getLogger(WebSubSubscriber.class);
  /** The path of the callbacks on the ingest service's HTTP server. */
  public static final String PATH = "/websub/";
  /** A request that failed or was denied is made again after this long. */
  static final Duration RETRY = Duration.ofMinutes(30);
  /** A request not verified within this long is made again. */
  static final Duration VERIFY_WAIT = Duration.ofMinutes(5);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** What the subscriber needs of the ingest service. */
  public interface Host {
    /** The configured feeds. */
    List<FeedSpec> feeds();

    /** The current state of every feed known (configured or remembered). */
    Map<String, FeedState> states();

    /** Changes a feed's state and commits it to {@code news.feed-state} before returning. */
    void updateState(String feedKey, Consumer<FeedState> change);

    /**
     * Publishes pushed content of a feed through the poll's path (ids, de-duplication, transaction, limits).
     *
     * @throws IngestFailure when the content is not a readable feed
     */
    void push(String feedKey, byte[] body, String contentType) throws IngestFailure, InterruptedException;
  }

  private final Host host;
  private final HubClient hubs;
  private final String publicBase;
  private final Duration lease;
  private final long maxBodyBytes;
  private final Clock clock;
  /** When each feed's last request to its hub was made, so that a tick does not repeat it (in memory). */
  private final Map<String, Instant> requested = new ConcurrentHashMap<>();
  private final Set<String> inProgress = ConcurrentHashMap.newKeySet();
  /** The lease each hub granted in its last verification (in memory; the lease asked for after a restart). */
  private final Map<String, Duration> granted = new ConcurrentHashMap<>();
  private final ExecutorService requests;

  /**
   * @param publicUrl {@code INGEST_PUBLIC_URL}: where hubs reach this process's HTTP server
   * @param lease the lease to ask for
   * @param maxBodyBytes the largest pushed body accepted
   */
  public WebSubSubscriber(Host host, HubClient hubs, String publicUrl, Duration lease, long maxBodyBytes, Clock clock) {
    this.host = host;
    this.hubs = hubs;
    this.publicBase = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    this.lease = lease;
    this.maxBodyBytes = maxBodyBytes;
    this.clock = clock;
    this.requests = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "ingest-websub");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Subscribes, renews and unsubscribes as the feeds and their states require; cheap, called on every tick of the
   * scheduler. The requests to hubs run on threads of their own.
   */
  public void maintain() {
    Instant now = clock.instant();
    Map<String, FeedSpec> configured = new HashMap<>();
    host.feeds().forEach(f -> configured.put(f.key(), f));
    for (Map.Entry<String, FeedState> e : host.states().entrySet()) {
      String key = e.getKey();
      FeedState s = e.getValue();
      FeedSpec feed = configured.get(key);
      if (inProgress.contains(key)) {
        continue;
      }
      String status = s.getWebsubStatus();
      boolean subscribed = WebSubState.ACTIVE.equals(status) || WebSubState.REQUESTED.equals(status);
      String topic = s.getSelfUrl() != null ? s.getSelfUrl() : key;
      if (feed == null || s.getHub() == null) {
        if (subscribed && due(key, now, RETRY)) {
          submit(key, () -> unsubscribe(key, s));
        }
        continue;
      }
      boolean sameSubscription = s.getHub().equals(s.getWebsubHub()) && topic.equals(s.getWebsubTopic())
          && s.getWebsubCallback() != null && s.getWebsubCallback().startsWith(publicBase + PATH);
      if (!sameSubscription || status == null) {
        if (status == null || due(key, now, VERIFY_WAIT)) {
          submit(key, () -> subscribe(feed, s, topic, false));
        }
      } else if (WebSubState.ACTIVE.equals(status)) {
        Instant expires = s.getWebsubLeaseExpires();
        if (expires == null || !now.isBefore(expires.minus(renewalMargin(key)))) {
          if (due(key, now, VERIFY_WAIT)) {
            submit(key, () -> subscribe(feed, s, topic, true));
          }
        }
      } else if (WebSubState.REQUESTED.equals(status)) {
        if (s.getWebsubLeaseExpires() != null && now.isAfter(s.getWebsubLeaseExpires()) && due(key, now, VERIFY_WAIT)) {
          submit(key, () -> subscribe(feed, s, topic, false)); // never verified: ask again
        }
      } else if (s.getWebsubLeaseExpires() == null || now.isAfter(s.getWebsubLeaseExpires())) {
        submit(key, () -> subscribe(feed, s, topic, false)); // DENIED or FAILED, and the wait is over
      }
    }
  }

  /**
   * A lease is renewed when what is left of it is under a tenth of the lease asked for, an hour at most, or under
   * half the lease the hub granted when that is shorter.
   */
  private Duration renewalMargin(String key) {
    Duration margin = lease.dividedBy(10);
    margin = margin.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : margin;
    Duration half = granted.getOrDefault(key, lease).dividedBy(2);
    return half.compareTo(margin) < 0 ? half : margin;
  }

  private boolean due(String key, Instant now, Duration wait) {
    Instant last = requested.get(key);
    return last == null || !now.isBefore(last.plus(wait));
  }

  private void submit(String key, Runnable request) {
    if (!inProgress.add(key)) {
      return;
    }
    requested.put(key, clock.instant());
    requests.submit(() -> {
      try {
        request.run();
      } catch (RuntimeException e) {
        LOG.error("WebSub request for feed {} crashed: {}", key, e.toString());
      } finally {
        inProgress.remove(key);
      }
    });
  }

  private void subscribe(FeedSpec feed, FeedState s, String topic, boolean renewal) {
    String key = feed.key();
    String hub = s.getHub();
    String callback = renewal ? s.getWebsubCallback() : publicBase + PATH + HexFormat.of().formatHex(random(16));
    String secret = renewal ? s.getWebsubSecret() : HexFormat.of().formatHex(random(32));
    if (!renewal) {
      if (WebSubState.ACTIVE.equals(s.getWebsubStatus()) && s.getWebsubHub() != null) {
        unsubscribe(key, s); // the feed moved to another hub or topic, or the public URL changed
      }
      // durable before the hub is asked, so that its verification (which may come at once) finds it
      host.updateState(key, st -> {
        st.setWebsubHub(hub);
        st.setWebsubTopic(topic);
        st.setWebsubCallback(callback);
        st.setWebsubSecret(secret);
        st.setWebsubStatus(WebSubState.REQUESTED);
        st.setWebsubLeaseExpires(clock.instant().plus(VERIFY_WAIT));
      });
    }
    try {
      hubs.request(feed.url(), hub, "subscribe", topic, callback, secret, lease);
      LOG.info("feed {}: {} WebSub subscription at hub {} (topic {})", key, renewal ? "renewing its" : "asked for a",
          hub, topic);
    } catch (IngestFailure e) {
      LOG.warn("feed {}: WebSub hub {} refused or unreachable, polling continues: {}", key, hub, e.getMessage());
      if (!renewal) {
        host.updateState(key, st -> {
          st.setWebsubStatus(WebSubState.FAILED);
          st.setWebsubLeaseExpires(clock.instant().plus(RETRY));
        });
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void unsubscribe(String key, FeedState s) {
    String hub = s.getWebsubHub();
    String callback = s.getWebsubCallback();
    if (hub == null || callback == null) {
      return;
    }
    host.updateState(key, st -> st.setWebsubStatus(WebSubState.UNSUBSCRIBING));
    try {
      hubs.request(URI.create(key), hub, "unsubscribe", s.getWebsubTopic(), callback, null, null);
      LOG.info("feed {}: asked hub {} to end its WebSub subscription", key, hub);
    } catch (IngestFailure e) {
      LOG.warn("feed {}: unsubscribing at hub {} failed (the lease will end by itself): {}", key, hub, e.getMessage());
      host.updateState(key, WebSubState::clear);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IllegalArgumentException e) {
      host.updateState(key, WebSubState::clear);
    }
  }

  private static byte[] random(int bytes) {
    byte[] b = new byte[bytes];
    RANDOM.nextBytes(b);
    return b;
  }

  @Override
  public void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String id = ex.getRequestURI().getPath().substring(PATH.length());
      Map.Entry<String, FeedState> sub = id.matches("[0-9a-f]{32}") ? byCallback(id) : null;
      switch (ex.getRequestMethod()) {
        case "GET" -> verify(ex, sub);
        case "POST" -> receive(ex, sub);
        default -> ex.sendResponseHeaders(405, -1);
      }
    }
  }

  private Map.Entry<String, FeedState> byCallback(String id) {
    String callback = PATH + id;
    for (Map.Entry<String, FeedState> e : host.states().entrySet()) {
      String c = e.getValue().getWebsubCallback();
      if (c != null && c.endsWith(callback)) {
        return e;
      }
    }
    return null;
  }

  /** The hub's verification of intent (or its denial): echo the challenge only for what we asked. */
  private void verify(HttpExchange ex, Map.Entry<String, FeedState> sub) throws IOException {
    Map<String, String> q = query(ex.getRequestURI().getRawQuery());
    String mode = q.getOrDefault("hub.mode", "");
    String challenge = q.get("hub.challenge");
    if (sub == null) {
      LOG.warn("WebSub verification for an unknown callback {} refused", ex.getRequestURI().getPath());
      ex.sendResponseHeaders(404, -1);
      return;
    }
    String key = sub.getKey();
    FeedState s = sub.getValue();
    String status = s.getWebsubStatus();
    boolean topicMatches = q.getOrDefault("hub.topic", "").equals(s.getWebsubTopic());
    if (mode.equals("denied")) {
      LOG.warn("feed {}: hub {} denied the WebSub subscription: {}", key, s.getWebsubHub(), q.get("hub.reason"));
      host.updateState(key, st -> {
        st.setWebsubStatus(WebSubState.DENIED);
        st.setWebsubLeaseExpires(clock.instant().plus(RETRY));
      });
      ex.sendResponseHeaders(200, -1);
      return;
    }
    boolean asked = mode.equals("subscribe")
        && (WebSubState.REQUESTED.equals(status) || WebSubState.ACTIVE.equals(status))
        || mode.equals("unsubscribe") && WebSubState.UNSUBSCRIBING.equals(status);
    if (!asked || !topicMatches || challenge == null || challenge.length() > 1024) {
      LOG.warn("feed {}: WebSub verification refused (mode {}, topic {}, our status {})", key, mode,
          q.get("hub.topic"), status);
      ex.sendResponseHeaders(404, -1);
      return;
    }
    if (mode.equals("subscribe")) {
      long seconds = parseSeconds(q.get("hub.lease_seconds"), lease.toSeconds());
      Instant expires = clock.instant().plusSeconds(seconds);
      host.updateState(key, st -> {
        st.setWebsubStatus(WebSubState.ACTIVE);
        st.setWebsubLeaseExpires(expires);
      });
      granted.put(key, Duration.ofSeconds(seconds));
      requested.remove(key); // answered: the renewal is due when the lease says so
      LOG.info("feed {}: WebSub subscription active at hub {}, lease until {}", key, s.getWebsubHub(), expires);
    } else {
      host.updateState(key, WebSubState::clear);
      LOG.info("feed {}: WebSub subscription ended at hub {}", key, s.getWebsubHub());
    }
    byte[] body = challenge.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    ex.sendResponseHeaders(200, body.length);
    ex.getResponseBody().write(body);
  }

  /** A content distribution: signature and size first, then the poll's path. */
  private void receive(HttpExchange ex, Map.Entry<String, FeedState> sub) throws IOException {
    if (sub == null || !WebSubState.ACTIVE.equals(sub.getValue().getWebsubStatus())) {
      count("unknown_subscription");
      ex.sendResponseHeaders(404, -1);
      return;
    }
    String key = sub.getKey();
    long declared = parseSeconds(ex.getRequestHeaders().getFirst("Content-Length"), -1);
    byte[] body = declared > maxBodyBytes ? null : readLimited(ex.getRequestBody(), maxBodyBytes);
    if (body == null) {
      count("too_large");
      LOG.warn("feed {}: pushed content over {} bytes refused", key, maxBodyBytes);
      ex.sendResponseHeaders(413, -1);
      return;
    }
    WebSubSignature.Verdict verdict =
        WebSubSignature.verify(ex.getRequestHeaders().getFirst("X-Hub-Signature"), sub.getValue().getWebsubSecret(), body);
    if (verdict != WebSubSignature.Verdict.VALID) {
      count(verdict == WebSubSignature.Verdict.MISSING ? "unsigned" : "bad_signature");
      LOG.warn("feed {}: pushed content refused, signature {}", key, verdict.name().toLowerCase(Locale.ROOT));
      ex.sendResponseHeaders(403, -1);
      return;
    }
    try {
      host.push(key, body, ex.getRequestHeaders().getFirst("Content-Type"));
    } catch (IngestFailure e) {
      count("unreadable");
      LOG.warn("feed {}: pushed content unreadable: {}", key, e.getMessage());
      ex.sendResponseHeaders(400, -1);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      ex.sendResponseHeaders(503, -1);
      return;
    }
    count("accepted");
    ex.sendResponseHeaders(202, -1);
  }

  private static void count(String outcome) {
    OpsMetrics.counter(OpsMetrics.INGEST_WEBSUB_PUSHES, "outcome", outcome).increment();
  }

  private static byte[] readLimited(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[16 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > limit) {
        return null;
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  private static long parseSeconds(String v, long otherwise) {
    try {
      return v == null ? otherwise : Math.max(0, Long.parseLong(v.trim()));
    } catch (NumberFormatException e) {
      return otherwise;
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new HashMap<>();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(k, v);
    }
    return out;
  }

  /** Stops the threads that talk to hubs. */
  public void close() {
    requests.shutdownNow();
  }
}
