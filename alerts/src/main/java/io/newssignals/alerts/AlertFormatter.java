package io.newssignals.alerts;

import io.newssignals.schema.AlertKind;
import io.newssignals.schema.Evidence;
import io.newssignals.schema.PartnershipAlert;
import java.util.Locale;

/**
 * The one human-readable line of an alert, printed by {@code run} and {@code alerts tail}:
 * {@code 2025-01-22T18:00:00Z  Microsoft–OpenAI  ACTIVE → NON_EXCLUSIVE  (conf 0.90, Tech Currents)  "sentence"  url}.
 * A first status reads {@code new → ACTIVE}; hedged changes say {@code hedged}; corroborations start with
 * {@code + corroborated ×N}.
 */
public final class AlertFormatter {
  static final int MAX_SENTENCE = 200;

  private AlertFormatter() {}

  public static String line(PartnershipAlert a) {
    StringBuilder sb = new StringBuilder();
    sb.append(a.getFirstReported()).append("  ");
    sb.append(String.join("–", a.getPair())).append("  ");
    sb.append(a.getPrevious() == null ? "new" : a.getPrevious().name()).append(" → ").append(a.getCurrent());
    Evidence e = a.getEvidence();
    sb.append("  (");
    if (a.getKind() == AlertKind.CORROBORATED) {
      sb.append("corroborated ×").append(a.getCorroborationCount()).append(", ");
    }
    sb.append(String.format(Locale.ROOT, "conf %.2f", a.getConfidence()));
    if (a.getHedged()) {
      sb.append(", hedged");
    }
    if (e != null && !e.getSource().isBlank()) {
      sb.append(", ").append(e.getSource());
    }
    sb.append(')');
    if (e != null && !e.getSentence().isBlank()) {
      sb.append("  \"").append(shorten(e.getSentence().replaceAll("\\s+", " ").strip())).append('"');
    }
    if (e != null && e.getUrl() != null && !e.getUrl().isBlank()) {
      sb.append("  ").append(e.getUrl());
    }
    return sb.toString();
  }

  private static String shorten(String s) {
    return s.length() <= MAX_SENTENCE ? s : s.substring(0, MAX_SENTENCE - 1).strip() + "…";
  }
}
