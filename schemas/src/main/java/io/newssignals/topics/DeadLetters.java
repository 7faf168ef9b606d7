package io.newssignals.topics;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a record on {@link Topics#DEAD_LETTER}: where the original came from and why it could not be
 * processed. The record's key and value are the original bytes, untouched, so it can be replayed once fixed.
 */
public final class DeadLetters {
  public static final String SOURCE_TOPIC = "dlq.source.topic";
  public static final String SOURCE_PARTITION = "dlq.source.partition";
  public static final String SOURCE_OFFSET = "dlq.source.offset";
  /** What failed: {@code deserialization} or {@code processing}. */
  public static final String REASON = "dlq.reason";
  /** The exception class and message. */
  public static final String EXCEPTION = "dlq.exception";

  private DeadLetters() {}

  public static Headers headers(String topic, int partition, long offset, String reason, Exception e) {
    Headers h = new RecordHeaders();
    h.add(SOURCE_TOPIC, utf8(topic));
    h.add(SOURCE_PARTITION, utf8(Integer.toString(partition)));
    h.add(SOURCE_OFFSET, utf8(Long.toString(offset)));
    h.add(REASON, utf8(reason));
    h.add(EXCEPTION, utf8(e.getClass().getName() + ": " + e.getMessage()));
    return h;
  }

  private static byte[] utf8(String s) {
    return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
  }
}
