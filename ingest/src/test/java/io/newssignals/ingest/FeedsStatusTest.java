package io.newssignals.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.contract.ArticleJson;
import io.newssignals.schema.FeedState;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class FeedsStatusTest {
  private static FeedState state(String url, String error) {
    FeedState s = FeedStates.initial(url);
    s.setLastSuccess(Instant.parse("2025-01-06T10:00:00Z"));
    s.setItemsPublished(42);
    s.setNextPoll(Instant.parse("2025-01-06T10:15:00Z"));
    if (error != null) {
      s.setFailures(3);
      s.setLastError(error);
      s.setLastErrorAt(Instant.parse("2025-01-06T10:05:00Z"));
    }
    return s;
  }

  @Test
  void shouldShowOneLinePerFeedWithSuccessErrorCountAndNextPoll() {
    String table = FeedsCommand.Status.table(List.of(
        state("https://a.example/rss", null), state("https://b.example/rss", "TIMEOUT: no complete response within 30s")));

    List<String> lines = table.lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(lines.get(0)).startsWith("FEED").contains("LAST SUCCESS", "LAST ERROR", "PUBLISHED", "NEXT POLL");
    assertThat(lines.get(1)).contains("https://a.example/rss", "2025-01-06T10:00:00Z", "42", "2025-01-06T10:15:00Z");
    assertThat(lines.get(2)).contains("2025-01-06T10:05:00Z TIMEOUT: no complete response within 30s", "3");
  }

  @Test
  void shouldWriteJsonPerFeed() throws Exception {
    var n = ArticleJson.MAPPER.readTree(FeedsCommand.Status.json(state("https://b.example/rss", "HTTP_STATUS: HTTP 500")));

    assertThat(n.get("feed").asText()).isEqualTo("https://b.example/rss");
    assertThat(n.get("failures").asInt()).isEqualTo(3);
    assertThat(n.get("itemsPublished").asLong()).isEqualTo(42);
    assertThat(n.get("lastError").asText()).isEqualTo("HTTP_STATUS: HTTP 500");
    assertThat(n.get("nextPoll").asText()).isEqualTo("2025-01-06T10:15:00Z");
  }
}
