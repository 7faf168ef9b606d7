package io.newssignals.ingest.feed;

import java.time.Instant;
import java.util.List;

/**
 * A parsed feed document.
 *
 * @param type Rome's feed type ({@code rss_2.0}, {@code atom_1.0}, ...)
 * @param title the feed's title, or {@code null}
 * @param link the feed's site link, or {@code null}
 * @param published the feed's own time (pubDate, lastBuildDate, updated), or {@code null}
 * @param items entries in document order
 * @param malformed {@code null} when the document parsed strictly; otherwise why it did not, the items being those
 *     a lenient reading recovered
 * @param hints the hub, topic and update rhythm the feed advertises
 */
public record ParsedFeed(String type, String title, String link, Instant published, List<FeedItem> items,
    String malformed, FeedHints hints) {
  public ParsedFeed {
    items = List.copyOf(items);
    hints = hints == null ? FeedHints.NONE : hints;
  }

  public ParsedFeed(String type, String title, String link, Instant published, List<FeedItem> items,
      String malformed) {
    this(type, title, link, published, items, malformed, FeedHints.NONE);
  }

  public ParsedFeed(String type, String title, String link, Instant published, List<FeedItem> items) {
    this(type, title, link, published, items, null);
  }
}
