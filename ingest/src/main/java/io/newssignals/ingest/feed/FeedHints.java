package io.newssignals.ingest.feed;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a feed says about itself beyond its items: the WebSub hub and topic it advertises ({@code <link rel="hub">}
 * and {@code rel="self"}, Atom or {@code atom:link} in RSS) and how often it claims to change (RSS {@code ttl},
 * {@code sy:updatePeriod}/{@code sy:updateFrequency}). Read from the feed's header only (before the first item or
 * entry), on text the DOCTYPE guard has already checked; a value that does not make sense is ignored.
 *
 * @param hub the advertised hub URL (http or https), or {@code null}
 * @param self the advertised topic URL (http or https), or {@code null}
 * @param ttl RSS {@code ttl}, or {@code null}
 * @param updatePeriod the period {@code sy:updatePeriod}/{@code sy:updateFrequency} stand for, or {@code null}
 */
public record FeedHints(String hub, String self, Duration ttl, Duration updatePeriod) {
  public static final FeedHints NONE = new FeedHints(null, null, null, null);
  /** The header is looked for in this many characters at most. */
  private static final int HEADER_CHARS = 64 * 1024;
  private static final int MAX_URL_CHARS = 2048;
  private static final Pattern FIRST_ITEM = Pattern.compile("<(?:[A-Za-z0-9_]+:)?(?:item|entry)[\\s>/]");
  private static final Pattern LINK = Pattern.compile("<(?:[A-Za-z0-9_]+:)?link\\s([^<>]*)>");
  private static final Pattern ATTRIBUTE = Pattern.compile("([A-Za-z:]+)\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)')");
  private static final Pattern TTL = Pattern.compile("<ttl>\\s*(\\d{1,9})\\s*</ttl>");
  private static final Pattern SY_PERIOD =
      Pattern.compile("<[A-Za-z0-9_]+:updatePeriod>\\s*([A-Za-z]+)\\s*</[A-Za-z0-9_]+:updatePeriod>");
  private static final Pattern SY_FREQUENCY =
      Pattern.compile("<[A-Za-z0-9_]+:updateFrequency>\\s*(\\d{1,9})\\s*</[A-Za-z0-9_]+:updateFrequency>");

  /** The hints of a feed document's text. */
  public static FeedHints read(String xml) {
    String head = xml.length() > HEADER_CHARS ? xml.substring(0, HEADER_CHARS) : xml;
    Matcher item = FIRST_ITEM.matcher(head);
    if (item.find()) {
      head = head.substring(0, item.start());
    }
    String hub = null;
    String self = null;
    Matcher link = LINK.matcher(head);
    while (link.find()) {
      String rel = null;
      String href = null;
      Matcher a = ATTRIBUTE.matcher(link.group(1));
      while (a.find()) {
        String value = a.group(2) != null ? a.group(2) : a.group(3);
        if (a.group(1).equalsIgnoreCase("rel")) {
          rel = value.trim().toLowerCase(Locale.ROOT);
        } else if (a.group(1).equalsIgnoreCase("href")) {
          href = httpUrl(value);
        }
      }
      if (rel == null || href == null) {
        continue;
      }
      if (rel.equals("hub") && hub == null) {
        hub = href;
      } else if (rel.equals("self") && self == null) {
        self = href;
      }
    }
    Duration ttl = null;
    Matcher t = TTL.matcher(head);
    if (t.find() && Long.parseLong(t.group(1)) > 0) {
      ttl = Duration.ofMinutes(Long.parseLong(t.group(1)));
    }
    return new FeedHints(hub, self, ttl, updatePeriod(head));
  }

  /** {@code sy:updatePeriod} (hourly by default) divided by {@code sy:updateFrequency} (1 by default). */
  private static Duration updatePeriod(String head) {
    Matcher p = SY_PERIOD.matcher(head);
    Matcher f = SY_FREQUENCY.matcher(head);
    boolean hasPeriod = p.find();
    boolean hasFrequency = f.find();
    if (!hasPeriod && !hasFrequency) {
      return null;
    }
    Duration period = switch (hasPeriod ? p.group(1).toLowerCase(Locale.ROOT) : "hourly") {
      case "hourly" -> Duration.ofHours(1);
      case "daily" -> Duration.ofDays(1);
      case "weekly" -> Duration.ofDays(7);
      case "monthly" -> Duration.ofDays(30);
      case "yearly" -> Duration.ofDays(365);
      default -> null;
    };
    long frequency = hasFrequency ? Long.parseLong(f.group(1)) : 1;
    return period == null || frequency <= 0 ? null : period.dividedBy(frequency);
  }

  /**
   * Merges the HTTP {@code Link} headers of the response ({@code <url>; rel="hub"}), which WebSub lets a publisher
   * use instead of the document: a header wins over the document.
   */
  public FeedHints withLinkHeaders(Iterable<String> headers) {
    String h = hub;
    String s = self;
    for (String header : headers) {
      for (String part : header.split(",(?=\\s*<)")) {
        Matcher m = Pattern.compile("^\\s*<([^>]*)>(.*)$").matcher(part);
        if (!m.matches()) {
          continue;
        }
        String url = httpUrl(m.group(1));
        Matcher rel = Pattern.compile("(?i)rel\\s*=\\s*\"?([^\";]*)\"?").matcher(m.group(2));
        if (url == null || !rel.find()) {
          continue;
        }
        for (String r : rel.group(1).trim().toLowerCase(Locale.ROOT).split("\\s+")) {
          if (r.equals("hub")) {
            h = url;
          } else if (r.equals("self")) {
            s = url;
          }
        }
      }
    }
    return new FeedHints(h, s, ttl, updatePeriod);
  }

  private static String httpUrl(String value) {
    String v = value.trim().replace("&amp;", "&");
    if (v.length() > MAX_URL_CHARS) {
      return null;
    }
    try {
      URI u = URI.create(v);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null ? v : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
