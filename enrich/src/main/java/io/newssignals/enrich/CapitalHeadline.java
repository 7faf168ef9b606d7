package io.newssignals.enrich;

import io.newssignals.schema.AcquisitionStage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads who buys what from an all-capital wire headline ("GAF CORP OFFERS 36 DLRS A SHARE CASH FOR BORG-WARNER",
 * "ROSPATCH CORP REJECTS OFFER FROM DIAGNOSTIC RETRIEVAL SYSTEMS INC", "DIXONS GROUP PLC BUYS 2,455,000 CYCLOPS
 * SHARES, NOW OWNS 83 PCT"), where capitalisation cannot tell names from words. The headline's words are looked up
 * in {@value #RESOURCE} (verbs, deal nouns, function words, each with its role); a run of words that are not listed
 * there is a name. The roles then give the parties: the buyer is the name before the deal word and the target the
 * first name after it, except after a sale ("... TO buyer"), a received or rejected offer ("target REJECTS ... FROM
 * buyer") and a merger ("... WITH/INTO other"). A headline with a hedge (MAY, NOT, DENIES, INTERESTED, TALKS, ...)
 * gives nothing, as the labelling guide labels no hypothetical deal.
 */
final class CapitalHeadline {
  static final String RESOURCE = "/enrich/headline-words.txt";

  enum Role { BUY, OFFER, MERGE, STAKE, SELL, RECEIVE, COMPLETE, ABANDON, HEDGE, FROM, TO, OBJECT, WITH, SUFFIX,
    FILLER }

  /** What a headline says: buyer, target, whether a minority stake, the stage, and which reading gave it. */
  record Reading(String buyer, String target, boolean stake, AcquisitionStage stage, String how,
      boolean unordered) { }

  private static final Map<String, Role> WORDS = load();
  private static final Pattern TICKER = Pattern.compile("<[^>]{1,12}>");
  private static final Pattern PCT = Pattern.compile("\\b(\\d+(?:\\.\\d+)?)\\s*(?:PCT|PERCENT|%)");

  private CapitalHeadline() { }

  /** One item of the headline: a name, or a listed word with its role. */
  private record Item(String name, Role role, String word) {
    boolean isName() {
      return name != null;
    }

    boolean is(Role r) {
      return role == r;
    }
  }

  /** Whether {@code title} is a headline in capitals (at least 90 % of its letters upper case, 8 or more). */
  static boolean isCapital(String title) {
    long letters = title.chars().filter(Character::isLetter).count();
    long upper = title.chars().filter(Character::isUpperCase).count();
    return letters >= 8 && upper >= letters * 0.9;
  }

  /** The deal the headline reports, or null when it reports none with both parties named. */
  static Reading read(String title, Set<String> places) {
    List<Item> items = items(TICKER.matcher(title).replaceAll(" "), places);
    for (Item it : items) {
      if (it.is(Role.HEDGE)) {
        return null;
      }
    }
    int anchor = -1;
    for (int i = 0; i < items.size(); i++) {
      Role r = items.get(i).role;
      if (r == Role.BUY || r == Role.OFFER || r == Role.MERGE || r == Role.SELL || r == Role.STAKE) {
        anchor = i;
        break;
      }
    }
    if (anchor < 0) {
      return null;
    }
    boolean abandoned = items.stream().anyMatch(i -> i.is(Role.ABANDON));
    boolean completed = items.stream().anyMatch(i -> i.is(Role.COMPLETE))
        || items.stream().anyMatch(i -> "BOUGHT".equals(i.word) || "ACQUIRED".equals(i.word) || "SOLD".equals(i.word));
    boolean offer = items.stream().anyMatch(i -> i.is(Role.OFFER) && !"ACQUISITION".equals(i.word)
        && !"AGREEMENT".equals(i.word) && !"PACT".equals(i.word) && !"DEAL".equals(i.word));
    boolean mergeWord = items.stream().anyMatch(i -> i.is(Role.MERGE));
    Role anchorRole = items.get(anchor).role;

    String buyer = null;
    String target = null;
    String how;
    boolean unordered = false;
    int subject = firstName(items, 0, anchor);
    int receive = firstRole(items, Role.RECEIVE, 0, items.size());
    if (anchorRole == Role.SELL) {
      // "X TO SELL UNIT Y TO Z", "X SELLS Y TO Z": Z buys Y (or X when no unit is named)
      int to = firstRole(items, Role.TO, anchor + 1, items.size());
      int b = to < 0 ? -1 : firstName(items, to + 1, items.size());
      if (b < 0) {
        return null;
      }
      buyer = items.get(b).name;
      int unit = lastName(items, anchor + 1, to); // "SELLS PLASTICS UNIT ORVEX TO": the unit's own name
      target = unit >= 0 ? items.get(unit).name : subject >= 0 ? items.get(subject).name : null;
      how = "sale to";
    } else if (receive >= 0 && subject >= 0 && subject < receive) {
      // "X REJECTS OFFER FROM Y", "X GETS Y BID", "X TO RECEIVE ... FOR UNIT FROM Y"
      int from = firstRole(items, Role.FROM, receive + 1, items.size());
      int b = from >= 0 ? firstName(items, from + 1, items.size()) : firstName(items, receive + 1, items.size());
      if (b < 0) {
        return null;
      }
      buyer = items.get(b).name;
      int forName = from >= 0 ? firstNameAfter(items, Role.OBJECT, receive + 1, from) : -1;
      target = forName >= 0 ? items.get(forName).name : items.get(subject).name;
      how = "offer received";
    } else if (firstRole(items, Role.FROM, anchor + 1, items.size()) >= 0 && subject >= 0
        && firstName(items, anchor + 1, firstRole(items, Role.FROM, anchor + 1, items.size())) < 0
        && anchorRole != Role.BUY) {
      // "X ACQUIRED BY Y" is BUY + FROM with no name between: passive
      int from = firstRole(items, Role.FROM, anchor + 1, items.size());
      int b = firstName(items, from + 1, items.size());
      if (b < 0) {
        return null;
      }
      buyer = items.get(b).name;
      target = items.get(subject).name;
      how = "passive";
    } else if (anchorRole == Role.BUY && subject >= 0 && "ACQUIRED".equals(items.get(anchor).word)
        && anchor + 1 < items.size() && items.get(anchor + 1).is(Role.FROM)) {
      int b = firstName(items, anchor + 2, items.size());
      if (b < 0) {
        return null;
      }
      buyer = items.get(b).name;
      target = items.get(subject).name;
      how = "passive";
    } else if (mergeWord && firstName(items, anchor + 1, items.size()) < 0) {
      // "X, Y AGREE TO MERGE", "X AND Y SIGN MERGER AGREEMENT": two names before, none after
      int first = firstName(items, 0, anchor);
      int second = first < 0 ? -1 : firstName(items, first + 1, anchor);
      if (second < 0) {
        return null;
      }
      buyer = items.get(first).name;
      target = items.get(second).name;
      unordered = true;
      how = "merger of two";
    } else {
      // "X BUYS Y", "X MAKES BID FOR Y", "FED APPROVES X ACQUISITION OF Y", "X HAS 7.2 PCT Y STAKE"
      int b = lastName(items, 0, anchor);
      int t = firstName(items, anchor + 1, items.size());
      if (b < 0 || t < 0) {
        return null;
      }
      int into = firstRole(items, Role.WITH, anchor + 1, t);
      buyer = items.get(b).name;
      target = items.get(t).name;
      if (into >= 0 && "INTO".equals(items.get(into).word)) {
        String s = buyer;
        buyer = target;
        target = s;
      }
      unordered = mergeWord && into >= 0 && "WITH".equals(items.get(into).word);
      how = "subject-object";
    }
    if (buyer == null || target == null || buyer.equalsIgnoreCase(target)) {
      return null;
    }
    double pct = -1;
    Matcher m = PCT.matcher(title);
    while (m.find()) {
      pct = Math.max(pct, Double.parseDouble(m.group(1)));
    }
    boolean stakeWords = items.stream().anyMatch(i -> i.is(Role.STAKE));
    boolean control = offer || mergeWord
        || items.stream().anyMatch(i -> "CONTROL".equals(i.word) || "MAJORITY".equals(i.word));
    boolean stake = !"sale to".equals(how) && stakeWords && !control && pct <= 50 && !"offer received".equals(how);
    AcquisitionStage stage = abandoned ? AcquisitionStage.ABANDONED
        : completed ? AcquisitionStage.COMPLETED
        : offer ? AcquisitionStage.RUMORED
        : AcquisitionStage.ANNOUNCED;
    return new Reading(buyer, target, stake, stage, how, unordered);
  }

  private static int firstName(List<Item> items, int from, int to) {
    for (int i = Math.max(0, from); i < Math.min(to, items.size()); i++) {
      if (items.get(i).isName()) {
        return i;
      }
    }
    return -1;
  }

  private static int lastName(List<Item> items, int from, int to) {
    for (int i = Math.min(to, items.size()) - 1; i >= Math.max(0, from); i--) {
      if (items.get(i).isName()) {
        return i;
      }
    }
    return -1;
  }

  private static int firstRole(List<Item> items, Role role, int from, int to) {
    for (int i = Math.max(0, from); i < Math.min(to, items.size()); i++) {
      if (items.get(i).is(role)) {
        return i;
      }
    }
    return -1;
  }

  /** The first name right after a word of {@code role} (between {@code from} and {@code to}). */
  private static int firstNameAfter(List<Item> items, Role role, int from, int to) {
    for (int i = Math.max(0, from); i + 1 < Math.min(to, items.size()); i++) {
      if (items.get(i).is(role) && items.get(i + 1).isName()) {
        return i + 1;
      }
    }
    return -1;
  }

  /**
   * The headline as names and listed words. A name is a run of unlisted words without digits (joined by AND or
   * "&amp;" inside the run, continued by a suffix word such as GROUP); a comma, a possessive, a listed word or a
   * number ends it. A name that is a place ("SWEDEN'S BOLIDEN AB") is dropped.
   */
  private static List<Item> items(String headline, Set<String> places) {
    List<Item> out = new ArrayList<>();
    List<String> name = new ArrayList<>();
    String[] tokens = headline.strip().split("\\s+");
    for (int k = 0; k < tokens.length; k++) {
      String raw = tokens[k];
      boolean endsName = raw.endsWith(",") || raw.endsWith(";") || raw.endsWith(":");
      String w = raw.replaceAll("^[\"'(\\[]+|[\"')\\],;:.!?]+$", "");
      boolean possessive = false;
      if (w.endsWith("'S") && w.length() > 2) {
        w = w.substring(0, w.length() - 2);
        possessive = true;
      }
      if (w.isEmpty()) {
        flush(name, out, places);
        continue;
      }
      Role r = WORDS.get(w);
      if (r == null) {
        r = w.endsWith(".") ? WORDS.get(w.substring(0, w.length() - 1)) : WORDS.get(w + ".");
      }
      if (r == null && w.indexOf('/') > 0) {
        // "DLRS/SHR", "DLR/SHARE": a listed word or a number on either side makes the token a word, not a name
        for (String part : w.split("/")) {
          if (WORDS.containsKey(part) || part.chars().anyMatch(Character::isDigit)) {
            r = Role.FILLER;
          }
        }
      }
      boolean number = w.chars().anyMatch(Character::isDigit);
      if ((w.equals("AND") || w.equals("&")) && !name.isEmpty() && k + 1 < tokens.length
          && !endsName && isNameWord(tokens[k + 1])) {
        name.add(w);
        continue;
      }
      if (r == Role.SUFFIX && !name.isEmpty()) {
        name.add(w);
      } else if (r == null && !number && w.chars().anyMatch(Character::isLetter)) {
        name.add(w);
      } else {
        flush(name, out, places);
        out.add(new Item(null, r == null || r == Role.SUFFIX ? Role.FILLER : r, w));
      }
      if (endsName || possessive) {
        flush(name, out, places);
      }
    }
    flush(name, out, places);
    return out;
  }

  private static boolean isNameWord(String token) {
    String w = token.replaceAll("^[\"'(\\[]+|[\"')\\],;:.!?]+$", "").replaceAll("'S$", "");
    return !w.isEmpty() && !WORDS.containsKey(w) && w.chars().noneMatch(Character::isDigit);
  }

  private static void flush(List<String> name, List<Item> out, Set<String> places) {
    if (name.isEmpty()) {
      return;
    }
    String n = titleCase(name);
    name.clear();
    if (n.length() < 2 || n.split(" ").length > 6 || places.contains(n)) {
      out.add(new Item(null, Role.FILLER, n));
      return;
    }
    out.add(new Item(n, null, null));
  }

  /** "AIR CANADA" to "Air Canada"; short or vowel-less words stay capitals ("IC GAS" to "IC Gas", "TWA"). */
  static String titleCase(List<String> words) {
    StringBuilder b = new StringBuilder();
    for (String w : words) {
      if (b.length() > 0) {
        b.append(' ');
      }
      boolean acronym = w.length() <= 3 && !Set.of("AND", "OF", "CO", "THE", "AIR", "OIL", "GAS").contains(w)
          || !w.matches(".*[AEIOUY].*");
      if (acronym) {
        b.append(w);
        continue;
      }
      StringBuilder part = new StringBuilder();
      boolean start = true;
      for (char c : w.toCharArray()) {
        part.append(start ? c : Character.toLowerCase(c));
        start = !Character.isLetter(c) && c != '\'';
      }
      b.append(w.equals("AND") ? "and" : w.equals("OF") ? "of" : part);
    }
    return b.toString();
  }

  private static Map<String, Role> load() {
    try (InputStream in = CapitalHeadline.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      Map<String, Role> out = new HashMap<>();
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int n = 0; n < lines.length; n++) {
        String line = lines[n].strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int colon = line.indexOf(':');
        Role role;
        try {
          role = colon < 0 ? null : Role.valueOf(line.substring(0, colon).strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
          role = null;
        }
        if (role == null) {
          throw new IllegalStateException(RESOURCE + ":" + (n + 1) + ": expected \"category: WORD ...\" with a"
              + " category of " + List.of(Role.values()).toString().toLowerCase(Locale.ROOT) + ", got: " + line);
        }
        for (String w : line.substring(colon + 1).strip().split("\\s+")) {
          Role before = out.put(w, role);
          if (before != null && before != role) {
            throw new IllegalStateException(RESOURCE + ":" + (n + 1) + ": " + w + " is listed as "
                + before.name().toLowerCase(Locale.ROOT) + " and as " + role.name().toLowerCase(Locale.ROOT));
          }
        }
      }
      return Map.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
