package io.newssignals.alerts.webhooks;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * One HTTP attempt of a delivery: POST with the Standard Webhooks headers, a fresh {@code webhook-timestamp} and
 * signature each time, redirects never followed.
 */
final class WebhookSender {
  private final HttpClient client;
  private final Duration timeout;
  private final Clock clock;

  WebhookSender(Duration timeout, Clock clock) {
    this.timeout = timeout;
    this.clock = clock;
    this.client = HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(timeout)
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  /**
   * Result of one attempt.
   *
   * @param status HTTP status, or -1 when there was no response
   * @param retryAfter the response's Retry-After, or null
   * @param error what went wrong without a response (timeout, connection refused), or null
   */
  record Attempt(int status, Duration retryAfter, String error) {
    boolean succeeded() {
      return status >= 200 && status < 300;
    }

    boolean gone() {
      return status == 410;
    }

    /** 429, 5xx, 408, timeouts and connection failures are worth retrying; other 3xx/4xx are not. */
    boolean retryable() {
      return status < 0 || status == 408 || status == 429 || status >= 500;
    }

    String describe() {
      return status < 0 ? error : "HTTP " + status;
    }
  }

  Attempt send(WebhookSubscription sub, List<byte[]> keys, WebhookDelivery d) throws InterruptedException {
    long ts = clock.instant().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(sub.url())
        .timeout(timeout)
        .header("content-type", "application/json")
        .header("user-agent", "news-signals-webhooks/1")
        .header("webhook-id", d.webhookId())
        .header("webhook-timestamp", Long.toString(ts))
        .header("webhook-signature", WebhookSignature.header(keys, d.webhookId(), ts, d.body()))
        .POST(HttpRequest.BodyPublishers.ofByteArray(d.body()))
        .build();
    try {
      HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
      return new Attempt(r.statusCode(), r.headers().firstValue("retry-after").map(this::retryAfter).orElse(null),
          null);
    } catch (HttpTimeoutException e) {
      return new Attempt(-1, null, "timeout after " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return new Attempt(-1, null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  /** Seconds or an HTTP date; unparseable values are ignored. */
  Duration retryAfter(String value) {
    String v = value.trim();
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
    } catch (NumberFormatException e) {
      try {
        Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration d = Duration.between(clock.instant(), at);
        return d.isNegative() ? Duration.ZERO : d;
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
