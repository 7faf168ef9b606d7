package io.newssignals.enrich;

import io.newssignals.schema.DealEvent;
import io.newssignals.schema.EnrichedArticle;
import io.newssignals.schema.Entity;
import io.newssignals.schema.EntityType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The full names of organisations the text introduced, remembered from one article to the next in the order they
 * are judged (published order for a replay and for a live backlog, as novelty): a story that later calls "Quiver
 * Games" only "Quiver" names the same company, and its entities and events get the full name, so that one pair of
 * companies keeps one name through a storyline and its alerts. Only organisations the gazetteer does not know take
 * part; a first word two different remembered names start with is ambiguous and renames nothing.
 *
 * <p>Entries live in a {@link NoveltyStore} (the state store {@value EnrichTopology#NAME_STORE} in the live
 * service, a map in {@code extract} and {@code backtest}): key the first word, value the full name and the time the
 * name was last seen; entries not seen within the window are purged.
 */
final class NameMemory {

  /** How long a name introduced in one article is remembered (default of ENRICH_NAME_MEMORY_WINDOW). */
  static final Duration DEFAULT_WINDOW = Duration.ofDays(180);
  private static final String AMBIGUOUS = "\u0000";

  private final NoveltyStore store;
  private final long windowMs;

  NameMemory(NoveltyStore store, Duration window) {
    this.store = store;
    this.windowMs = window.toMillis();
  }

  static NameMemory inMemory(Duration window) {
    return new NameMemory(NoveltyStore.inMemory(), window);
  }

  /**
   * Gives the remembered full name to every one-word organisation of the article the gazetteer does not know (in
   * its entities and events, in place), then remembers the article's own full names. Returns the article.
   */
  EnrichedArticle apply(EnrichedArticle e, long publishedMillis) {
    if (windowMs <= 0) {
      return e;
    }
    Set<String> present = new HashSet<>();
    for (Entity x : e.getEntities()) {
      present.add(x.getName());
    }
    Map<String, String> renames = new HashMap<>();
    for (Entity x : e.getEntities()) {
      String name = x.getName();
      if (!introduced(x) || name.indexOf(' ') >= 0) {
        continue;
      }
      String full = remembered(name, publishedMillis);
      if (full != null && !present.contains(full)) {
        renames.put(name, full);
      }
    }
    if (!renames.isEmpty()) {
      rename(e, renames);
    }
    for (Entity x : e.getEntities()) {
      String name = x.getName();
      int space = name.indexOf(' ');
      if (introduced(x) && space > 0 && EntityTagger.usableShortForm(name.substring(0, space))) {
        remember(name.substring(0, space), name, publishedMillis);
      }
    }
    return e;
  }

  /** Removes the names not seen within the window before {@code nowMillis}; returns how many. */
  int purge(long nowMillis) {
    List<String> old = new ArrayList<>();
    store.forEach((k, v) -> {
      if (nowMillis - Entry.of(v).lastSeen() > windowMs) {
        old.add(k);
      }
    });
    old.forEach(store::delete);
    return old.size();
  }

  private static boolean introduced(Entity x) {
    return x.getType() == EntityType.ORG && x.getId() == null;
  }

  private String remembered(String firstWord, long at) {
    Entry e = Entry.of(store.get(firstWord));
    if (e == null || at - e.lastSeen() > windowMs) {
      return null;
    }
    return AMBIGUOUS.equals(e.fullName()) ? null : e.fullName();
  }

  private void remember(String firstWord, String full, long at) {
    Entry e = Entry.of(store.get(firstWord));
    String known = e == null || at - e.lastSeen() > windowMs ? null : e.fullName();
    String value = known == null || known.equals(full) ? full : AMBIGUOUS;
    long seen = e == null ? at : Math.max(at, e.lastSeen());
    store.put(firstWord, (value + '\t' + seen).getBytes(StandardCharsets.UTF_8));
  }

  /** A stored entry, "full name TAB last seen (epoch ms)", decoded once. */
  private record Entry(String fullName, long lastSeen) {
    static Entry of(byte[] v) {
      if (v == null) {
        return null;
      }
      String s = new String(v, StandardCharsets.UTF_8);
      int tab = s.lastIndexOf('\t');
      return new Entry(s.substring(0, tab), Long.parseLong(s.substring(tab + 1)));
    }
  }

  private static void rename(EnrichedArticle e, Map<String, String> renames) {
    for (Entity x : e.getEntities()) {
      x.setName(renames.getOrDefault(x.getName(), x.getName()));
    }
    for (DealEvent d : e.getEvents()) {
      List<String> parties = renamed(d.getParties(), renames);
      parties.sort(null);
      d.setParties(parties);
      d.setInvestors(renamed(d.getInvestors(), renames));
      d.setTarget(renamed(d.getTarget(), renames));
      d.setAcquirer(renamed(d.getAcquirer(), renames));
      d.setCompany(renamed(d.getCompany(), renames));
    }
  }

  private static List<String> renamed(List<String> names, Map<String, String> renames) {
    if (names == null) {
      return null;
    }
    List<String> out = new ArrayList<>(names.size());
    for (String n : names) {
      out.add(renames.getOrDefault(n, n));
    }
    return out;
  }

  private static String renamed(String name, Map<String, String> renames) {
    return name == null ? null : renames.getOrDefault(name, name);
  }
}
