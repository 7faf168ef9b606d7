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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The full names of organisations the text introduced, remembered from one article to the next in the order they
 * are judged (published order for a replay and for a live backlog, as novelty): a story that later calls "Quiver
 * Games" only "Quiver" names the same company, and its entities and events get the full name, so that one pair of
 * companies keeps one name through a storyline and its alerts. Only organisations the gazetteer does not know take
 * part; a first word two different remembered names start with is ambiguous and renames nothing.
 *
 * <p>The organisations an article introduced and named twice or made a party to an event are remembered too: a
 * later article that writes one of them without the cues the tagger needs ("Tessel added 2.8%" in a market wrap) is
 * read again with the name tagged ({@link EnrichmentPipeline#remembering}).
 *
 * <p>Entries live in a {@link NoveltyStore} (the state store {@value EnrichTopology#NAME_STORE} in the live
 * service, a map in {@code extract} and {@code backtest}): key the first word (a remembered organisation's key is
 * its name after the prefix U+0002), value the full name and the time the
 * name was last seen; entries not seen within the window are purged.
 */
final class NameMemory {

  /** How long a name introduced in one article is remembered (default of ENRICH_NAME_MEMORY_WINDOW). */
  static final Duration DEFAULT_WINDOW = Duration.ofDays(180);
  private static final String AMBIGUOUS = "\u0000";
  /** Key prefix of a remembered organisation (the first-word keys of full names have none). */
  private static final char ORG_KEY = '\u0002';
  /** At most this many words in a remembered organisation's name. */
  private static final int MAX_ORG_WORDS = 4;
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}&\\-]*");

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

  /**
   * The organisations remembered from earlier articles (within the window) that this text writes and the article's
   * entities do not already name: "Tessel added 2.8%" in a market wrap names the Tessel that earlier stories
   * introduced. Looked up by every run of up to four words that starts with a capital or holds one.
   */
  Set<String> rememberedIn(String text, Set<String> entityNames, long at) {
    if (windowMs <= 0) {
      return Set.of();
    }
    List<int[]> words = new ArrayList<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      words.add(new int[] {m.start(), m.end()});
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < words.size(); i++) {
      if (!hasUpperCase(text, words.get(i))) {
        continue;
      }
      for (int k = i; k < words.size() && k < i + MAX_ORG_WORDS; k++) {
        if (k > i && !(words.get(k)[0] == words.get(k - 1)[1] + 1 && text.charAt(words.get(k - 1)[1]) == ' ')) {
          break; // a name's words are one space apart
        }
        String name = text.substring(words.get(i)[0], words.get(k)[1]);
        if (entityNames.contains(name) || out.contains(name)) {
          continue;
        }
        Entry e = Entry.of(store.get(ORG_KEY + name));
        if (e != null && at - e.lastSeen() <= windowMs) {
          out.add(name);
        }
      }
    }
    return out;
  }

  private static boolean hasUpperCase(String text, int[] w) {
    for (int i = w[0]; i < w[1]; i++) {
      if (Character.isUpperCase(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Remembers the organisations this article introduced (the gazetteer does not know them) that it names at least
   * twice or makes a party to an event: enough evidence that the name is a company for the next article to take it.
   */
  void rememberOrganisations(EnrichedArticle e, long at) {
    if (windowMs <= 0) {
      return;
    }
    Set<String> parties = new HashSet<>();
    for (DealEvent d : e.getEvents()) {
      parties.addAll(d.getParties());
    }
    for (Entity x : e.getEntities()) {
      String name = x.getName();
      if (!introduced(x) || !(x.getMentions() >= 2 || parties.contains(name)) || !rememberable(name)) {
        continue;
      }
      Entry old = Entry.of(store.get(ORG_KEY + name));
      long seen = old == null ? at : Math.max(at, old.lastSeen());
      store.put(ORG_KEY + name, (name + '\t' + seen).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A name worth remembering: at most four words; a one-word name neither a common word nor a place or first name. */
  private static boolean rememberable(String name) {
    int words = name.split(" ").length;
    if (words > MAX_ORG_WORDS || name.indexOf('\t') >= 0) {
      return false;
    }
    return words > 1 || EntityTagger.usableShortForm(name) && !EntityTagger.isCommonWord(name);
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
