package io.newssignals.ingest.fetch;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Outcome of one successful request for a feed.
 *
 * @param notModified true for a 304 (no body; nothing to parse)
 * @param body the decompressed body (empty when not modified)
 * @param contentType the Content-Type header, or {@code null}
 * @param etag the ETag to send next time, or {@code null}
 * @param lastModified the Last-Modified to send next time, or {@code null}
 * @param maxAge Cache-Control max-age, or {@code null}
 * @param finalUri the URI after redirects, the base of relative links
 * @param linkHeaders the response's HTTP {@code Link} headers (WebSub discovery)
 */
public record FetchResult(boolean notModified, byte[] body, String contentType, String etag, String lastModified,
    Duration maxAge, URI finalUri, List<String> linkHeaders) {
  public FetchResult {
    linkHeaders = linkHeaders == null ? List.of() : List.copyOf(linkHeaders);
  }

  public FetchResult(boolean notModified, byte[] body, String contentType, String etag, String lastModified,
      Duration maxAge, URI finalUri) {
    this(notModified, body, contentType, etag, lastModified, maxAge, finalUri, List.of());
  }
}
