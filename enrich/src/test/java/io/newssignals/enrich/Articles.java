package io.newssignals.enrich;

import io.newssignals.schema.Article;
import io.newssignals.schema.DealEvent;
import io.newssignals.schema.EnrichedArticle;
import io.newssignals.schema.Entity;
import io.newssignals.schema.EventType;
import java.time.Instant;
import java.util.List;

/** Test helpers: build articles and read results. */
final class Articles {
  private Articles() {}

  static Article article(String id, String title, String body) {
    return article(id, title, body, Instant.parse("2025-03-03T10:00:00Z"));
  }

  static Article article(String id, String title, String body, Instant published) {
    return Article.newBuilder().setId(id).setSource("Test Wire").setUrl("https://example.test/" + id)
        .setTitle(title).setBody(body).setPublished(published).build();
  }

  static EnrichedArticle enrich(String title, String body) {
    return TestGazetteer.pipeline().enrich(article("t-1", title, body));
  }

  static List<String> names(EnrichedArticle e) {
    return e.getEntities().stream().map(Entity::getName).toList();
  }

  static List<DealEvent> events(EnrichedArticle e, EventType type) {
    return e.getEvents().stream().filter(d -> d.getType() == type).toList();
  }
}
