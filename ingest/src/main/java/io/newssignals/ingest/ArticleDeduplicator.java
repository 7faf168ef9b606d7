package io.newssignals.ingest;

import io.newssignals.ingest.feed.FeedItem;
import io.newssignals.schema.FeedState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, for the items of one fetch, each article's id and whether it is new, a revision or a repeat, and
 * records what it saw in the feed's {@link FeedState} (its {@code seen}, {@code revisions}, {@code lastSeen} and
 * {@code aliases} maps).
 *
 * <p>Id rules, in order:
 * <ol>
 *   <li>the item's GUID when it has one and no other item of the same fetch shares it (feeds that give every item
 *       the same GUID fall through to the link);</li>
 *   <li>the canonical link ({@link ArticleIds#canonicalLink}) when no other item of the fetch shares it;</li>
 *   <li>a hash of title and the item's own time.</li>
 * </ol>
 * A GUID never seen before whose canonical link is already known under another id (and that id is not in this fetch)
 * keeps the known id: feeds that mint new GUIDs on every fetch do not republish their items.
 *
 * <p>An id seen before with the same content hash is a repeat (not published); with a different hash it is
 * published again as the next revision. Ids are remembered per feed up to a cap (the larger of the configured
 * number and twice the fetch size), the least recently seen forgotten first.
 */
public final class ArticleDeduplicator {
  /** What to do with one item. */
  public enum Verdict { NEW, REVISION, REPEAT }

  /**
   * One item's decision.
   *
   * @param item the parsed item
   * @param id its article id
   * @param canonicalLink its canonical link, or {@code null}
   * @param revision the revision to publish (1 for a new article)
   * @param verdict new, revision or repeat
   */
  public record Decision(FeedItem item, String id, String canonicalLink, int revision, Verdict verdict) {
    public boolean publish() {
      return verdict != Verdict.REPEAT;
    }
  }

  private final int recentIds;

  public ArticleDeduplicator(int recentIds) {
    this.recentIds = recentIds;
  }

  /**
   * Decides every item of a fetch and updates {@code state} in place (pass a copy when the caller may have to
   * discard the update). Items repeated within the fetch are decided once.
   */
  public List<Decision> apply(List<FeedItem> items, FeedState state, Instant now) {
    Map<String, String> seen = state.getSeen();
    Map<String, Integer> revisions = state.getRevisions();
    Map<String, Long> lastSeen = state.getLastSeen();
    Map<String, String> aliases = state.getAliases();

    Map<String, Integer> guidCount = new HashMap<>();
    Map<String, Integer> linkCount = new HashMap<>();
    List<String> links = new ArrayList<>(items.size());
    for (FeedItem item : items) {
      if (item.guid() != null) {
        guidCount.merge(item.guid(), 1, Integer::sum);
      }
      String link = ArticleIds.canonicalLink(item.link());
      links.add(link);
      if (link != null) {
        linkCount.merge(link, 1, Integer::sum);
      }
    }
    Set<String> guidsInFetch = new HashSet<>();
    for (Map.Entry<String, Integer> g : guidCount.entrySet()) {
      if (g.getValue() == 1) {
        guidsInFetch.add(g.getKey());
      }
    }

    List<Decision> decisions = new ArrayList<>(items.size());
    Set<String> decided = new HashSet<>();
    long nowMillis = now.toEpochMilli();
    for (int i = 0; i < items.size(); i++) {
      FeedItem item = items.get(i);
      String link = links.get(i);
      boolean uniqueLink = link != null && linkCount.get(link) == 1;
      String id;
      if (item.guid() != null && guidCount.get(item.guid()) == 1) {
        id = item.guid();
        if (!seen.containsKey(id) && uniqueLink) {
          String known = aliases.get(link);
          if (known != null && !known.equals(id) && seen.containsKey(known) && !guidsInFetch.contains(known)) {
            id = known;
          }
        }
      } else if (uniqueLink) {
        id = link;
      } else {
        id = ArticleIds.hashId(item.title(), item.published());
      }
      if (!decided.add(id)) {
        continue;
      }
      String hash = ArticleIds.contentHash(item.title(), item.body());
      String previous = seen.get(id);
      Decision d;
      if (previous == null) {
        d = new Decision(item, id, link, 1, Verdict.NEW);
      } else if (!previous.equals(hash)) {
        d = new Decision(item, id, link, revisions.getOrDefault(id, 1) + 1, Verdict.REVISION);
      } else {
        d = new Decision(item, id, link, revisions.getOrDefault(id, 1), Verdict.REPEAT);
      }
      decisions.add(d);
      seen.put(id, hash);
      revisions.put(id, d.revision());
      lastSeen.put(id, nowMillis);
      if (uniqueLink && !link.equals(id)) {
        aliases.put(link, id);
      }
    }
    evict(state, Math.max(recentIds, 2 * items.size()));
    return decisions;
  }

  private static void evict(FeedState state, int cap) {
    Map<String, String> seen = state.getSeen();
    if (seen.size() <= cap) {
      return;
    }
    Map<String, Long> lastSeen = state.getLastSeen();
    List<String> oldest = new ArrayList<>(seen.keySet());
    oldest.sort(Comparator.comparingLong((String id) -> lastSeen.getOrDefault(id, 0L)).thenComparing(id -> id));
    Set<String> dropped = new HashSet<>(oldest.subList(0, seen.size() - cap));
    for (String id : dropped) {
      seen.remove(id);
      lastSeen.remove(id);
      state.getRevisions().remove(id);
    }
    state.getAliases().values().removeIf(dropped::contains);
    lastSeen.keySet().retainAll(seen.keySet());
    state.getRevisions().keySet().retainAll(seen.keySet());
  }
}
