package io.newssignals.ingest.fetch;

import io.newssignals.ingest.FeedsConfig;
import io.newssignals.ingest.IngestConfig;
import io.newssignals.ingest.IngestFailure;
import io.newssignals.schema.IngestErrorKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLException;

/**
 * Fetches feed bodies politely: conditional GET (ETag / Last-Modified), gzip and deflate, at most
 * {@value #MAX_REDIRECTS} redirects (http and https only, and from a public address only to public addresses:
 * {@link RedirectGuard}), a per-host concurrency limit, connect and whole-response
 * timeouts, and a maximum body size enforced while the bytes stream in (and again after decompression). Every
 * failure is an {@link IngestFailure} with its {@link IngestErrorKind}.
 *
 * <p>{@code file:} URLs are read when the configuration allows that scheme; {@code classpath:} URLs only reach the
 * bundled samples (the feeds file never accepts that scheme).
 */
public final class FeedFetcher {
  public static final int MAX_REDIRECTS = 5;
  private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
  private static final Pattern MAX_AGE = Pattern.compile("(?:^|[,\\s])(s-maxage|max-age)\\s*=\\s*\"?(\\d+)");

  private final HttpClient client;
  private final long maxBodyBytes;
  private final Duration readTimeout;
  private final String userAgent;
  private final int perHostConcurrency;
  private final Set<String> allowedSchemes;
  private final RedirectGuard redirectGuard;
  private final Map<String, Semaphore> hostPermits = new ConcurrentHashMap<>();

  public FeedFetcher(IngestConfig config) {
    this(config, RedirectGuard.of(config));
  }

  /** A fetcher whose redirects are judged by {@code redirectGuard} (tests give it their own resolver). */
  public FeedFetcher(IngestConfig config, RedirectGuard redirectGuard) {
    this.redirectGuard = redirectGuard;
    this.client = HttpClient.newBuilder()
        .connectTimeout(config.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.maxBodyBytes = config.maxBodyBytes();
    this.readTimeout = config.readTimeout();
    this.userAgent = config.userAgent();
    this.perHostConcurrency = config.perHostConcurrency();
    this.allowedSchemes = config.allowedSchemes();
  }

  /**
   * Fetches {@code uri}, sending the validators of {@code previous}.
   *
   * @throws IngestFailure when the feed cannot be fetched (the kind says why)
   * @throws InterruptedException when the calling thread is interrupted (shutdown)
   */
  public FetchResult fetch(URI uri, ConditionalGetState previous) throws IngestFailure, InterruptedException {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "http", "https":
        if (!allowedSchemes.contains(scheme)) {
          throw new IngestFailure(IngestErrorKind.UNSUPPORTED_SCHEME, "scheme " + scheme + " is not allowed");
        }
        return fetchHttp(uri, previous);
      case "file":
        if (!allowedSchemes.contains("file")) {
          throw new IngestFailure(IngestErrorKind.UNSUPPORTED_SCHEME,
              "file: URLs are not allowed (add file to " + IngestConfig.ALLOWED_SCHEMES_ENV + ")");
        }
        return readFile(uri);
      case FeedsConfig.CLASSPATH_SCHEME:
        return readBundled(uri);
      default:
        throw new IngestFailure(IngestErrorKind.UNSUPPORTED_SCHEME, "unsupported URL scheme '" + scheme + "'");
    }
  }

  private FetchResult readFile(URI uri) throws IngestFailure {
    Path path = Path.of(uri);
    try (InputStream in = Files.newInputStream(path)) {
      return new FetchResult(false, readLimited(in, maxBodyBytes), null, null, null, null, uri);
    } catch (NoSuchFileException e) {
      throw new IngestFailure(IngestErrorKind.OTHER, "no such file " + path, e);
    } catch (IOException e) {
      throw new IngestFailure(IngestErrorKind.OTHER, "cannot read " + path + ": " + e.getMessage(), e);
    }
  }

  private FetchResult readBundled(URI uri) throws IngestFailure {
    String path = uri.getSchemeSpecificPart();
    if (!path.startsWith(FeedsConfig.SAMPLES_DIR) || path.contains("..")) {
      throw new IngestFailure(IngestErrorKind.UNSUPPORTED_SCHEME, "classpath: URLs only reach the bundled samples");
    }
    try (InputStream in = FeedFetcher.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IngestFailure(IngestErrorKind.OTHER, "no bundled feed " + path);
      }
      return new FetchResult(false, readLimited(in, maxBodyBytes), null, null, null, null, uri);
    } catch (IOException e) {
      throw new IngestFailure(IngestErrorKind.OTHER, "cannot read bundled feed " + path + ": " + e.getMessage(), e);
    }
  }

  private FetchResult fetchHttp(URI start, ConditionalGetState previous) throws IngestFailure, InterruptedException {
    URI uri = start;
    for (int hop = 0; ; hop++) {
      HttpResponse<byte[]> response = send(uri, previous);
      int status = response.statusCode();
      HttpHeaders h = response.headers();
      if (REDIRECTS.contains(status)) {
        if (hop >= MAX_REDIRECTS) {
          throw new IngestFailure(IngestErrorKind.TOO_MANY_REDIRECTS, status, null,
              "more than " + MAX_REDIRECTS + " redirects (last to " + uri + ")", null);
        }
        String location = h.firstValue("Location").orElseThrow(() -> new IngestFailure(IngestErrorKind.HTTP_STATUS,
            status, null, "redirect " + status + " without Location", null));
        URI next;
        try {
          next = uri.resolve(location.trim());
        } catch (IllegalArgumentException e) {
          throw new IngestFailure(IngestErrorKind.HTTP_STATUS, status, null, "bad redirect Location '" + location + "'", e);
        }
        String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || !allowedSchemes.contains(scheme)) {
          throw new IngestFailure(IngestErrorKind.UNSUPPORTED_SCHEME, status, null, "redirect to a " + scheme
              + ": URL refused: " + next, null);
        }
        redirectGuard.check(uri, next, status);
        uri = next;
        continue;
      }
      Duration maxAge = maxAge(h).orElse(null);
      if (status == 304) {
        return new FetchResult(true, new byte[0], null, h.firstValue("ETag").orElse(previous.etag()),
            h.firstValue("Last-Modified").orElse(previous.lastModified()), maxAge, uri, h.allValues("Link"));
      }
      if (status == 429 || (status == 503 && h.firstValue("Retry-After").isPresent())) {
        Duration retry = retryAfter(h.firstValue("Retry-After").orElse(null), Instant.now()).orElse(null);
        throw new IngestFailure(IngestErrorKind.RATE_LIMITED, status, retry,
            "HTTP " + status + (retry == null ? "" : ", Retry-After " + retry.toSeconds() + "s"), null);
      }
      if (status < 200 || status >= 300) {
        throw new IngestFailure(IngestErrorKind.HTTP_STATUS, status, null, "HTTP " + status, null);
      }
      byte[] body = decode(h.firstValue("Content-Encoding").orElse(""), response.body());
      return new FetchResult(false, body, h.firstValue("Content-Type").orElse(null), h.firstValue("ETag").orElse(null),
          h.firstValue("Last-Modified").orElse(null), maxAge, uri, h.allValues("Link"));
    }
  }

  private HttpResponse<byte[]> send(URI uri, ConditionalGetState previous) throws IngestFailure, InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(uri)
        .GET()
        .timeout(readTimeout)
        .header("User-Agent", userAgent)
        .header("Accept", "application/rss+xml, application/atom+xml, application/rdf+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
        .header("Accept-Encoding", "gzip, deflate");
    if ("http".equalsIgnoreCase(uri.getScheme())) {
      // no h2c upgrade dance on clear text: some feed servers answer it wrongly
      req.version(HttpClient.Version.HTTP_1_1);
    }
    if (previous.etag() != null) {
      req.header("If-None-Match", previous.etag());
    }
    if (previous.lastModified() != null) {
      req.header("If-Modified-Since", previous.lastModified());
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT) + ":" + uri.getPort();
    Semaphore permits = hostPermits.computeIfAbsent(host, k -> new Semaphore(perHostConcurrency, true));
    permits.acquire();
    CompletableFuture<HttpResponse<byte[]>> future = null;
    try {
      future = client.sendAsync(req.build(), this::bodyHandler);
      // HttpRequest.timeout only covers the headers; this bounds the whole response including a trickling body
      return future.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new IngestFailure(IngestErrorKind.TIMEOUT, "no complete response within " + readTimeout.toSeconds() + "s", e);
    } catch (ExecutionException e) {
      throw classify(e.getCause() == null ? e : e.getCause(), uri);
    } catch (InterruptedException e) {
      if (future != null) {
        future.cancel(true);
      }
      throw e;
    } catch (IllegalArgumentException e) {
      throw new IngestFailure(IngestErrorKind.OTHER, "cannot request " + uri + ": " + e.getMessage(), e);
    } finally {
      permits.release();
    }
  }

  private HttpResponse.BodySubscriber<byte[]> bodyHandler(HttpResponse.ResponseInfo info) {
    int status = info.statusCode();
    if (status < 200 || status >= 300) {
      return HttpResponse.BodySubscribers.replacing(new byte[0]);
    }
    long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
    return new LimitedBodySubscriber(maxBodyBytes, declared);
  }

  private static IngestFailure classify(Throwable t, URI uri) {
    if (t instanceof TooLargeException) {
      return new IngestFailure(IngestErrorKind.TOO_LARGE, t.getMessage(), t);
    }
    if (t instanceof HttpConnectTimeoutException) {
      return new IngestFailure(IngestErrorKind.TIMEOUT, "connect timed out to " + uri.getHost(), t);
    }
    if (t instanceof HttpTimeoutException) {
      return new IngestFailure(IngestErrorKind.TIMEOUT, "response timed out", t);
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof UnresolvedAddressException || c instanceof UnknownHostException) {
        return new IngestFailure(IngestErrorKind.DNS, "cannot resolve host " + uri.getHost(), t);
      }
    }
    if (t instanceof ConnectException) {
      return new IngestFailure(IngestErrorKind.CONNECT, "cannot connect to " + uri.getHost()
          + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + (t.getMessage() == null ? "" : ": " + t.getMessage()), t);
    }
    if (t instanceof SSLException) {
      return new IngestFailure(IngestErrorKind.CONNECT, "TLS failure with " + uri.getHost() + ": " + t.getMessage(), t);
    }
    return new IngestFailure(IngestErrorKind.OTHER, t.getClass().getSimpleName()
        + (t.getMessage() == null ? "" : ": " + t.getMessage()), t);
  }

  private byte[] decode(String contentEncoding, byte[] body) throws IngestFailure {
    String enc = contentEncoding.trim().toLowerCase(Locale.ROOT);
    try {
      switch (enc) {
        case "", "identity":
          return body;
        case "gzip", "x-gzip":
          return readLimited(new GZIPInputStream(new ByteArrayInputStream(body)), maxBodyBytes);
        case "deflate":
          // RFC 9110 deflate is zlib-wrapped, but many servers send raw deflate
          try {
            return readLimited(new InflaterInputStream(new ByteArrayInputStream(body)), maxBodyBytes);
          } catch (java.util.zip.ZipException e) {
            return readLimited(new InflaterInputStream(new ByteArrayInputStream(body), new Inflater(true)), maxBodyBytes);
          }
        default:
          throw new IngestFailure(IngestErrorKind.OTHER, "unsupported Content-Encoding '" + contentEncoding + "'");
      }
    } catch (TooLargeException e) {
      throw new IngestFailure(IngestErrorKind.TOO_LARGE, e.getMessage() + " after decompression", e);
    } catch (IOException e) {
      throw new IngestFailure(IngestErrorKind.MALFORMED, "corrupt " + enc + " body: " + e.getMessage(), e);
    }
  }

  /** Reads at most {@code limit} bytes, failing with {@link TooLargeException} beyond that. */
  static byte[] readLimited(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[16 * 1024];
    long total = 0;
    int n;
    while ((n = in.read(buf)) > 0) {
      total += n;
      if (total > limit) {
        throw new TooLargeException("body larger than " + limit + " bytes");
      }
      out.write(buf, 0, n);
    }
    return out.toByteArray();
  }

  /** Cache-Control max-age (or s-maxage) of a response, if any. */
  static Optional<Duration> maxAge(HttpHeaders h) {
    for (String v : h.allValues("Cache-Control")) {
      Matcher m = MAX_AGE.matcher(v.toLowerCase(Locale.ROOT));
      if (m.find()) {
        try {
          return Optional.of(Duration.ofSeconds(Long.parseLong(m.group(2))));
        } catch (NumberFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /** Retry-After as delta-seconds or an HTTP date, relative to {@code now}; never negative. */
  public static Optional<Duration> retryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    if (v.matches("\\d+")) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration d = Duration.between(now, at);
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** Body too large. */
  static final class TooLargeException extends IOException {
    TooLargeException(String message) {
      super(message);
    }
  }

  /** Collects the body, cancelling the stream as soon as it passes the limit (or when Content-Length already does). */
  private static final class LimitedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
    private final long limit;
    private final long declared;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private Flow.Subscription subscription;
    private long received;

    LimitedBodySubscriber(long limit, long declared) {
      this.limit = limit;
      this.declared = declared;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      this.subscription = s;
      if (declared > limit) {
        s.cancel();
        result.completeExceptionally(new TooLargeException("Content-Length " + declared + " exceeds limit of " + limit + " bytes"));
        return;
      }
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (result.isDone()) {
        return;
      }
      for (ByteBuffer b : items) {
        received += b.remaining();
        if (received > limit) {
          subscription.cancel();
          result.completeExceptionally(new TooLargeException("body larger than " + limit + " bytes"));
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
      result.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
      return result;
    }
  }
}
