package io.newssignals.alerts.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code v1,<base64 HMAC-SHA256 of "id.timestamp.body">}, keyed with the bytes of a
 * {@code whsec_<base64>} secret. During a secret rotation the header carries one signature per secret, separated
 * by spaces; a receiver accepts the delivery when any of them matches a secret it knows.
 */
public final class WebhookSignature {
  public static final String SECRET_PREFIX = "whsec_";
  public static final String VERSION = "v1";

  private WebhookSignature() {}

  /** The key bytes of a {@code whsec_} secret; fails naming what is wrong (never echoing the secret). */
  public static byte[] secretKey(String secret) {
    if (secret == null || !secret.startsWith(SECRET_PREFIX)) {
      throw new IllegalArgumentException("secret must start with '" + SECRET_PREFIX + "'");
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()).trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("secret after '" + SECRET_PREFIX + "' is not valid base64");
    }
    if (key.length == 0) {
      throw new IllegalArgumentException("secret after '" + SECRET_PREFIX + "' is empty");
    }
    return key;
  }

  /** One signature, {@code v1,<base64>}. */
  public static String sign(byte[] key, String id, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return VERSION + "," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable: " + e.getMessage(), e);
    }
  }

  /** The {@code webhook-signature} header: one signature per key, space separated. */
  public static String header(List<byte[]> keys, String id, long timestampSeconds, byte[] body) {
    List<String> parts = new ArrayList<>();
    for (byte[] key : keys) {
      parts.add(sign(key, id, timestampSeconds, body));
    }
    return String.join(" ", parts);
  }

  /**
   * Whether any {@code v1} signature of the header matches the body under the secret (constant-time compare).
   * The timestamp is taken as given; checking its age is the caller's business.
   */
  public static boolean verify(String secret, String id, String timestamp, String signatureHeader, byte[] body) {
    long ts;
    try {
      ts = Long.parseLong(timestamp.trim());
    } catch (NumberFormatException | NullPointerException e) {
      return false;
    }
    byte[] expected = sign(secretKey(secret), id, ts, body).getBytes(StandardCharsets.US_ASCII);
    if (signatureHeader == null) {
      return false;
    }
    for (String candidate : signatureHeader.trim().split("\\s+")) {
      if (MessageDigest.isEqual(expected, candidate.getBytes(StandardCharsets.US_ASCII))) {
        return true;
      }
    }
    return false;
  }
}
