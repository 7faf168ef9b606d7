package io.newssignals.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

/** Regression: a missing feeds file was reported as "cannot load feeds: /path" without saying why. */
class IngestServiceFeedsFileTest {

  @Test
  void shouldSayThatTheFeedsFileDoesNotExist() {
    assertThat(IngestService.why(new NoSuchFileException("/etc/feeds.yaml")))
        .isEqualTo("feeds file /etc/feeds.yaml does not exist");
  }

  @Test
  void shouldSayThatTheFeedsFileIsNotReadable() {
    assertThat(IngestService.why(new AccessDeniedException("/etc/feeds.yaml")))
        .isEqualTo("feeds file /etc/feeds.yaml is not readable (permission denied)");
  }

  @Test
  void shouldKeepTheMessageOfAParseError() {
    assertThat(IngestService.why(new IllegalArgumentException("feeds.yaml line 3: not a list")))
        .isEqualTo("feeds.yaml line 3: not a list");
  }
}
