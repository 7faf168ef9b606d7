package io.newssignals.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newssignals.schema.AlertKind;
import io.newssignals.schema.Evidence;
import io.newssignals.schema.PartnershipAlert;
import java.time.Instant;

/**
 * JSON views of an alert: the full record ({@code alerts tail --json} and the {@code data} of a webhook) and the
 * {@code backtest} line of the evaluation format.
 */
public final class AlertJson {
  public static final ObjectMapper MAPPER = new ObjectMapper();
  /** Webhook event type of a STATUS_CHANGED alert. */
  public static final String STATUS_CHANGED = "partnership.status_changed";
  /** Webhook event type of a CORROBORATED record. */
  public static final String CORROBORATED = "partnership.corroborated";

  private AlertJson() {}

  public static String eventType(PartnershipAlert a) {
    return a.getKind() == AlertKind.CORROBORATED ? CORROBORATED : STATUS_CHANGED;
  }

  /** Every field of the alert; times as ISO-8601 instants. */
  public static ObjectNode full(PartnershipAlert a) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("id", a.getId());
    n.put("type", eventType(a));
    pair(n, a);
    nullable(n, "previous", a.getPrevious() == null ? null : a.getPrevious().name());
    n.put("current", a.getCurrent().name());
    nullable(n, "reportedStatus", a.getReportedStatus() == null ? null : a.getReportedStatus().name());
    n.put("confidence", a.getConfidence());
    n.put("hedged", a.getHedged());
    Evidence e = a.getEvidence();
    ObjectNode ev = n.putObject("evidence");
    ev.put("articleId", e.getArticleId());
    ev.put("source", e.getSource());
    nullable(ev, "url", e.getUrl());
    ev.put("title", e.getTitle());
    ev.put("sentence", e.getSentence());
    ev.put("published", iso(e.getPublished()));
    n.put("firstReported", iso(a.getFirstReported()));
    n.put("detectedAt", iso(a.getDetectedAt()));
    n.put("corroborationCount", a.getCorroborationCount());
    ArrayNode sources = n.putArray("sources");
    a.getSources().forEach(sources::add);
    ArrayNode ids = n.putArray("articleIds");
    a.getArticleIds().forEach(ids::add);
    nullable(n, "corroborates", a.getCorroborates());
    return n;
  }

  /**
   * The backtest line: {@code {"pair": [a, b], "previous": status|null, "current": status, "articleIds": [first],
   * "at": ISO}}.
   */
  public static String backtestLine(PartnershipAlert a) {
    ObjectNode n = MAPPER.createObjectNode();
    pair(n, a);
    nullable(n, "previous", a.getPrevious() == null ? null : a.getPrevious().name());
    n.put("current", a.getCurrent().name());
    n.putArray("articleIds").add(a.getEvidence().getArticleId());
    n.put("at", iso(a.getFirstReported()));
    return n.toString();
  }

  private static void pair(ObjectNode n, PartnershipAlert a) {
    ArrayNode pair = n.putArray("pair");
    a.getPair().forEach(pair::add);
  }

  private static void nullable(ObjectNode n, String key, String value) {
    if (value == null) {
      n.putNull(key);
    } else {
      n.put(key, value);
    }
  }

  static String iso(Instant t) {
    return t == null ? null : t.toString();
  }
}
