package io.newssignals.ingest.fetch;

/**
 * Validators of the last successful response of a feed, sent back as {@code If-None-Match} and
 * {@code If-Modified-Since} so that an unchanged feed costs a 304.
 *
 * @param etag ETag, or {@code null}
 * @param lastModified Last-Modified, or {@code null}
 */
public record ConditionalGetState(String etag, String lastModified) {
  public static final ConditionalGetState NONE = new ConditionalGetState(null, null);
}
