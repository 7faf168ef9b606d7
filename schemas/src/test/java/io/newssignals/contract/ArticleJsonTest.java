package io.newssignals.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newssignals.schema.Article;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArticleJsonTest {
  @Test
  void shouldWriteExactlyTheSixKeysOfTheArticleFormatInOrder() {
    Article a = Article.newBuilder().setId("x-1").setSource("Wire").setUrl(null).setTitle("T \"q\"").setBody("B")
        .setPublished(Instant.parse("2025-01-21T14:05:00Z")).setRevision(3).setFeedUrl("https://f").build();
    assertThat(ArticleJson.write(a)).isEqualTo(
        "{\"id\":\"x-1\",\"source\":\"Wire\",\"url\":null,\"title\":\"T \\\"q\\\"\",\"body\":\"B\","
            + "\"published\":\"2025-01-21T14:05:00Z\"}");
  }

  @Test
  void shouldReadWhatItWrites() {
    Article a = ArticleJson.read("{\"id\": \"d-9\", \"source\": \"S\", \"url\": \"https://u\", \"title\": \"T\","
        + " \"body\": \"B\", \"published\": \"2024-06-10T19:30:00Z\"}");
    assertThat(a.getId()).isEqualTo("d-9");
    assertThat(a.getPublished()).isEqualTo(Instant.parse("2024-06-10T19:30:00Z"));
    assertThat(ArticleJson.read(ArticleJson.write(a))).isEqualTo(a);
  }

  @Test
  void shouldNameTheMissingOrBadKey() {
    assertThatThrownBy(() -> ArticleJson.read("{\"title\": \"T\"}")).hasMessageContaining("'id'");
    assertThatThrownBy(() -> ArticleJson.read("{\"id\": \"a\", \"published\": \"yesterday\"}"))
        .hasMessageContaining("published");
    assertThatThrownBy(() -> ArticleJson.read("{oops")).hasMessageContaining("not JSON");
  }
}
