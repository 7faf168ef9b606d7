package io.newssignals.ingest;

import io.newssignals.schema.IngestErrorKind;
import java.time.Duration;

/**
 * Why one fetch or parse of a feed failed: the {@link IngestErrorKind} published on the errors topic, the HTTP
 * status when there was one, and the wait the server asked for (Retry-After).
 */
public final class IngestFailure extends Exception {
  private final IngestErrorKind kind;
  private final Integer httpStatus;
  private final Duration retryAfter;

  public IngestFailure(IngestErrorKind kind, String message) {
    this(kind, null, null, message, null);
  }

  public IngestFailure(IngestErrorKind kind, String message, Throwable cause) {
    this(kind, null, null, message, cause);
  }

  public IngestFailure(IngestErrorKind kind, Integer httpStatus, Duration retryAfter, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.httpStatus = httpStatus;
    this.retryAfter = retryAfter;
  }

  public IngestErrorKind kind() {
    return kind;
  }

  /** HTTP status of the failed response, or {@code null}. */
  public Integer httpStatus() {
    return httpStatus;
  }

  /** Wait requested by the server (Retry-After), or {@code null}. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
