package io.newssignals.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newssignals.schema.Article;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The article JSON Lines format shared by {@code feeds check} (writes it), {@code extract} and {@code backtest}
 * (read it): {@code {"id", "source", "url", "title", "body", "published": "2025-01-21T14:05:00Z"}}. Exactly these
 * keys, in this order; other tools are built on it.
 */
public final class ArticleJson {
  public static final ObjectMapper MAPPER = new ObjectMapper();

  private ArticleJson() {}

  /** One line, no trailing newline. */
  public static String write(Article a) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", a.getId());
    n.put("source", a.getSource());
    if (a.getUrl() == null) {
      n.putNull("url");
    } else {
      n.put("url", a.getUrl());
    }
    n.put("title", a.getTitle());
    n.put("body", a.getBody());
    n.put("published", Instant.ofEpochMilli(a.getPublished().toEpochMilli()).toString());
    return n.toString();
  }

  /**
   * Parses one line. Throws {@link IllegalArgumentException} with the missing or bad key named, so callers can
   * report the line number.
   */
  public static Article read(String line) {
    JsonNode n;
    try {
      n = MAPPER.readTree(line);
    } catch (Exception e) {
      throw new IllegalArgumentException("not JSON: " + e.getMessage());
    }
    if (n == null || !n.isObject()) {
      throw new IllegalArgumentException("not a JSON object");
    }
    String id = text(n, "id", true);
    String published = text(n, "published", true);
    Instant at;
    try {
      at = Instant.parse(published);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'published' is not an ISO-8601 instant: " + published);
    }
    return Article.newBuilder()
        .setId(id)
        .setSource(orEmpty(text(n, "source", false)))
        .setUrl(text(n, "url", false))
        .setTitle(orEmpty(text(n, "title", false)))
        .setBody(orEmpty(text(n, "body", false)))
        .setPublished(at)
        .setFetched(at)
        .build();
  }

  private static String text(JsonNode n, String key, boolean required) {
    JsonNode v = n.get(key);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException("missing '" + key + "'");
      }
      return null;
    }
    return v.asText();
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
