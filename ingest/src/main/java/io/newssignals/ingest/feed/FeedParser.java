package io.newssignals.ingest.feed;

import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.rss.Guid;
import com.rometools.rome.feed.rss.Item;
import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.ParsingFeedException;
import com.rometools.rome.io.SyndFeedInput;
import io.newssignals.ingest.IngestFailure;
import io.newssignals.schema.IngestErrorKind;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses RSS 0.9x, RSS 1.0 (RDF), RSS 2.0, Atom 0.3 and Atom 1.0 with Rome into {@link ParsedFeed}: full content
 * ({@code content:encoded}, Atom content) preferred over the summary, HTML turned into plain text, relative links
 * resolved (Atom {@code xml:base} by Rome, otherwise against the feed's URL), dates in every format Rome knows.
 * DOCTYPEs that can define or load entities are refused ({@link UnsafeXmlGuard}). What Rome leaves empty or
 * encoded, and feeds Rome cannot parse at all, are read by {@link LenientFeedReader} (docs/ingest.md, "Lenient
 * parsing").
 */
public final class FeedParser {
  private static final Pattern COMPLETE_TAG = Pattern.compile("<[!/?a-zA-Z][^<>]*>");
  private static final Pattern BASE64_ELEMENT =
      Pattern.compile("(<[A-Za-z:]+\\s[^<>]*\\bmode\\s*=\\s*[\"']base64[\"'][^<>]*>)([^<]*)</");
  private static final Pattern BROKEN_CHARACTER_REFERENCE = Pattern.compile("&#(?!(?:[0-9]+|[xX][0-9a-fA-F]+);)");

  private FeedParser() {}

  /**
   * Parses a feed body.
   *
   * @param body the raw bytes as served
   * @param contentType the HTTP Content-Type, or {@code null} for a file
   * @param documentUri where the feed was read from (after redirects), base of relative links
   * @throws IngestFailure {@code MALFORMED} for anything that is not a readable feed, {@code UNSAFE_XML} for a
   *     refused DOCTYPE
   */
  public static ParsedFeed parse(byte[] body, String contentType, URI documentUri) throws IngestFailure {
    FeedDecoder.Decoded decoded = FeedDecoder.decode(body, contentType);
    String xml = UnsafeXmlGuard.check(decoded.text());
    if (xml.isBlank()) {
      throw new IngestFailure(IngestErrorKind.MALFORMED, "empty document");
    }
    SyndFeedInput input = new SyndFeedInput();
    input.setAllowDoctypes(false);
    input.setXmlHealerOn(true);
    input.setPreserveWireFeed(true);
    SyndFeed feed;
    try {
      feed = input.build(new StringReader(compactBase64(repairCharacterReferences(xml))));
    } catch (ParsingFeedException e) {
      return lenient(xml, documentUri, new IngestFailure(IngestErrorKind.MALFORMED, "malformed XML at line "
          + e.getLineNumber() + ", column " + e.getColumnNumber() + ": " + rootMessage(e), e));
    } catch (FeedException e) {
      return lenient(xml, documentUri, new IngestFailure(IngestErrorKind.MALFORMED, "not a feed: " + rootMessage(e), e));
    } catch (IllegalArgumentException e) {
      return lenient(xml, documentUri,
          new IngestFailure(IngestErrorKind.MALFORMED, "not an RSS or Atom feed: " + e.getMessage(), e));
    } catch (RuntimeException e) {
      // Rome's own bugs on odd input (an index out of bounds in its base64 decoder, a null channel)
      return lenient(xml, documentUri, new IngestFailure(IngestErrorKind.MALFORMED, "unreadable feed: " + e, e));
    }
    // base of relative links: xml:base (Atom) resolved against the document's URL, else the document's URL, else
    // (a local file) the feed's absolute site link
    URI base = isHttp(documentUri) ? documentUri : null;
    if (feed.originalWireFeed() instanceof Feed atom) {
      base = withXmlBase(base, atom.getXmlBase());
    }
    String feedLink = absolute(feed.getLink(), base, null);
    if (base == null && feedLink != null) {
      base = URI.create(feedLink);
    }
    boolean rdf = feed.getFeedType() != null && (feed.getFeedType().equals("rss_1.0") || feed.getFeedType().equals("rss_0.9"));
    Instant feedTime = instant(feed.getPublishedDate());
    List<FeedItem> items = new ArrayList<>();
    for (SyndEntry e : feed.getEntries()) {
      URI entryBase = e.getWireEntry() instanceof Entry entry ? withXmlBase(base, entry.getXmlBase()) : base;
      items.add(item(e, entryBase, rdf));
    }
    items = fillGaps(xml, documentUri, items);
    return new ParsedFeed(feed.getFeedType(), blankToNull(text(feed.getTitle(), null)), feedLink, feedTime, items,
        null, FeedHints.read(xml));
  }

  /**
   * When strict parsing failed: the items a lenient reading recovers, each with a link or a body (an item cut off
   * in its title is not one a reader could open), and the reason the document is malformed; else the failure.
   */
  private static ParsedFeed lenient(String xml, URI documentUri, IngestFailure failure) throws IngestFailure {
    LenientFeedReader.Result read;
    try {
      read = LenientFeedReader.read(xml, isHttp(documentUri) ? documentUri : null);
    } catch (RuntimeException e) {
      throw failure;
    }
    if (read == null) {
      throw failure;
    }
    List<FeedItem> items = new ArrayList<>();
    for (LenientFeedReader.Item i : read.items()) {
      if (i.item().link() != null || !i.item().body().isEmpty()) {
        items.add(i.item());
      }
    }
    if (items.isEmpty()) {
      throw failure;
    }
    return new ParsedFeed(read.type(), read.title(), read.link(), read.published(), items, failure.getMessage(),
        FeedHints.read(xml));
  }

  /**
   * Rome leaves empty what it does not map (dc:title and dc:description without title and description,
   * xhtml:body, content:encoded holding markup) and keeps Atom 1.0 {@code mode="base64"} text encoded; the lenient
   * reading of the same document supplies those, item by item, when both readings see the same items.
   */
  private static List<FeedItem> fillGaps(String xml, URI documentUri, List<FeedItem> items) {
    boolean gaps = xml.contains("base64");
    for (FeedItem i : items) {
      gaps |= i.title().isEmpty() || i.body().isEmpty();
    }
    if (!gaps) {
      return items;
    }
    LenientFeedReader.Result read;
    try {
      read = LenientFeedReader.read(xml, isHttp(documentUri) ? documentUri : null);
    } catch (RuntimeException e) {
      return items;
    }
    if (read == null || read.items().size() != items.size()) {
      return items;
    }
    List<FeedItem> out = new ArrayList<>(items.size());
    for (int k = 0; k < items.size(); k++) {
      FeedItem i = items.get(k);
      LenientFeedReader.Item l = read.items().get(k);
      String title = l.base64() || i.title().isEmpty() ? l.item().title() : i.title();
      String body = l.base64() || i.body().isEmpty() ? l.item().body() : i.body();
      out.add(new FeedItem(i.guid(), i.link(), title, body, i.published(), i.author(), i.categories()));
    }
    return out;
  }

  /**
   * A character reference that is not one ({@code &#x} without digits, {@code &#;}) makes a strict parser reject the
   * whole document; its ampersand is escaped instead, so the text shows as written.
   */
  static String repairCharacterReferences(String xml) {
    return BROKEN_CHARACTER_REFERENCE.matcher(xml).replaceAll("&amp;#");
  }

  /**
   * Rome's base64 decoder fails with an index out of bounds on whitespace around Atom 0.3 {@code mode="base64"}
   * text (legal, and how most feeds wrap it); the whitespace is removed before Rome reads it.
   */
  static String compactBase64(String xml) {
    if (!xml.contains("base64")) {
      return xml;
    }
    return BASE64_ELEMENT.matcher(xml).replaceAll(m -> Matcher.quoteReplacement(
        m.group(1) + m.group(2).replaceAll("\\s+", "") + "</"));
  }

  private static URI withXmlBase(URI base, String xmlBase) {
    if (xmlBase == null || xmlBase.isBlank()) {
      return base;
    }
    String resolved = absolute(xmlBase, base, null);
    return resolved == null ? base : URI.create(resolved);
  }

  private static FeedItem item(SyndEntry e, URI base, boolean rdf) {
    String title = e.getTitleEx() != null ? text(e.getTitleEx().getValue(), e.getTitleEx().getType()) : text(e.getTitle(), null);
    String body = "";
    for (SyndContent c : e.getContents()) {
      String t = text(c.getValue(), c.getType());
      if (t.length() > body.length()) {
        body = t;
      }
    }
    if (body.isEmpty() && e.getDescription() != null) {
      body = text(e.getDescription().getValue(), e.getDescription().getType());
    }
    String link = absolute(e.getLink(), base, null);
    if (link == null) {
      for (SyndLink l : e.getLinks()) {
        if (l.getRel() == null || "alternate".equals(l.getRel())) {
          link = absolute(l.getHref(), base, null);
          if (link != null) {
            break;
          }
        }
      }
    }
    Instant published = instant(e.getPublishedDate());
    if (published == null) {
      published = instant(e.getUpdatedDate());
    }
    Set<String> categories = new LinkedHashSet<>();
    for (SyndCategory c : e.getCategories()) {
      if (c.getName() != null && !c.getName().isBlank()) {
        categories.add(HtmlText.normalise(c.getName()));
      }
    }
    String author = e.getAuthor() == null || e.getAuthor().isBlank() ? null : HtmlText.normalise(e.getAuthor());
    return new FeedItem(guid(e, rdf), link, title, body, published, author, new ArrayList<>(categories));
  }

  /** The identifier the item gives itself (not Rome's fallback to the link). */
  private static String guid(SyndEntry e, boolean rdf) {
    Object wire = e.getWireEntry();
    String g = null;
    if (wire instanceof Item item) {
      Guid guid = item.getGuid();
      g = guid == null ? null : guid.getValue();
      if (g == null && rdf) {
        // RSS 1.0 items carry rdf:about, which Rome keeps as the wire item's uri (for other RSS it is the link)
        g = item.getUri();
      }
    } else if (wire instanceof Entry entry) {
      g = entry.getId();
    }
    return blankToNull(g == null ? null : g.trim());
  }

  /** Plain text of a title or content of the given type ({@code text}, {@code html}, {@code xhtml}, a MIME type). */
  static String text(String value, String type) {
    if (value == null) {
      return "";
    }
    String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
    boolean plain = t.equals("text") || t.equals("text/plain");
    if (plain || (t.isEmpty() && !HtmlText.looksLikeHtml(value))) {
      return HtmlText.normalise(value);
    }
    String text = HtmlText.toPlainText(value);
    if (text.isEmpty() && !value.isBlank() && !COMPLETE_TAG.matcher(value).find()) {
      // "<!DOCTYPE a" or "a < b" is text that looks like markup, not markup: keep it rather than nothing
      return HtmlText.normalise(value);
    }
    return text;
  }

  static String absolute(String href, URI base, String fallback) {
    if (href == null || href.isBlank()) {
      return fallback;
    }
    String h = href.trim();
    try {
      URI u = new URI(h.replace(" ", "%20"));
      if (u.isAbsolute()) {
        return isHttp(u) ? u.toString() : fallback;
      }
      if (base == null) {
        return fallback;
      }
      URI resolved = base.resolve(u);
      return isHttp(resolved) ? resolved.toString() : fallback;
    } catch (Exception e) {
      return fallback;
    }
  }

  private static boolean isHttp(URI u) {
    String s = u == null ? null : u.getScheme();
    return s != null && (s.equalsIgnoreCase("http") || s.equalsIgnoreCase("https"));
  }

  private static Instant instant(Date d) {
    return d == null ? null : d.toInstant();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
