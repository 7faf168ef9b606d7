package io.newssignals.alerts;

import io.newssignals.schema.PairStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Deterministic ids: the same change read twice (replay, restart, backtest) gets the same id, which is what
 * subscribers deduplicate on.
 */
public final class AlertIds {
  private AlertIds() {}

  /** Id of a STATUS_CHANGED alert: pair + transition + first reported time. */
  public static String statusChange(String pairKey, PairStatus previous, PairStatus current, Instant firstReported) {
    return "pa_" + hash(pairKey + "\n" + (previous == null ? "-" : previous.name()) + "\n" + current.name() + "\n"
        + firstReported.toEpochMilli());
  }

  /** Id of a CORROBORATED record: the alert it corroborates + the corroborating article. */
  public static String corroboration(String statusAlertId, String articleId) {
    return "pc_" + hash(statusAlertId + "\n" + articleId);
  }

  static String hash(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
