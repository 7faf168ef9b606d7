package io.newssignals.enrich;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Capitalised word runs the rule tagger left untagged ("Turkcell signed ...", "... with Huaxin Lidar"), with the
 * features a learned model reads to decide whether each names an organisation: its words and their shapes, the
 * words around it, where it stands and whether the story repeats it. Shared by {@link OrgModelStage} and
 * {@link TrainOrgModelCommand}, so that training and use see the same candidates.
 */
final class OrgCandidates {

  /** One candidate: [start, end) in the document text, its text and features. */
  record Candidate(int start, int end, String text, String[] features) {}

  private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}&'\u2019.\\-]*");
  /** Lower-case words inside a name ("Bank of America"); "and" is not one: "Veltro Energy and Kestrel Grid" is two. */
  private static final Set<String> CONNECTORS = Set.of("of", "&", "de", "du", "van", "von", "der", "la", "del",
      "da", "do", "dos", "y", "f\u00fcr");
  /** Function words that open a sentence in capitals without being part of a name. */
  private static final Set<String> OPENERS = Set.of("The", "A", "An", "In", "On", "At", "For", "But", "And", "As", "If",
      "When", "While", "After", "Before", "Its", "Their", "This", "That", "These", "Those", "Both", "Then", "Now",
      "With", "From", "By", "Of", "To", "Since", "Under", "Meanwhile", "However", "Also", "Still", "Yet", "Even",
      "Only", "So", "Our", "We", "I", "He", "She", "It", "They", "His", "Her", "Shares", "Analysts", "Last", "Next");
  static final int MAX_TOKENS = 6;

  private OrgCandidates() {}

  /** The candidates of a tagged document: capitalised runs that overlap no mention of any entity. */
  static List<Candidate> of(Tagging tagging, Set<String> common) {
    Document doc = tagging.document();
    String text = doc.text();
    boolean[] taken = new boolean[text.length() + 1];
    boolean[] org = new boolean[text.length() + 1];
    for (Tagging.Mention m : tagging.mentions()) {
      boolean isOrg = m.entity().type() == io.newssignals.schema.EntityType.ORG;
      for (int i = m.start(); i < m.end() && i < taken.length; i++) {
        taken[i] = true;
        org[i] = isOrg;
      }
    }
    Map<String, Integer> counts = new HashMap<>();
    List<int[]> runs = new ArrayList<>();
    List<List<int[]>> runTokens = new ArrayList<>();
    for (Document.Sentence s : doc.sentences()) {
      List<int[]> toks = new ArrayList<>();
      Matcher m = TOKEN.matcher(text).region(s.start(), s.end());
      while (m.find()) {
        int end = m.end();
        while (end > m.start() && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '\''
            || text.charAt(end - 1) == '\u2019' || text.charAt(end - 1) == '-')) {
          end--;
        }
        toks.add(new int[] {m.start(), end});
      }
      int i = 0;
      while (i < toks.size()) {
        if (!isCap(text, toks.get(i)) || taken[toks.get(i)[0]]) {
          i++;
          continue;
        }
        int j = i;
        int last = i;
        while (j + 1 < toks.size()) {
          int[] nx = toks.get(j + 1);
          String gap = text.substring(toks.get(j)[1], nx[0]).strip();
          if (taken[nx[0]] || !(gap.isEmpty() || gap.equals("&"))) {
            break; // "in May, and Loomwise says": a comma ends the run ("Oat & Acre" does not)
          }
          if (isCap(text, nx)) {
            j++;
            last = j;
          } else if (CONNECTORS.contains(word(text, nx)) && j + 2 < toks.size() && isCap(text, toks.get(j + 2))
              && !taken[toks.get(j + 2)[0]]) {
            j += 2;
            last = j;
          } else {
            break;
          }
        }
        int from = i;
        while (from <= last && from == i && OPENERS.contains(word(text, toks.get(from), false))) {
          from++;
          i++;
        }
        if (from <= last && last - from < MAX_TOKENS
            && free(taken, toks.get(from)[0], toks.get(last)[1])) {
          List<int[]> span = toks.subList(from, last + 1);
          int start = span.get(0)[0];
          int end = possessiveTrimmed(text, start, span.get(span.size() - 1)[1]);
          runs.add(new int[] {start, end, s.index(), s.title() ? 1 : 0});
          runTokens.add(new ArrayList<>(toks.subList(Math.max(0, from - 2), Math.min(toks.size(), last + 3))));
          counts.merge(text.substring(start, end), 1, Integer::sum);
        }
        i = last + 1;
      }
    }
    List<Candidate> out = new ArrayList<>();
    for (int k = 0; k < runs.size(); k++) {
      int[] r = runs.get(k);
      String t = text.substring(r[0], r[1]);
      out.add(new Candidate(r[0], r[1], t, features(text, r, runTokens.get(k), counts.get(t), org, common)));
    }
    return out;
  }

  /** No character of [start, end) belongs to a mention ("Ex-Google" holds the mention Google). */
  private static boolean free(boolean[] taken, int start, int end) {
    for (int k = start; k < end; k++) {
      if (taken[k]) {
        return false;
      }
    }
    return true;
  }

  /** "Turkcell's" names Turkcell. */
  private static int possessiveTrimmed(String text, int start, int end) {
    if (end - start > 3 && (text.startsWith("'s", end - 2) || text.startsWith("\u2019s", end - 2))) {
      return end - 2;
    }
    return end;
  }

  /** "X and Apple", "Apple, X": a list joined to a known organisation. */
  private static final Pattern JOIN_AFTER = Pattern.compile("^(?:'s|\u2019s)?\\s*(?:,|and|&|or|with)\\s+(?:the\\s+)?");
  private static final Pattern JOIN_BEFORE = Pattern.compile("(?:,|\\band|&|\\bor|\\bwith|\\bbetween)\\s+$");
  /** Verbs a company is the subject of, by class, so that one seen verb stands for its class. */
  private static final Map<String, String> VERB_CLASS = verbClasses();

  private static Map<String, String> verbClasses() {
    Map<String, String> m = new HashMap<>();
    for (String w : List.of("said", "says", "told", "announced", "announces", "confirmed", "confirms", "stated",
        "disclosed", "reported", "reports", "declined", "denied", "added", "noted", "expects", "expected")) {
      m.put(w, "speech");
    }
    for (String w : List.of("signed", "signs", "agreed", "agrees", "raised", "raises", "acquired", "acquires", "bought",
        "buys", "sold", "sells", "closed", "closes", "partnered", "partners", "teamed", "teams", "launched", "launches",
        "invested", "invests", "struck", "strikes", "inked", "inks", "formed", "forms", "ended", "ends", "terminated",
        "dropped", "joined", "joins", "won", "wins", "hired", "hires", "filed", "files", "sued", "sues", "shares",
        "stock", "rose", "fell", "jumped", "slid", "gained", "dropped", "plans", "will", "has", "had", "is", "was")) {
      m.putIfAbsent(w, "act");
    }
    return Map.copyOf(m);
  }

  /**
   * Lower-case words common in news text ("clean", "energy", "public", "health"): a run of nothing but these is more
   * often a capitalised topic ("Clean Energy") than a company. Learned from the training articles by
   * {@code train-org-model}, which writes it beside the model.
   */
  static Set<String> commonWords(Iterable<String> texts, int minCount) {
    Map<String, Integer> n = new HashMap<>();
    for (String t : texts) {
      Matcher m = LOWER_WORD.matcher(t);
      while (m.find()) {
        n.merge(m.group(), 1, Integer::sum);
      }
    }
    Set<String> out = new TreeSet<>();
    n.forEach((w, c) -> {
      if (c >= minCount) {
        out.add(w);
      }
    });
    return out;
  }

  private static final Pattern LOWER_WORD =
      Pattern.compile("(?<![\\p{L}\\p{N}&'\u2019\\-])\\p{Ll}{2,}(?![\\p{L}\\p{N}&\\-])");

  private static String[] features(String text, int[] r, List<int[]> window, int count, boolean[] org,
      Set<String> common) {
    Set<String> f = new LinkedHashSet<>();
    List<String> inside = new ArrayList<>();
    String prev = "^";
    String prev2 = "^";
    String next = "$";
    String next2 = "$";
    for (int k = 0; k < window.size(); k++) {
      int[] t = window.get(k);
      if (t[1] <= r[0]) {
        prev2 = prev;
        prev = word(text, t);
      } else if (t[0] >= r[1]) {
        if ("$".equals(next)) {
          next = word(text, t);
        } else if ("$".equals(next2)) {
          next2 = word(text, t);
        }
      } else {
        inside.add(text.substring(t[0], t[1]));
      }
    }
    f.add("n=" + Math.min(inside.size(), 4));
    for (int k = 0; k < inside.size(); k++) {
      String w = inside.get(k);
      f.add("shape=" + shape(w));
      if (k == 0) {
        f.add("first=" + w.toLowerCase(Locale.ROOT));
      }
      if (k == inside.size() - 1) {
        f.add("last=" + w.toLowerCase(Locale.ROOT));
        String lw = w.toLowerCase(Locale.ROOT);
        f.add("suf=" + (lw.length() > 3 ? lw.substring(lw.length() - 3) : lw));
      }
    }
    f.add("prev=" + prev);
    f.add("prev2=" + prev2 + "_" + prev);
    f.add("next=" + next);
    f.add("next2=" + next + "_" + next2);
    f.add(r[3] == 1 ? "in=title" : "in=body");
    f.add(prev.equals("^") ? "start" : "inside");
    f.add("repeats=" + Math.min(count, 3));
    if (r[1] + 1 < text.length() && (text.startsWith("'s", r[1]) || text.startsWith("\u2019s", r[1]))) {
      f.add("possessive");
    }
    if (r[1] < text.length() && text.charAt(r[1]) == ',') {
      f.add("comma-after");
    }
    Matcher after = JOIN_AFTER.matcher(text).region(r[1], Math.min(text.length(), r[1] + 16));
    if (after.lookingAt() && after.end() < text.length() && org[after.end()]) {
      f.add("joined-to-org");
    }
    int from = Math.max(0, r[0] - 16);
    Matcher before = JOIN_BEFORE.matcher(text).region(from, r[0]);
    if (before.find()) {
      int k = before.start() - 1;
      while (k >= 0 && Character.isWhitespace(text.charAt(k))) {
        k--;
      }
      if (k >= 0 && org[k]) {
        f.add("joined-to-org");
      }
    }
    int commonWords = 0;
    String[] words = text.substring(r[0], r[1]).split("[\\s&]+");
    for (String w : words) {
      if (common.contains(w.toLowerCase(Locale.ROOT))) {
        commonWords++;
      }
    }
    f.add(commonWords == 0 ? "common=none" : commonWords == words.length ? "common=all" : "common=some");
    String verb = VERB_CLASS.get(next);
    if (verb != null) {
      f.add("next-verb=" + verb);
    }
    return f.toArray(new String[0]);
  }

  private static String shape(String w) {
    StringBuilder b = new StringBuilder();
    char last = 0;
    for (int i = 0; i < w.length() && b.length() < 6; i++) {
      char c = w.charAt(i);
      char s = Character.isUpperCase(c) ? 'X' : Character.isLowerCase(c) ? 'x' : Character.isDigit(c) ? 'd' : c;
      if (s != last) {
        b.append(s);
        last = s;
      }
    }
    return b.toString();
  }

  private static boolean isCap(String text, int[] t) {
    char c = text.charAt(t[0]);
    return Character.isUpperCase(c);
  }

  private static String word(String text, int[] t) {
    return word(text, t, true);
  }

  private static String word(String text, int[] t, boolean lower) {
    String w = text.substring(t[0], t[1]);
    return lower ? w.toLowerCase(Locale.ROOT) : w;
  }
}
