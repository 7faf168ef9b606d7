package io.newssignals.enrich;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newssignals.schema.DealEvent;
import io.newssignals.schema.EnrichedArticle;
import io.newssignals.schema.Entity;
import io.newssignals.schema.EventType;

/** Writes the {@code extract} JSON Lines format (see docs/enrich.md): one line per article. */
public final class ExtractJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ExtractJson() {}

  /** One line (no trailing newline) in the extract format, with event evidence and the extra novelty fields. */
  public static String write(EnrichedArticle e) {
    return write(e, false);
  }

  /** As {@link #write(EnrichedArticle)}, with each event's {@code why} (rule or model and score) when asked. */
  public static String write(EnrichedArticle e, boolean explain) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("id", e.getArticle().getId());
    ArrayNode entities = root.putArray("entities");
    for (Entity en : e.getEntities()) {
      ObjectNode n = entities.addObject();
      n.put("name", en.getName());
      n.put("type", en.getType().name());
      if (en.getTicker() != null) {
        n.put("ticker", en.getTicker());
      }
      n.put("mentions", en.getMentions());
      n.put("relevance", en.getRelevance());
    }
    ArrayNode events = root.putArray("events");
    for (DealEvent d : e.getEvents()) {
      ObjectNode n = events.addObject();
      n.put("type", d.getType().name());
      EventType t = d.getType();
      switch (t) {
        case INVESTMENT -> {
          ArrayNode inv = n.putArray("investors");
          d.getInvestors().forEach(inv::add);
          n.put("target", d.getTarget());
          amount(n, d);
        }
        case ACQUISITION -> {
          n.put("acquirer", d.getAcquirer());
          n.put("target", d.getTarget());
          n.put("stage", d.getStage() == null ? null : d.getStage().name());
          amount(n, d);
        }
        case STOCK_MOVE -> {
          n.put("company", d.getCompany());
          n.put("direction", d.getDirection() == null ? null : d.getDirection().name());
          if (d.getPercent() != null) {
            n.put("percent", d.getPercent());
          }
        }
        case PARTNERSHIP -> {
          ArrayNode p = n.putArray("parties");
          d.getParties().forEach(p::add);
          n.put("status", d.getStatus() == null ? null : d.getStatus().name());
        }
        case JOINT_VENTURE -> {
          ArrayNode p = n.putArray("parties");
          d.getParties().forEach(p::add);
          if (d.getName() != null) {
            n.put("name", d.getName());
          }
          amount(n, d);
        }
      }
      n.put("evidence", d.getEvidence());
      n.put("confidence", d.getConfidence());
      n.put("hedged", d.getHedged());
      if (explain) {
        n.put("why", d.getExplanation());
      }
    }
    root.put("novelty", e.getNovelty());
    if (e.getDuplicateOf() != null) {
      root.put("duplicateOf", e.getDuplicateOf());
    }
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot write extract line for " + e.getArticle().getId(), ex);
    }
  }

  private static void amount(ObjectNode n, DealEvent d) {
    if (d.getAmount() != null) {
      ObjectNode a = n.putObject("amount");
      a.put("value", d.getAmount().getValue());
      a.put("currency", d.getAmount().getCurrency());
    }
  }
}
