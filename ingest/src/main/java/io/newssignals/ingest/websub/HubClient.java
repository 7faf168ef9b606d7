package io.newssignals.ingest.websub;

import io.newssignals.ingest.IngestFailure;
import io.newssignals.ingest.fetch.RedirectGuard;
import io.newssignals.schema.IngestErrorKind;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sends subscription requests to WebSub hubs ({@code hub.mode=subscribe|unsubscribe}, form-encoded POST). A hub's
 * URL comes from a feed, so it is the remote server's word: it is judged like a redirect from the feed
 * ({@link RedirectGuard}: a public feed cannot point us at a loopback, link-local or private address), redirects
 * are not followed, and the answer's body is never read.
 */
public final class HubClient {
  private final HttpClient client;
  private final Duration timeout;
  private final RedirectGuard guard;
  private final String userAgent;

  public HubClient(Duration connectTimeout, Duration timeout, RedirectGuard guard, String userAgent) {
    this.client = HttpClient.newBuilder().connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER)
        .build();
    this.timeout = timeout;
    this.guard = guard;
    this.userAgent = userAgent;
  }

  /**
   * Asks {@code hub} to subscribe (or unsubscribe) {@code callback} to {@code topic}.
   *
   * @param feed the feed that advertised the hub (judges the hub's address)
   * @param secret the subscription's HMAC secret ({@code null} for an unsubscription)
   * @param lease the lease asked for ({@code null} for an unsubscription)
   * @throws IngestFailure when the hub's address is refused, cannot be reached, or answers other than 2xx
   */
  public void request(URI feed, String hub, String mode, String topic, String callback, String secret, Duration lease)
      throws IngestFailure, InterruptedException {
    URI hubUri = URI.create(hub);
    guard.check(feed, hubUri, 0);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("hub.mode", mode);
    form.put("hub.topic", topic);
    form.put("hub.callback", callback);
    if (secret != null) {
      form.put("hub.secret", secret);
    }
    if (lease != null) {
      form.put("hub.lease_seconds", Long.toString(lease.toSeconds()));
    }
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest request = HttpRequest.newBuilder(hubUri)
        .timeout(timeout)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("User-Agent", userAgent)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<Void> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new IngestFailure(IngestErrorKind.CONNECT, "hub " + hub + " unreachable: " + e, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw new IngestFailure(IngestErrorKind.HTTP_STATUS, response.statusCode(), null,
          "hub " + hub + " answered HTTP " + response.statusCode() + " to " + mode, null);
    }
  }
}
