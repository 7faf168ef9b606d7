package io.newssignals.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WholeWordsTest {

  private static List<Integer> byRegex(String text, String word) {
    Matcher m = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])").matcher(text);
    List<Integer> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.start());
    }
    return out;
  }

  private static List<Integer> byScan(String text, String word) {
    List<Integer> out = new ArrayList<>();
    int i = 0;
    while ((i = WholeWords.next(text, word, i)) >= 0) {
      out.add(i);
      i += word.length();
    }
    return out;
  }

  @Test
  void shouldFindOnlyOccurrencesNotGluedToLettersOrDigits() {
    String text = "Lumora Labs said Lumora's unit, Lumoras and 3Lumora did not; (Lumora) Lumora";
    assertThat(byScan(text, "Lumora")).containsExactly(0, 17, 62, 70);
  }

  @Test
  void shouldAgreeWithTheRegularExpressionOnRandomText() {
    // letters, digits, punctuation, accented and CJK letters, superscript and Roman numerals (other/letter numbers),
    // combining marks and supplementary letters/digits (surrogate pairs), lone surrogates
    String[] pieces = {"ab", "a", "b", "A", "1", " ", ".", "-", "'", "é", "\u4e2d", "\u00b2", "\u2163", "\u0301",
        "\ud835\udc00", "\ud835\udfce", "\ud800", "\udc00", "aba", "\n"};
    String[] words = {"a", "ab", "ba", "aba", "A b", "é", "\u4e2d", "b.", "-a", "\udc00", "\ud800"};
    Random r = new Random(7);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = r.nextInt(14);
      for (int k = 0; k < len; k++) {
        sb.append(pieces[r.nextInt(pieces.length)]);
      }
      String text = sb.toString();
      String word = words[r.nextInt(words.length)];
      assertThat(byScan(text, word)).as("%s in %s", word, text).isEqualTo(byRegex(text, word));
    }
  }
}
