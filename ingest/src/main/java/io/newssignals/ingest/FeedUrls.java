package io.newssignals.ingest;

import io.newssignals.schema.FeedState;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The canonical form of a feed URL, which is what is fetched and the feed's key on {@code news.feed-state} and
 * {@code news.ingest.errors}: one feed listed under several spellings is one feed, polled once.
 *
 * <p>For {@code http}/{@code https}: scheme and host lower-cased (a trailing dot of the host removed), the default
 * port dropped, an empty path written as {@code /}, the fragment removed (it is never sent anyway) and the
 * tracking parameters {@code utm_*}, {@code fbclid}, {@code gclid}, {@code mc_cid} and {@code mc_eid} removed.
 * The list is shorter than the one for article links ({@link ArticleIds#canonicalLink}) on purpose: this URL is
 * fetched, and only parameters that no feed server needs are dropped. Other schemes only lose their fragment.
 */
public final class FeedUrls {
  private static final Set<String> TRACKING = Set.of("fbclid", "gclid", "mc_cid", "mc_eid");

  private FeedUrls() {}

  /** The canonical form of {@code uri} (itself when already canonical). */
  public static URI canonical(URI uri) {
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null) {
      if (uri.getRawFragment() == null) {
        return uri;
      }
      String s = uri.toString();
      return URI.create(s.substring(0, s.indexOf('#')));
    }
    String host = uri.getHost().toLowerCase(Locale.ROOT);
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    int port = uri.getPort();
    boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
    StringBuilder sb = new StringBuilder(uri.toString().length());
    sb.append(scheme).append("://");
    if (uri.getRawUserInfo() != null) {
      sb.append(uri.getRawUserInfo()).append('@');
    }
    sb.append(host);
    if (!defaultPort) {
      sb.append(':').append(port);
    }
    String path = uri.getRawPath();
    sb.append(path == null || path.isEmpty() ? "/" : path);
    String query = uri.getRawQuery();
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
    try {
      return new URI(sb.toString());
    } catch (URISyntaxException e) {
      return uri; // cannot happen: every part comes raw from a URI that parsed
    }
  }

  /**
   * Feed states keyed by canonical URL: a state restored under a spelling that is no longer canonical (written
   * before feed URLs were canonical) is also kept under the canonical key, unless that key has its own state, so
   * the feed's remembered ids carry over and nothing is republished. Of several old spellings of one feed, the
   * state with the latest success wins.
   */
  public static Map<String, FeedState> withCanonicalKeys(Map<String, FeedState> states) {
    Map<String, FeedState> out = new HashMap<>(states);
    Map<String, FeedState> adopted = new HashMap<>();
    for (Map.Entry<String, FeedState> e : states.entrySet()) {
      String canonical;
      try {
        canonical = canonical(new URI(e.getKey())).toString();
      } catch (URISyntaxException ex) {
        continue;
      }
      if (canonical.equals(e.getKey()) || states.containsKey(canonical)) {
        continue;
      }
      FeedState candidate = e.getValue();
      adopted.merge(canonical, candidate, (a, b) -> lastSuccessMillis(b) > lastSuccessMillis(a) ? b : a);
    }
    adopted.forEach((key, state) -> {
      FeedState copy = FeedStates.mutableCopy(state);
      copy.setFeedUrl(key);
      out.put(key, copy);
    });
    return out;
  }

  private static long lastSuccessMillis(FeedState s) {
    return s.getLastSuccess() == null ? Long.MIN_VALUE : s.getLastSuccess().toEpochMilli();
  }
}
