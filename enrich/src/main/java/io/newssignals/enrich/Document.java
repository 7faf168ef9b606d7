package io.newssignals.enrich;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An article's text as one string (title, a blank line, body) split into sentences. The title is sentence 0 when
 * present; offsets are into {@link #text()}.
 */
public final class Document {

  /** One sentence: [start, end) in the document text. */
  public record Sentence(int index, int start, int end, boolean title) {}

  private static final Set<String> ABBREVIATIONS = Set.of("inc", "corp", "co", "ltd", "mr", "mrs", "ms", "dr", "st",
      "jr", "sr", "vs", "no", "nos", "u.s", "u.k", "e.g", "i.e", "approx", "jan", "feb", "mar", "apr", "jun", "jul",
      "aug", "sep", "sept", "oct", "nov", "dec", "prof", "gov", "sen", "rep", "gen", "bros", "plc", "llc", "est", "fig",
      "dept", "a.m", "p.m", "etc", "al", "cf", "u.s.a", "s.a", "n.v", "ag");
  private static final Set<String> STARTERS = Set.of("The", "It", "He", "She", "They", "This", "That", "Its", "In",
      "On", "A", "An", "But", "Shares", "Analysts", "Their", "We", "Under", "After", "Meanwhile", "However");

  private final String text;
  private final int bodyStart;
  private final int titleEnd;
  private final List<Sentence> sentences;

  private Document(String text, int titleEnd, int bodyStart, List<Sentence> sentences) {
    this.text = text;
    this.titleEnd = titleEnd;
    this.bodyStart = bodyStart;
    this.sentences = Collections.unmodifiableList(sentences);
  }

  /** Builds the document from a title and a plain-text body. */
  public static Document of(String title, String body) {
    String t = title == null ? "" : title.strip();
    String b = body == null ? "" : body;
    String text = t + "\n\n" + b;
    int bodyStart = t.length() + 2;
    List<Sentence> out = new ArrayList<>();
    if (!t.isEmpty()) {
      out.add(new Sentence(0, 0, t.length(), true));
    }
    split(text, bodyStart, text.length(), out);
    return new Document(text, t.length(), bodyStart, out);
  }

  public String text() {
    return text;
  }

  public int titleEnd() {
    return titleEnd;
  }

  public int bodyStart() {
    return bodyStart;
  }

  public List<Sentence> sentences() {
    return sentences;
  }

  public String sentenceText(Sentence s) {
    return text.substring(s.start(), s.end());
  }

  /** The sentence containing this offset, or null. */
  public Sentence sentenceAt(int offset) {
    int lo = 0;
    int hi = sentences.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      Sentence s = sentences.get(mid);
      if (offset < s.start()) {
        hi = mid - 1;
      } else if (offset >= s.end()) {
        lo = mid + 1;
      } else {
        return s;
      }
    }
    return null;
  }

  /** Index of the first body sentence. */
  public int firstBodySentence() {
    return sentences.isEmpty() || !sentences.get(0).title() ? 0 : 1;
  }

  private static void split(String text, int from, int to, List<Sentence> out) {
    int start = skipSpace(text, from, to);
    int i = start;
    while (i < to) {
      char c = text.charAt(i);
      if (c == '\n') {
        add(text, start, i, out);
        start = skipSpace(text, i + 1, to);
        i = start;
        continue;
      }
      if (c == '.' || c == '!' || c == '?') {
        int end = i + 1;
        while (end < to && isCloser(text.charAt(end))) {
          end++;
        }
        if (end >= to) {
          break;
        }
        if (Character.isWhitespace(text.charAt(end))) {
          int next = skipInlineSpace(text, end, to);
          if (next < to && text.charAt(next) != '\n' && startsSentence(text, next)
              && !(c == '.' && isAbbreviation(text, start, i, next, to))) {
            add(text, start, end, out);
            start = next;
            i = next;
            continue;
          }
        }
      }
      i++;
    }
    add(text, start, to, out);
  }

  private static boolean isCloser(char c) {
    return c == '"' || c == '\'' || c == ')' || c == '\u201d' || c == '\u2019';
  }

  private static boolean startsSentence(String text, int i) {
    char c = text.charAt(i);
    if (Character.isUpperCase(c) || Character.isDigit(c) || c == '"' || c == '\u201c' || c == '(' || c == '\'') {
      return true;
    }
    // a cashtag or an amount ("$ACME shares rose", "$5 billion was raised"), a camel-case name ("eToro said")
    boolean hasNext = i + 1 < text.length();
    return hasNext && (c == '$' || c == '\u20ac' || c == '\u00a3' || c == '\u00a5')
        && Character.isLetterOrDigit(text.charAt(i + 1))
        || hasNext && Character.isLowerCase(c) && Character.isUpperCase(text.charAt(i + 1));
  }

  private static boolean isAbbreviation(String text, int sentenceStart, int dot, int next, int to) {
    int w = dot;
    while (w > sentenceStart && !Character.isWhitespace(text.charAt(w - 1)) && text.charAt(w - 1) != '(') {
      w--;
    }
    String word = text.substring(w, dot);
    if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) {
      return true; // an initial: "J. Smith"
    }
    if (!ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT))) {
      return false;
    }
    int e = next;
    while (e < to && Character.isLetter(text.charAt(e))) {
      e++;
    }
    // "... from Foo Inc. The company said" still splits
    return !STARTERS.contains(text.substring(next, e));
  }

  private static int skipSpace(String text, int i, int to) {
    while (i < to && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int skipInlineSpace(String text, int i, int to) {
    while (i < to && Character.isWhitespace(text.charAt(i)) && text.charAt(i) != '\n') {
      i++;
    }
    return i;
  }

  private static void add(String text, int start, int end, List<Sentence> out) {
    while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
      end--;
    }
    if (end > start) {
      out.add(new Sentence(out.size(), start, end, false));
    }
  }
}
