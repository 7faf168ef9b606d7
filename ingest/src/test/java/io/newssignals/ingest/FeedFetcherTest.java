package io.newssignals.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newssignals.ingest.fetch.ConditionalGetState;
import io.newssignals.ingest.fetch.FeedFetcher;
import io.newssignals.ingest.fetch.FetchResult;
import io.newssignals.ingest.fetch.RedirectGuard;
import io.newssignals.schema.IngestErrorKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FeedFetcherTest {
  private TestFeedServer server;
  private final IngestConfig config = IngestConfig.builder().maxBodyBytes(64 * 1024)
      .readTimeout(Duration.ofMillis(800)).connectTimeout(Duration.ofSeconds(2)).build();
  private final FeedFetcher fetcher = new FeedFetcher(config);

  @BeforeEach
  void start() throws IOException {
    server = new TestFeedServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static IngestErrorKind kindOf(Throwable t) {
    return ((IngestFailure) t).kind();
  }

  @Test
  void shouldSendValidatorsAndTreat304AsNotModified() throws Exception {
    byte[] body = Fixtures.bytes("rss_2.0-basic.xml");
    server.serveWithEtag("/feed", body, "\"v1\"");

    FetchResult first = fetcher.fetch(server.uri("/feed"), ConditionalGetState.NONE);
    FetchResult second = fetcher.fetch(server.uri("/feed"), new ConditionalGetState(first.etag(), first.lastModified()));

    assertThat(first.notModified()).isFalse();
    assertThat(first.body()).isEqualTo(body);
    assertThat(first.etag()).isEqualTo("\"v1\"");
    assertThat(second.notModified()).isTrue();
    assertThat(second.body()).isEmpty();
    assertThat(server.requests.get(1).ifNoneMatch()).isEqualTo("\"v1\"");
    assertThat(server.requests.get(1).ifModifiedSince()).isEqualTo("Mon, 06 Jan 2025 10:00:00 GMT");
    assertThat(server.requests.get(0).userAgent()).isEqualTo(IngestConfig.DEFAULT_USER_AGENT);
    assertThat(server.requests.get(0).acceptEncoding()).contains("gzip");
  }

  @Test
  void shouldReportRateLimitingWithTheRetryAfterDelay() {
    server.on("/busy", ex -> {
      ex.getResponseHeaders().add("Retry-After", "120");
      ex.sendResponseHeaders(429, -1);
    });

    assertThatThrownBy(() -> fetcher.fetch(server.uri("/busy"), ConditionalGetState.NONE))
        .isInstanceOfSatisfying(IngestFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(IngestErrorKind.RATE_LIMITED);
          assertThat(f.httpStatus()).isEqualTo(429);
          assertThat(f.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        });
  }

  @Test
  void shouldParseRetryAfterAsAnHttpDate() {
    Instant now = Instant.parse("2025-01-06T10:00:00Z");

    assertThat(FeedFetcher.retryAfter("Mon, 06 Jan 2025 10:05:00 GMT", now)).contains(Duration.ofMinutes(5));
    assertThat(FeedFetcher.retryAfter("soon", now)).isEmpty();
  }

  @Test
  void shouldRefuseABodyLargerThanTheLimitAnnouncedByContentLength() {
    byte[] big = new byte[200 * 1024];
    server.on("/big", ex -> TestFeedServer.send(ex, 200, "application/xml", big));

    assertThatThrownBy(() -> fetcher.fetch(server.uri("/big"), ConditionalGetState.NONE))
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(IngestErrorKind.TOO_LARGE));
  }

  @Test
  void shouldStopReadingAStreamedBodyOnceItPassesTheLimit() {
    server.on("/endless", ex -> {
      ex.sendResponseHeaders(200, 0); // chunked, no Content-Length
      byte[] chunk = new byte[8 * 1024];
      Arrays.fill(chunk, (byte) 'x');
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i < 10_000; i++) { // 80 MB if nobody stops reading
          out.write(chunk);
        }
      }
    });

    assertThatThrownBy(() -> fetcher.fetch(server.uri("/endless"), ConditionalGetState.NONE))
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(IngestErrorKind.TOO_LARGE));
  }

  @Test
  void shouldRefuseAGzipBombBeyondTheLimit() throws IOException {
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(new byte[1024 * 1024]);
    }
    byte[] body = zipped.toByteArray();
    server.on("/bomb", ex -> {
      ex.getResponseHeaders().add("Content-Encoding", "gzip");
      TestFeedServer.send(ex, 200, "application/xml", body);
    });

    assertThatThrownBy(() -> fetcher.fetch(server.uri("/bomb"), ConditionalGetState.NONE))
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(IngestErrorKind.TOO_LARGE));
  }

  @Test
  void shouldDecompressGzip() throws Exception {
    byte[] feed = Fixtures.bytes("atom_1.0-basic.xml");
    ByteArrayOutputStream zipped = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
      gz.write(feed);
    }
    server.on("/gz", ex -> {
      ex.getResponseHeaders().add("Content-Encoding", "gzip");
      TestFeedServer.send(ex, 200, "application/atom+xml", zipped.toByteArray());
    });

    assertThat(fetcher.fetch(server.uri("/gz"), ConditionalGetState.NONE).body()).isEqualTo(feed);
  }

  @Test
  void shouldTimeOutASlowServer() {
    server.on("/slow", ex -> {
      try {
        Thread.sleep(3_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      TestFeedServer.send(ex, 200, "application/xml", new byte[10]);
    });

    assertThatThrownBy(() -> fetcher.fetch(server.uri("/slow"), ConditionalGetState.NONE))
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(IngestErrorKind.TIMEOUT));
  }

  @Test
  void shouldTimeOutABodyThatTricklesForever() {
    server.on("/trickle", ex -> {
      ex.sendResponseHeaders(200, 0);
      try (OutputStream out = ex.getResponseBody()) {
        for (int i = 0; i < 100; i++) {
          out.write('x');
          out.flush();
          Thread.sleep(100);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    });

    assertThatThrownBy(() -> fetcher.fetch(server.uri("/trickle"), ConditionalGetState.NONE))
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(IngestErrorKind.TIMEOUT));
  }

  @Test
  void shouldFollowRedirectsUpToFive() throws Exception {
    byte[] body = Fixtures.bytes("rss_2.0-basic.xml");
    for (int i = 0; i < 5; i++) {
      String next = "/r" + (i + 1);
      server.on("/r" + i, ex -> {
        ex.getResponseHeaders().add("Location", next);
        ex.sendResponseHeaders(301, -1);
      });
    }
    server.on("/r5", ex -> TestFeedServer.send(ex, 200, "application/rss+xml", body));

    FetchResult result = fetcher.fetch(server.uri("/r0"), ConditionalGetState.NONE);

    assertThat(result.body()).isEqualTo(body);
    assertThat(result.finalUri()).isEqualTo(server.uri("/r5"));
  }

  @Test
  void shouldGiveUpAfterFiveRedirects() {
    server.on("/loop", ex -> {
      ex.getResponseHeaders().add("Location", "/loop");
      ex.sendResponseHeaders(302, -1);
    });

    assertThatThrownBy(() -> fetcher.fetch(server.uri("/loop"), ConditionalGetState.NONE))
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(IngestErrorKind.TOO_MANY_REDIRECTS));
    assertThat(server.count("/loop")).isEqualTo(6);
  }

  @Test
  void shouldRefuseARedirectToAFileUrl() {
    server.on("/evil", ex -> {
      ex.getResponseHeaders().add("Location", "file:///etc/passwd");
      ex.sendResponseHeaders(302, -1);
    });

    assertThatThrownBy(() -> fetcher.fetch(server.uri("/evil"), ConditionalGetState.NONE))
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(IngestErrorKind.UNSUPPORTED_SCHEME));
  }

  /**
   * A fetcher that takes the test server's address (127.0.0.1) for a public one, as if the feed were on the
   * internet, and resolves every other name for real ("localhost" stays loopback).
   */
  private static FeedFetcher fetcherSeeingTheServerAsPublic(IngestConfig config) {
    RedirectGuard.Resolver resolver = host -> host.equals("127.0.0.1")
        ? new InetAddress[] {InetAddress.getByName("93.184.216.34")}
        : InetAddress.getAllByName(host);
    return new FeedFetcher(config, new RedirectGuard(config.allowPrivateRedirects(), resolver));
  }

  @Test
  void shouldRefuseARedirectFromAPublicAddressToCloudMetadataWithoutFollowingIt() {
    server.on("/moved", ex -> {
      ex.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
      ex.sendResponseHeaders(302, -1);
    });

    assertThatThrownBy(() -> fetcherSeeingTheServerAsPublic(config).fetch(server.uri("/moved"), ConditionalGetState.NONE))
        .isInstanceOfSatisfying(IngestFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(IngestErrorKind.OTHER);
          assertThat(f.getMessage()).contains("redirect refused", "169.254.169.254", IngestConfig.ALLOW_PRIVATE_REDIRECTS_ENV);
        });
  }

  @Test
  void shouldRefuseARedirectFromAPublicAddressToLoopback() {
    server.serveWithEtag("/internal", Fixtures.bytes("rss_2.0-basic.xml"), "\"v1\"");
    server.on("/moved", ex -> {
      ex.getResponseHeaders().add("Location", "http://localhost:" + server.uri("/").getPort() + "/internal");
      ex.sendResponseHeaders(301, -1);
    });

    assertThatThrownBy(() -> fetcherSeeingTheServerAsPublic(config).fetch(server.uri("/moved"), ConditionalGetState.NONE))
        .hasMessageContaining("loopback");
    assertThat(server.count("/internal")).as("the private target is never requested").isZero();
  }

  @Test
  void shouldFollowARedirectFromAPublicAddressToLoopbackWhenTheOperatorAllowsIt() throws Exception {
    byte[] body = Fixtures.bytes("rss_2.0-basic.xml");
    server.serveWithEtag("/internal", body, "\"v1\"");
    server.on("/moved", ex -> {
      ex.getResponseHeaders().add("Location", "http://localhost:" + server.uri("/").getPort() + "/internal");
      ex.sendResponseHeaders(301, -1);
    });
    IngestConfig allowing = config.toBuilder().allowPrivateRedirects(true).build();

    FetchResult result = fetcherSeeingTheServerAsPublic(allowing).fetch(server.uri("/moved"), ConditionalGetState.NONE);

    assertThat(result.body()).isEqualTo(body);
  }

  @Test
  void shouldFollowARedirectFromLoopbackToAnotherLoopbackName() throws Exception {
    byte[] body = Fixtures.bytes("rss_2.0-basic.xml");
    server.serveWithEtag("/internal", body, "\"v1\"");
    server.on("/moved", ex -> {
      ex.getResponseHeaders().add("Location", "http://localhost:" + server.uri("/").getPort() + "/internal");
      ex.sendResponseHeaders(301, -1);
    });

    assertThat(fetcher.fetch(server.uri("/moved"), ConditionalGetState.NONE).body()).isEqualTo(body);
  }

  @Test
  void shouldReportHttpErrorsWithTheirStatus() {
    assertThatThrownBy(() -> fetcher.fetch(server.uri("/missing"), ConditionalGetState.NONE))
        .isInstanceOfSatisfying(IngestFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(IngestErrorKind.HTTP_STATUS);
          assertThat(f.httpStatus()).isEqualTo(404);
        });
  }

  @Test
  void shouldReportAConnectionRefused() throws IOException {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    assertThatThrownBy(() -> fetcher.fetch(URI.create("http://127.0.0.1:" + port + "/"), ConditionalGetState.NONE))
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(IngestErrorKind.CONNECT));
  }

  @Test
  void shouldReportAHostThatDoesNotResolve() {
    // .invalid is reserved (RFC 6761): no resolver may answer it
    assertThatThrownBy(() -> fetcher.fetch(URI.create("http://no-such-host.invalid/feed.xml"), ConditionalGetState.NONE))
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(IngestErrorKind.DNS));
  }

  @Test
  void shouldRefuseFileUrlsUnlessAllowed() {
    URI file = URI.create("file:///etc/hostname");

    assertThatThrownBy(() -> fetcher.fetch(file, ConditionalGetState.NONE))
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(IngestErrorKind.UNSUPPORTED_SCHEME));
    assertThatThrownBy(() -> fetcher.fetch(URI.create("ftp://example.com/feed"), ConditionalGetState.NONE))
        .satisfies(t -> assertThat(kindOf(t)).isEqualTo(IngestErrorKind.UNSUPPORTED_SCHEME));
  }

  @Test
  void shouldOnlyReachBundledSamplesThroughTheClasspathScheme() throws Exception {
    assertThat(fetcher.fetch(URI.create("classpath:samples/wire-desk.rss.xml"), ConditionalGetState.NONE).body()).isNotEmpty();
    assertThatThrownBy(() -> fetcher.fetch(URI.create("classpath:io/newssignals/ingest/IngestConfig.class"),
        ConditionalGetState.NONE)).satisfies(t -> assertThat(kindOf(t)).isEqualTo(IngestErrorKind.UNSUPPORTED_SCHEME));
  }
}
