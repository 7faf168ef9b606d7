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

  @Test
  void shouldSplitWordsAsTheTaggersWordPatternDoes() {
    // the same pieces, with the joiners of EntityTagger.WORD (apostrophes, ampersand, dot, hyphen)
    String[] pieces = {"ab", "a", "B", "1", " ", ".", "-", "'", "\u2019", "&", "'s", "\u2019s", "é", "\u4e2d", "\u00b2",
        "\u2163", "\u0301", "\ud835\udc00", "\ud835\udfce", "\ud800", "\udc00", "_", "\n", ",", "--", ".."};
    Random r = new Random(8);
    for (int n = 0; n < 50_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = r.nextInt(16);
      for (int k = 0; k < len; k++) {
        sb.append(pieces[r.nextInt(pieces.length)]);
      }
      String text = sb.toString();
      List<String> expected = new ArrayList<>();
      Matcher m = EntityTagger.WORD.matcher(text);
      while (m.find()) {
        expected.add(m.start() + "-" + m.end());
      }
      List<String> actual = new ArrayList<>();
      for (int[] w : EntityTagger.wordSpans(text)) {
        actual.add(w[0] + "-" + w[1]);
      }
      assertThat(actual).as(text).isEqualTo(expected);
    }
  }

  @Test
  void shouldNeverSkipATokenTheCamelCasePatternMatches() {
    String[] pieces = {"i", "e", "x", "R", "T", "obot", "oro", "ab", "é", "\u00c9", "\ud835\udc1a", "\ud835\udc00", "1"};
    Random r = new Random(9);
    int matched = 0;
    for (int n = 0; n < 50_000; n++) {
      StringBuilder sb = new StringBuilder();
      int len = 1 + r.nextInt(5);
      for (int k = 0; k < len; k++) {
        sb.append(pieces[r.nextInt(pieces.length)]);
      }
      String token = sb.toString();
      if (EntityTagger.CAMEL_NAME.matcher(token).matches()) {
        assertThat(EntityTagger.mayBeCamel(token, 0, token.length())).as(token).isTrue();
        matched++;
      }
    }
    assertThat(matched).as("tokens the pattern matched").isGreaterThan(1_000);
  }
}
