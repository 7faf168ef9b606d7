package io.newssignals.ingest;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The pure parts of article identity: canonical links, the fallback hash id and the content hash that detects
 * revisions. Which rule applies to an item is decided by {@link ArticleDeduplicator}.
 */
public final class ArticleIds {
  /** Prefix of ids derived from title and time, for items with neither a usable GUID nor a link. */
  public static final String HASH_ID_PREFIX = "urn:news-signals:sha256:";

  /** Query parameters that only track the click, not the story (utm_* and friends). */
  private static final Set<String> TRACKING = Set.of(
      "fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid", "_ga", "_gl", "_hsenc",
      "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "wickedid", "rb_clickid", "s_cid", "ncid", "cmpid",
      "sr_share", "ocid", "spm", "__twitter_impression", "at_medium", "at_campaign");

  /**
   * Longest id (in UTF-8 bytes) remembered as it is in a feed's state; a longer one is remembered by a hash
   * ({@link #stateKey}), and a link-to-id alias is kept only when both are at most this long. With at most
   * {@link RecordLimits#MAX_ITEMS_PER_FETCH} items per fetch, the ids of one fetch then always fit
   * {@link RecordLimits#MAX_REMEMBERED_BYTES}.
   */
  static final int MAX_STATE_KEY_BYTES = 256;

  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private ArticleIds() {}

  /**
   * The canonical form of a link: scheme and host lower-cased, default port, fragment and tracking parameters
   * removed, an empty path written as "/". {@code null} for anything that is not an absolute http(s) URL.
   */
  public static String canonicalLink(String link) {
    if (link == null || link.isBlank()) {
      return null;
    }
    URI u;
    try {
      u = new URI(link.trim());
    } catch (URISyntaxException e) {
      return null;
    }
    String scheme = u.getScheme() == null ? null : u.getScheme().toLowerCase(Locale.ROOT);
    if (!("http".equals(scheme) || "https".equals(scheme)) || u.getRawAuthority() == null) {
      return null;
    }
    String host = u.getHost();
    if (host == null) {
      return null;
    }
    host = host.toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    int port = u.getPort();
    boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
    StringBuilder sb = new StringBuilder(link.length());
    sb.append(scheme).append("://");
    if (u.getRawUserInfo() != null) {
      sb.append(u.getRawUserInfo()).append('@');
    }
    sb.append(host);
    if (!defaultPort) {
      sb.append(':').append(port);
    }
    String path = u.getRawPath();
    sb.append(path == null || path.isEmpty() ? "/" : path);
    String query = u.getRawQuery();
    if (query != null && !query.isEmpty()) {
      List<String> kept = new ArrayList<>();
      for (String param : query.split("&")) {
        if (param.isEmpty()) {
          continue;
        }
        String name = (param.contains("=") ? param.substring(0, param.indexOf('=')) : param).toLowerCase(Locale.ROOT);
        if (!name.startsWith("utm_") && !TRACKING.contains(name)) {
          kept.add(param);
        }
      }
      if (!kept.isEmpty()) {
        sb.append('?').append(String.join("&", kept));
      }
    }
    return sb.toString();
  }

  /**
   * {@code id} itself when it has at most {@link RecordLimits#MAX_ID_CHARS} characters, else
   * {@code urn:news-signals:sha256:<32 hex>} of it: a GUID or link of any length gives a small, stable key.
   */
  public static String bounded(String id) {
    return id.length() <= RecordLimits.MAX_ID_CHARS ? id : HASH_ID_PREFIX + sha256(id).substring(0, 32);
  }

  /** The key under which a feed's state remembers {@code id}: the id, or a hash of it when it is long. */
  public static String stateKey(String id) {
    return RecordLimits.utf8Length(id) <= MAX_STATE_KEY_BYTES ? id : HASH_ID_PREFIX + sha256(id).substring(0, 32);
  }

  /** Id of an item with neither GUID nor link: a hash of its title and own time (no time when it has none). */
  public static String hashId(String title, Instant published) {
    return HASH_ID_PREFIX + sha256(normaliseForHash(title) + "\n" + (published == null ? "" : published.toString()))
        .substring(0, 32);
  }

  /** Hash of what a reader sees (title and body); a change means a new revision. */
  public static String contentHash(String title, String body) {
    return sha256(normaliseForHash(title) + "\n" + normaliseForHash(body)).substring(0, 24);
  }

  private static String normaliseForHash(String s) {
    return s == null ? "" : WHITESPACE.matcher(s.strip()).replaceAll(" ");
  }

  private static String sha256(String s) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }
}
