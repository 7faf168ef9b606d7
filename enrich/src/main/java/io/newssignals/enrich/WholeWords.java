package io.newssignals.enrich;

/**
 * Finds a literal word where it is not glued to a letter or digit on either side: the same matches, in the same order,
 * as {@code Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])")} with
 * {@code Matcher.find()}, without compiling a pattern per word.
 */
final class WholeWords {
  private WholeWords() {}

  /** Start of the first whole-word occurrence of {@code word} in {@code text} at or after {@code from}, or -1. */
  static int next(String text, String word, int from) {
    if (word.isEmpty()) {
      throw new IllegalArgumentException("empty word");
    }
    boolean supplementary = word.chars().anyMatch(c -> Character.isSurrogate((char) c));
    int i = from;
    while ((i = text.indexOf(word, i)) >= 0) {
      int end = i + word.length();
      if (!letterOrDigitBefore(text, i, supplementary) && !letterOrDigitAt(text, end) && !insidePair(text, i) && !insidePair(text, end)) {
        return i;
      }
      i++;
    }
    return -1;
  }

  /** The regex engine never starts or ends a match between the two halves of a surrogate pair. */
  private static boolean insidePair(String text, int i) {
    return i > 0 && i < text.length() && Character.isLowSurrogate(text.charAt(i)) && Character.isHighSurrogate(text.charAt(i - 1));
  }

  /**
   * As the one-character look-behind of java.util.regex: it reads a whole code point only when the pattern itself has
   * surrogates; otherwise a surrogate pair ending at i - 1 never counts.
   */
  private static boolean letterOrDigitBefore(String text, int i, boolean supplementary) {
    if (i == 0) {
      return false;
    }
    if (supplementary) {
      return isLetterOrDigit(Character.codePointBefore(text, i));
    }
    int cp = Character.codePointAt(text, i - 1);
    return Character.charCount(cp) == 1 && isLetterOrDigit(cp);
  }

  private static boolean letterOrDigitAt(String text, int i) {
    return i < text.length() && isLetterOrDigit(Character.codePointAt(text, i));
  }

  /** {@code [\p{L}\p{N}]}. */
  static boolean isLetterOrDigit(int cp) {
    if (Character.isLetter(cp)) {
      return true;
    }
    int t = Character.getType(cp);
    return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
  }
}
