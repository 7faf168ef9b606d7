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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * number and twice the fetch size) and a byte budget ({@link RecordLimits#MAX_REMEMBERED_BYTES}), the least recently
 * seen forgotten first. An id longer than {@link RecordLimits#MAX_ID_CHARS} is replaced by a hash of it.
 */
public final class ArticleDeduplicator {
  private static final Logger LOG = LoggerFactory.getLogger(ArticleDeduplicator.class);
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
        id = ArticleIds.bounded(item.guid());
        if (!remembered(state, id) && uniqueLink) {
          String known = aliases.get(link);
          if (known != null && !known.equals(id) && remembered(state, known) && !guidsInFetch.contains(known)) {
            id = known;
          }
        }
      } else if (uniqueLink) {
        id = ArticleIds.bounded(link);
      } else {
        id = ArticleIds.hashId(item.title(), item.published());
      }
      if (!decided.add(id)) {
        continue;
      }
      String key = rememberedKey(state, id);
      String hash = ArticleIds.contentHash(item.title(), item.body());
      String previous = seen.get(key);
      Decision d;
      if (previous == null) {
        d = new Decision(item, id, link, 1, Verdict.NEW);
      } else if (!previous.equals(hash)) {
        d = new Decision(item, id, link, revisions.getOrDefault(key, 1) + 1, Verdict.REVISION);
      } else {
        d = new Decision(item, id, link, revisions.getOrDefault(key, 1), Verdict.REPEAT);
      }
      decisions.add(d);
      seen.put(key, hash);
      revisions.put(key, d.revision());
      lastSeen.put(key, nowMillis);
      if (uniqueLink && !link.equals(id) && RecordLimits.utf8Length(link) <= ArticleIds.MAX_STATE_KEY_BYTES
          && RecordLimits.utf8Length(id) <= ArticleIds.MAX_STATE_KEY_BYTES) {
        aliases.put(link, id);
      }
    }
    int forgotten = evict(state, Math.max(recentIds, 2 * items.size()), RecordLimits.MAX_REMEMBERED_BYTES);
    if (forgotten > 0) {
      long lost = decided.stream().filter(id -> !seen.containsKey(ArticleIds.stateKey(id))).count();
      if (lost > 0) {
        LOG.warn("feed {}: {} ids of this fetch do not fit the {}-byte budget of remembered ids and will be published "
            + "again next time ({} remembered)", state.getFeedUrl(), lost, RecordLimits.MAX_REMEMBERED_BYTES, seen.size());
      } else {
        LOG.debug("feed {}: {} older ids forgotten to keep the remembered ids within {} bytes ({} remembered)",
            state.getFeedUrl(), forgotten, RecordLimits.MAX_REMEMBERED_BYTES, seen.size());
      }
    }
    return decisions;
  }

  private static boolean remembered(FeedState state, String id) {
    return state.getSeen().containsKey(ArticleIds.stateKey(id)) || state.getSeen().containsKey(id);
  }

  /**
   * The key under which {@code id} is remembered ({@link ArticleIds#stateKey}); an id an older version remembered
   * in full is moved to that key first, so that it stays known.
   */
  private static String rememberedKey(FeedState state, String id) {
    String key = ArticleIds.stateKey(id);
    if (!key.equals(id) && state.getSeen().containsKey(id)) {
      state.getSeen().put(key, state.getSeen().remove(id));
      Integer revision = state.getRevisions().remove(id);
      if (revision != null) {
        state.getRevisions().put(key, revision);
      }
      Long last = state.getLastSeen().remove(id);
      if (last != null) {
        state.getLastSeen().put(key, last);
      }
    }
    return key;
  }

  /**
   * Forgets the least recently seen ids beyond {@code cap} ids, and then as many more as needed for the remembered
   * ids to take at most {@code maxBytes} in the serialised state; returns how many the byte budget forgot.
   */
  static int evict(FeedState state, int cap, long maxBytes) {
    Map<String, String> seen = state.getSeen();
    Map<String, Long> lastSeen = state.getLastSeen();
    Map<String, Long> aliasBytes = new HashMap<>();
    long total = 0;
    for (Map.Entry<String, String> a : state.getAliases().entrySet()) {
      long b = stringBytes(a.getKey()) + stringBytes(a.getValue());
      aliasBytes.merge(a.getValue(), b, Long::sum);
      total += b;
    }
    for (Map.Entry<String, String> e : seen.entrySet()) {
      total += idBytes(e.getKey(), e.getValue());
    }
    if (seen.size() <= cap && total <= maxBytes) {
      return 0;
    }
    List<String> oldest = new ArrayList<>(seen.keySet());
    oldest.sort(Comparator.comparingLong((String id) -> lastSeen.getOrDefault(id, 0L)).thenComparing(id -> id));
    Set<String> dropped = new HashSet<>();
    int remaining = seen.size();
    int byBudget = 0;
    for (String id : oldest) {
      if (remaining <= cap && total <= maxBytes) {
        break;
      }
      if (remaining <= cap) {
        byBudget++;
      }
      dropped.add(id);
      remaining--;
      total -= idBytes(id, seen.get(id)) + aliasBytes.getOrDefault(id, 0L);
    }
    for (String id : dropped) {
      seen.remove(id);
      lastSeen.remove(id);
      state.getRevisions().remove(id);
    }
    state.getAliases().values().removeIf(dropped::contains);
    lastSeen.keySet().retainAll(seen.keySet());
    state.getRevisions().keySet().retainAll(seen.keySet());
    return byBudget;
  }

  /** Upper bound of what one remembered id costs in Avro: its key in seen, revisions and lastSeen, and its values. */
  private static long idBytes(String id, String hash) {
    return 3 * stringBytes(id) + stringBytes(hash) + 5 + 10;
  }

  /** Upper bound of an Avro string: a length of at most 5 bytes, then UTF-8. */
  private static long stringBytes(String s) {
    return 5L + RecordLimits.utf8Length(s);
  }
}
