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
      "dept", "a.m", "p.m", "etc", "al", "cf", "u.s.a", "s.a", "n.v", "ag", "pte", "pty", "sdn", "bhd", "ltda",
      "s.p.a", "s.a.s", "s.a.b", "s.a.p.i", "c.v", "k.k", "b.v");
  private static final Set<String> STARTERS = Set.of("The", "It", "He", "She", "They", "This", "That", "Its", "In",
      "On", "A", "An", "But", "Shares", "Analysts", "Their", "We", "Under", "After", "Meanwhile", "However");

  /**
   * Extraction reads at most this many characters of title and body together: a longer article is extracted up to
   * the cap and flagged ({@link #truncated()}), never dropped. Real stories are far shorter (the longest of 7,770 Reuters
   * stories: 8.4 KB; a 5,000-word feature: about 30 KB).
   */
  public static final int MAX_TEXT_CHARS = 32 * 1024;
  /**
   * No sentence handed to a rule is longer than this: a longer run of text without a sentence end (a table, a list
   * of digits) is cut at whitespace into pieces of at most this size, so that no pattern ever sees unbounded input.
   */
  public static final int MAX_SENTENCE_CHARS = 1_000;

  private final String text;
  private final boolean truncated;
  private final int bodyStart;
  private final int titleEnd;
  private final List<Sentence> sentences;

  private Document(String text, boolean truncated, int titleEnd, int bodyStart, List<Sentence> sentences) {
    this.text = text;
    this.truncated = truncated;
    this.titleEnd = titleEnd;
    this.bodyStart = bodyStart;
    this.sentences = Collections.unmodifiableList(sentences);
  }

  /** Builds the document from a title and a plain-text body. */
  public static Document of(String title, String body) {
    String t = title == null ? "" : title.strip();
    String b = body == null ? "" : body;
    boolean truncated = false;
    if (t.length() > MAX_SENTENCE_CHARS) {
      t = cut(t, MAX_SENTENCE_CHARS);
      truncated = true;
    }
    if (t.length() + 2 + b.length() > MAX_TEXT_CHARS) {
      b = cut(b, MAX_TEXT_CHARS - t.length() - 2);
      truncated = true;
    }
    String text = t + "\n\n" + b;
    int bodyStart = t.length() + 2;
    List<Sentence> out = new ArrayList<>();
    if (!t.isEmpty()) {
      out.add(new Sentence(0, 0, t.length(), true));
    }
    split(text, bodyStart, text.length(), out);
    return new Document(text, truncated, t.length(), bodyStart, out);
  }

  /** At most max characters, cut at the last whitespace when there is one in the second half, never in a pair. */
  private static String cut(String s, int max) {
    int end = max;
    for (int i = max; i > max / 2; i--) {
      if (Character.isWhitespace(s.charAt(i))) {
        end = i;
        break;
      }
    }
    if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** True when the title or body was longer than the extraction caps and was cut. */
  public boolean truncated() {
    return truncated;
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
    while (end - start > MAX_SENTENCE_CHARS) {
      int cut = start + MAX_SENTENCE_CHARS;
      for (int i = cut; i > start + MAX_SENTENCE_CHARS / 2; i--) {
        if (Character.isWhitespace(text.charAt(i))) {
          cut = i;
          break;
        }
      }
      if (Character.isHighSurrogate(text.charAt(cut - 1))) {
        cut--;
      }
      out.add(new Sentence(out.size(), start, cut, false));
      start = skipSpace(text, cut, end);
    }
    if (end > start) {
      out.add(new Sentence(out.size(), start, end, false));
    }
  }
}
