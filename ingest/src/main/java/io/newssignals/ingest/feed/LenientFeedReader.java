package io.newssignals.ingest.feed;

import com.rometools.rome.io.impl.DateParser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Reads a feed the way a forgiving feed reader does, with jsoup's XML parser: unclosed or mis-nested tags, stray
 * {@code &} and {@code <}, bad character references and markup where text belongs do not lose the document. It
 * serves two purposes. When Rome's strict parse fails, {@link FeedParser} publishes what this reader recovers and
 * records the feed as malformed. When Rome succeeds but leaves a title or body empty, or the feed uses Atom
 * {@code mode="base64"}, this reader fills the gaps feedparser and Miniflux fill: {@code dc:title},
 * {@code dc:description}, {@code xhtml:body}, {@code content:encoded} holding markup, base64 content.
 *
 * <p>It is only ever given text that passed {@link UnsafeXmlGuard}, and jsoup neither loads DTDs nor expands
 * entities other than HTML's, so leniency never reopens XXE or entity expansion.
 */
final class LenientFeedReader {
  private static final List<String> FULL_CONTENT = List.of("content:encoded", "content", "xhtml:body", "body", "fullitem");
  private static final List<String> SUMMARY = List.of("description", "summary", "dc:description", "abstract");
  private static final List<String> ITEM_DATES = List.of("pubdate", "dc:date", "published", "issued", "created",
      "updated", "modified");
  private static final List<String> FEED_DATES = List.of("pubdate", "lastbuilddate", "dc:date", "updated", "modified");

  private LenientFeedReader() {}

  /** One item as read leniently, with whether its title or body was base64 in the document. */
  record Item(FeedItem item, boolean base64) {}

  /** The feed, or {@code null} when the document's root is not {@code rss}, {@code rdf:RDF} or {@code feed}. */
  record Result(String type, String title, String link, Instant published, List<Item> items) {}

  static Result read(String xml, URI base) {
    Document doc = Jsoup.parse(xml, "", Parser.xmlParser());
    Element root = null;
    for (Element e : doc.children()) {
      String n = e.normalName();
      if (n.equals("rss") || n.equals("rdf:rdf") || n.equals("feed")) {
        root = e;
        break;
      }
    }
    if (root == null) {
      return null;
    }
    boolean atom = root.normalName().equals("feed");
    String type = atom ? (root.attr("version").equals("0.3") ? "atom_0.3" : "atom_1.0")
        : root.normalName().equals("rss") ? "rss_" + (root.hasAttr("version") ? root.attr("version") : "2.0") : "rss_1.0";
    Element channel = atom ? root : firstChild(root, List.of("channel"));
    if (channel == null) {
      channel = root;
    }
    String feedLink = link(channel, base);
    URI itemBase = base == null && feedLink != null ? URI.create(feedLink) : base;
    List<Item> items = new ArrayList<>();
    for (Element e : root.getElementsByTag(atom ? "entry" : "item")) {
      items.add(item(e, itemBase));
    }
    Text title = text(channel, List.of("title", "dc:title"));
    return new Result(type, title.value().isEmpty() ? null : title.value(), feedLink, date(channel, FEED_DATES), items);
  }

  private static Item item(Element e, URI base) {
    Text title = text(e, List.of("title", "dc:title"));
    Text body = Text.NONE;
    for (String name : FULL_CONTENT) {
      for (Element c : children(e, name)) {
        Text t = content(c);
        if (t.value().length() > body.value().length()) {
          body = t;
        }
      }
    }
    if (body.value().isEmpty()) {
      body = text(e, SUMMARY);
    }
    String guid = firstText(e, List.of("guid", "id"));
    if (guid == null && !e.attr("rdf:about").isBlank()) {
      guid = e.attr("rdf:about").trim();
    }
    Set<String> categories = new LinkedHashSet<>();
    for (Element c : e.children()) {
      if (c.normalName().equals("category") || c.normalName().equals("dc:subject")) {
        String name = c.hasAttr("term") ? c.attr("term") : c.text();
        if (!name.isBlank()) {
          categories.add(HtmlText.normalise(name));
        }
      }
    }
    Element author = firstChild(e, List.of("author", "dc:creator"));
    String authorName = null;
    if (author != null) {
      Element name = firstChild(author, List.of("name"));
      authorName = blankToNull(HtmlText.normalise(name != null ? name.text() : author.text()));
    }
    FeedItem item = new FeedItem(guid, link(e, base), title.value(), body.value(), date(e, ITEM_DATES), authorName,
        new ArrayList<>(categories));
    return new Item(item, title.base64() || body.base64());
  }

  /** Plain text and whether it was base64 in the document. */
  private record Text(String value, boolean base64) {
    static final Text NONE = new Text("", false);
  }

  private static Text text(Element parent, List<String> names) {
    for (String name : names) {
      for (Element c : children(parent, name)) {
        Text t = content(c);
        if (!t.value().isEmpty()) {
          return t;
        }
      }
    }
    return Text.NONE;
  }

  /** Plain text of a title or content element: markup children (xhtml), base64 (Atom {@code mode}), or text. */
  private static Text content(Element c) {
    String type = c.attr("type");
    if (c.attr("mode").equalsIgnoreCase("base64")) {
      String decoded = base64(c.wholeText());
      if (decoded != null) {
        return new Text(FeedParser.text(decoded, type.isEmpty() ? null : type), true);
      }
    }
    if (c.children().isEmpty()) {
      return new Text(FeedParser.text(c.wholeText(), type.isEmpty() ? null : type), false);
    }
    // markup in the document (xhtml:body, Atom type="xhtml", unescaped content:encoded): drop namespace prefixes so
    // that <xhtml:p> is a paragraph to the HTML converter
    Element copy = c.clone();
    for (Element d : copy.getAllElements()) {
      String n = d.tagName();
      int colon = n.indexOf(':');
      if (colon >= 0 && d != copy) {
        d.tagName(n.substring(colon + 1));
      }
    }
    return new Text(HtmlText.toPlainText(copy.html()), false);
  }

  private static String base64(String s) {
    try {
      return new String(Base64.getMimeDecoder().decode(s.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String link(Element parent, URI base) {
    for (Element l : children(parent, "link")) {
      String href = l.hasAttr("href") ? l.attr("href") : l.text();
      String rel = l.attr("rel");
      if ((rel.isEmpty() || rel.equals("alternate")) && !href.isBlank()) {
        String absolute = FeedParser.absolute(href, base, null);
        if (absolute != null) {
          return absolute;
        }
      }
    }
    return null;
  }

  private static Instant date(Element parent, List<String> names) {
    for (String name : names) {
      for (Element c : children(parent, name)) {
        Date d = DateParser.parseDate(c.text().trim(), Locale.US);
        if (d != null) {
          return d.toInstant();
        }
      }
    }
    return null;
  }

  private static String firstText(Element parent, List<String> names) {
    for (String name : names) {
      for (Element c : children(parent, name)) {
        if (!c.text().isBlank()) {
          return c.text().trim();
        }
      }
    }
    return null;
  }

  private static Element firstChild(Element parent, List<String> names) {
    for (String name : names) {
      List<Element> found = children(parent, name);
      if (!found.isEmpty()) {
        return found.get(0);
      }
    }
    return null;
  }

  /** Direct children named {@code name} (lower case), with or without a namespace prefix for unprefixed names. */
  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    for (Element c : parent.children()) {
      String n = c.normalName();
      if (n.equals(name) || name.indexOf(':') < 0 && n.endsWith(":" + name) && !n.startsWith("dc:")
          && !n.startsWith("content:") && !n.startsWith("xhtml:")) {
        out.add(c);
      }
    }
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
