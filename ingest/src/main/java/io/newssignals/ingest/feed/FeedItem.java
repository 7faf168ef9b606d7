package io.newssignals.ingest.feed;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a parsed feed, text already converted to plain text.
 *
 * @param guid the item's own identifier (RSS guid, Atom id, RDF about), or {@code null}
 * @param link absolute link to the story, or {@code null}
 * @param title plain-text title (may be empty)
 * @param body plain-text body: full content when the feed has it, else the summary
 * @param published the item's own time, or {@code null} when it has none
 * @param author author, or {@code null}
 * @param categories category names
 */
public record FeedItem(
    String guid, String link, String title, String body, Instant published, String author, List<String> categories) {
  public FeedItem {
    categories = categories == null ? List.of() : List.copyOf(categories);
  }
}
