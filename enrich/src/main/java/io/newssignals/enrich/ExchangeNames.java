package io.newssignals.enrich;

import io.newssignals.schema.EntityType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * "Petrobras (B3: PETR4)", "Solenne Énergie S.A. (Euronext Paris: SOLEN)": the exchange named inside a ticker's
 * brackets is where the company is listed, not a company of the article; "the Dow Jones Industrial Average", "the
 * Nasdaq Composite" are market indices; "listed on Euronext Growth Milan" names the exchange a company is listed on.
 * Such mentions are dropped, and an organisation left with no mention with them.
 */
final class ExchangeNames {

  /** After the exchange's name: an optional city, the colon and the ticker, the closing bracket. */
  private static final Pattern TICKER_AFTER = Pattern.compile(
      "(?:\\s+[A-Z][a-z]+)?\\s*:\\s*[A-Z0-9][A-Z0-9.\\-]{0,9}\\s*[)\\]]");

  /** After a name that is part of an index's: " Industrial Average fell 0.3%", " Composite index". */
  private static final Pattern INDEX_AFTER = Pattern.compile(
      "\\s+(?:Industrial Average|Transportation Average|Composite|Index\\b|index\\b|futures\\b)");

  /** Before an exchange named as where a company is listed: "a Turin company listed on Euronext Growth Milan". */
  private static final Pattern LISTED_ON = Pattern.compile(
      "\\b(?:listed|traded|quoted|trades|trading|floated|debuted)\\s+on\\s+(?:the\\s+)?$", Pattern.CASE_INSENSITIVE);

  private ExchangeNames() {}

  static Tagging drop(Tagging tagging) {
    String text = tagging.document().text();
    List<Tagging.Mention> keep = new ArrayList<>();
    boolean changed = false;
    for (Tagging.Mention m : tagging.mentions()) {
      if (m.entity().type() == EntityType.ORG && (inTickerBracket(text, m) || listedOn(text, m)
          || INDEX_AFTER.matcher(text).region(m.end(), Math.min(text.length(), m.end() + 30)).lookingAt())) {
        changed = true;
      } else {
        keep.add(m);
      }
    }
    if (!changed) {
      return tagging;
    }
    Set<TaggedEntity> named = new HashSet<>();
    keep.forEach(m -> named.add(m.entity()));
    List<TaggedEntity> entities = new ArrayList<>();
    for (TaggedEntity e : tagging.entities()) {
      if (named.contains(e) || e.type() != EntityType.ORG) {
        entities.add(e);
      }
    }
    return new Tagging(tagging.document(), entities, keep);
  }

  private static boolean listedOn(String text, Tagging.Mention m) {
    return m.start() >= 10 && LISTED_ON.matcher(text).region(Math.max(0, m.start() - 30), m.start()).find();
  }

  private static boolean inTickerBracket(String text, Tagging.Mention m) {
    char before = Tagging.charBefore(text, m.start());
    return (before == '(' || before == '[')
        && TICKER_AFTER.matcher(text).region(m.end(), Math.min(text.length(), m.end() + 40)).lookingAt();
  }
}
