package io.newssignals.enrich;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads money amounts: "$10bn", "$2.5 billion", "€500 million", "USD 750m", "1 billion dollars", "£3.2bn",
 * "US$1.1 billion", "¥500 billion", "CHF 2 billion", "7 billion euros", and newswire style: "54 mln dlrs", "40 mln
 * stg", "1.5 billion Canadian dlrs". Values are in units (1 billion = 1e9); the
 * currency is the ISO code, USD when only "$" is given.
 */
public final class AmountParser {

  /** An amount found in text: [start, end), value in units, ISO currency. */
  public record Found(int start, int end, double value, String currency) {}

  /** "1,500,000.5", "1,8" (a decimal comma before one or two digits: "EUR 1,8 billion" in continental copy), "15". */
  private static final String NUM = "(\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+,\\d{1,2}(?!\\d)|\\d+(?:\\.\\d+)?)";
  private static final Pattern DECIMAL_COMMA = Pattern.compile("\\d+,\\d{1,2}");
  private static final String SCALE =
      "(trillion|tn|tln|billion|bn|bln|b|million|mn|mln|m|crore|crores|cr|lakh|lakhs|thousand|k)\\b";
  private static final Pattern SYMBOL_FIRST = Pattern.compile(
      "(US\\$|USD\\s?|C\\$|CAD\\s?|A\\$|AUD\\s?|HK\\$|S\\$|NZ\\$|\\$|€|EUR\\s?|£|GBP\\s?|¥|JPY\\s?|CNY\\s?|RMB\\s?|"
          + "CHF\\s?|SEK\\s?|NOK\\s?|DKK\\s?|INR\\s?|Rs\\.?\\s?|₹|KRW\\s?|₩|SGD\\s?|BRL\\s?|R\\$)\\s?" + NUM
          + "(?:\\s?-?" + SCALE + ")?",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern WORD_CURRENCY_AFTER = Pattern.compile(
      "(?<![\\w$€£¥.])" + NUM + "(?:\\s?-?" + SCALE + ")?\\s+(?:US\\s|U\\.S\\.\\s)?("
          + "Canadian dlrs|Canadian dollars|Australian dlrs|Australian dollars|Hong Kong dlrs|Hong Kong dollars|"
          + "New Zealand dlrs|Singapore dlrs|French francs|Swiss francs|Belgian francs|"
          + "dollars|dlrs|dlr|euros|euro|pounds sterling|pounds|stg|yen|marks|guilders|lire|lira|pesetas|"
          + "yuan|renminbi|francs|kronor|kroner|rupees|won)\\b",
      Pattern.CASE_INSENSITIVE);

  private static final Map<String, String> SYMBOLS = Map.ofEntries(Map.entry("US$", "USD"), Map.entry("USD", "USD"),
      Map.entry("$", "USD"), Map.entry("C$", "CAD"), Map.entry("CAD", "CAD"), Map.entry("A$", "AUD"),
      Map.entry("AUD", "AUD"), Map.entry("HK$", "HKD"), Map.entry("S$", "SGD"), Map.entry("NZ$", "NZD"),
      Map.entry("€", "EUR"), Map.entry("EUR", "EUR"), Map.entry("£", "GBP"), Map.entry("GBP", "GBP"),
      Map.entry("¥", "JPY"), Map.entry("JPY", "JPY"), Map.entry("CNY", "CNY"), Map.entry("RMB", "CNY"),
      Map.entry("CHF", "CHF"), Map.entry("SEK", "SEK"), Map.entry("NOK", "NOK"), Map.entry("DKK", "DKK"),
      Map.entry("INR", "INR"), Map.entry("RS", "INR"), Map.entry("RS.", "INR"), Map.entry("₹", "INR"),
      Map.entry("KRW", "KRW"), Map.entry("₩", "KRW"), Map.entry("SGD", "SGD"), Map.entry("BRL", "BRL"),
      Map.entry("R$", "BRL"));
  private static final Map<String, String> WORDS = Map.ofEntries(Map.entry("dollars", "USD"),
      Map.entry("euros", "EUR"), Map.entry("euro", "EUR"), Map.entry("pounds", "GBP"),
      Map.entry("pounds sterling", "GBP"), Map.entry("yen", "JPY"), Map.entry("yuan", "CNY"),
      Map.entry("renminbi", "CNY"), Map.entry("francs", "CHF"), Map.entry("swiss francs", "CHF"),
      Map.entry("kronor", "SEK"), Map.entry("kroner", "NOK"), Map.entry("rupees", "INR"), Map.entry("won", "KRW"),
      // newswire abbreviations ("15 mln dlrs", "40 mln stg") and the currencies of the 1980s wires
      Map.entry("dlrs", "USD"), Map.entry("dlr", "USD"), Map.entry("stg", "GBP"), Map.entry("marks", "DEM"),
      Map.entry("guilders", "NLG"), Map.entry("lire", "ITL"), Map.entry("lira", "ITL"), Map.entry("pesetas", "ESP"),
      Map.entry("canadian dlrs", "CAD"), Map.entry("canadian dollars", "CAD"), Map.entry("australian dlrs", "AUD"),
      Map.entry("australian dollars", "AUD"), Map.entry("hong kong dlrs", "HKD"), Map.entry("hong kong dollars", "HKD"),
      Map.entry("new zealand dlrs", "NZD"), Map.entry("singapore dlrs", "SGD"), Map.entry("french francs", "FRF"),
      Map.entry("belgian francs", "BEF"));

  private AmountParser() {}

  /** All amounts in the text, in order. A bare number without a currency is not an amount. */
  public static List<Found> findAll(String text) {
    List<Found> out = new ArrayList<>();
    Matcher m = SYMBOL_FIRST.matcher(text);
    while (m.find()) {
      String sym = m.group(1).strip().toUpperCase(Locale.ROOT);
      String cur = SYMBOLS.get(sym);
      if (cur == null) {
        continue;
      }
      if (sym.length() == 3 && Character.isLetter(sym.charAt(0)) && m.start() > 0
          && Character.isLetter(text.charAt(m.start() - 1))) {
        continue;
      }
      String scale = m.group(3);
      if (scale != null && scale.equalsIgnoreCase("b") && !m.group(1).contains("$")) {
        scale = null;
      }
      double v = number(m.group(2)) * scale(scale);
      int end = m.end();
      if (m.group(3) == null) {
        end = m.end(2);
      }
      out.add(new Found(m.start(), end, v, cur));
    }
    Matcher w = WORD_CURRENCY_AFTER.matcher(text);
    while (w.find()) {
      boolean overlaps = false;
      for (Found f : out) {
        if (f.start() < w.end() && w.start() < f.end()) {
          overlaps = true;
        }
      }
      if (!overlaps) {
        String cur = WORDS.get(w.group(3).toLowerCase(Locale.ROOT));
        out.add(new Found(w.start(), w.end(), number(w.group(1)) * scale(w.group(2)), cur));
      }
    }
    out.sort((a, b) -> Integer.compare(a.start(), b.start()));
    return out;
  }

  /** The first amount in the text, or null. */
  public static Found first(String text) {
    List<Found> all = findAll(text);
    return all.isEmpty() ? null : all.get(0);
  }

  private static double number(String s) {
    return Double.parseDouble(DECIMAL_COMMA.matcher(s).matches() ? s.replace(',', '.') : s.replace(",", ""));
  }

  private static double scale(String s) {
    if (s == null) {
      return 1;
    }
    return switch (s.toLowerCase(Locale.ROOT)) {
      case "trillion", "tn", "tln" -> 1e12;
      case "billion", "bn", "bln", "b" -> 1e9;
      case "million", "mn", "mln", "m" -> 1e6;
      case "crore", "crores", "cr" -> 1e7;
      case "lakh", "lakhs" -> 1e5;
      case "thousand", "k" -> 1e3;
      default -> 1;
    };
  }
}
