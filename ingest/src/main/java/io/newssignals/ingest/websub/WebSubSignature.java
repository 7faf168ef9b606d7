package io.newssignals.ingest.websub;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Hub-Signature} of a WebSub content distribution: {@code method=hex}, the HMAC of the body with the
 * subscription's secret. SHA-256, SHA-384 and SHA-512 are accepted; SHA-1 (which the W3C Recommendation still
 * lists) is refused as too weak. The comparison takes the same time wherever the first difference is.
 */
public final class WebSubSignature {
  private static final Map<String, String> ALGORITHMS =
      Map.of("sha256", "HmacSHA256", "sha384", "HmacSHA384", "sha512", "HmacSHA512");

  /** Why a signature is not accepted; {@code VALID} when it is. */
  public enum Verdict { VALID, MISSING, UNSUPPORTED, INVALID }

  private WebSubSignature() {}

  /** Judges {@code header} (may be {@code null}) against the HMAC of {@code body} with {@code secret}. */
  public static Verdict verify(String header, String secret, byte[] body) {
    if (header == null || header.isBlank()) {
      return Verdict.MISSING;
    }
    int eq = header.indexOf('=');
    if (eq <= 0) {
      return Verdict.INVALID;
    }
    String method = header.substring(0, eq).trim().toLowerCase(Locale.ROOT);
    String algorithm = ALGORITHMS.get(method);
    if (algorithm == null) {
      return Verdict.UNSUPPORTED;
    }
    byte[] given;
    try {
      given = HexFormat.of().parseHex(header.substring(eq + 1).trim().toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return Verdict.INVALID;
    }
    return MessageDigest.isEqual(given, hmac(algorithm, secret, body)) ? Verdict.VALID : Verdict.INVALID;
  }

  /** {@code sha256=<hex>} of {@code body}: what a hub sends (tests and the benchmark's hub). */
  public static String sign(String secret, byte[] body) {
    return "sha256=" + HexFormat.of().formatHex(hmac("HmacSHA256", secret, body));
  }

  private static byte[] hmac(String algorithm, String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC " + algorithm + " unavailable", e);
    }
  }
}
