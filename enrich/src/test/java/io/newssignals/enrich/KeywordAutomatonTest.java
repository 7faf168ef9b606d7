package io.newssignals.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.ahocorasick.trie.PayloadTrie;
import org.junit.jupiter.api.Test;

/**
 * The tagger's automaton must find exactly what the {@code org.ahocorasick} trie it replaced finds (every occurrence
 * of every keyword, overlapping ones included): checked on the bundled gazetteer's forms over real article text and
 * over random text built from pieces of the forms, with non-ASCII letters, surrogate pairs and punctuation mixed in.
 */
class KeywordAutomatonTest {

  @Test
  void shouldFindEveryOverlappingOccurrence() {
    KeywordAutomaton a = new KeywordAutomaton(List.of("he", "she", "his", "hers"));
    assertThat(occurrences(a, "ushers")).containsExactly("1-4:1", "2-4:0", "2-6:3");
  }

  @Test
  void shouldRejectEmptyAndDuplicateKeywords() {
    assertThatThrownBy(() -> new KeywordAutomaton(List.of("a", "")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new KeywordAutomaton(List.of("ab", "ab")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldFindWhatTheAhoCorasickLibraryFindsOnTheBundledGazetteer() throws IOException {
    Set<String> formSet = new LinkedHashSet<>();
    for (String f : EnrichmentPipeline.withBundledGazetteer().tagger().matcher().forms()) {
      String s = f.strip();
      if (!s.isEmpty()) {
        formSet.add(s.toLowerCase(Locale.ROOT));
      }
    }
    List<String> forms = new ArrayList<>(formSet);
    KeywordAutomaton automaton = new KeywordAutomaton(forms);
    PayloadTrie.PayloadTrieBuilder<Integer> b = PayloadTrie.builder();
    for (int i = 0; i < forms.size(); i++) {
      b.addKeyword(forms.get(i), i);
    }
    PayloadTrie<Integer> trie = b.build();

    String articles;
    try (InputStream in = KeywordAutomatonTest.class.getResourceAsStream("/bench/articles.txt")) {
      articles = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int found = compare(automaton, trie, articles.toLowerCase(Locale.ROOT));
    assertThat(found).as("occurrences in the benchmark articles").isGreaterThan(100);

    Random r = new Random(7);
    String[] extras = {" ", " ", "-", ".", "'", "\u2019", "&", "é", "ß", "\u0130", "\ud83d\ude00", "\n", "x", "1"};
    int total = 0;
    for (int n = 0; n < 3_000; n++) {
      StringBuilder sb = new StringBuilder();
      int pieces = 1 + r.nextInt(12);
      for (int k = 0; k < pieces; k++) {
        if (r.nextInt(3) == 0) {
          sb.append(extras[r.nextInt(extras.length)]);
        } else {
          String f = forms.get(r.nextInt(forms.size()));
          int from = r.nextInt(2) == 0 ? 0 : r.nextInt(f.length());
          int to = r.nextInt(2) == 0 ? f.length() : from + r.nextInt(f.length() - from + 1);
          sb.append(f, from, to);
        }
      }
      total += compare(automaton, trie, sb.toString());
    }
    assertThat(total).as("occurrences in the random texts").isGreaterThan(10_000);
  }

  private static int compare(KeywordAutomaton automaton, PayloadTrie<Integer> trie, String text) {
    Set<String> expected = new TreeSet<>();
    trie.parseText(text, e -> {
      expected.add(e.getStart() + "-" + (e.getEnd() + 1) + ":" + e.getPayload());
      return true;
    });
    List<String> actual = occurrences(automaton, text);
    assertThat(actual).as(text).doesNotHaveDuplicates();
    assertThat(new TreeSet<>(actual)).as(text).isEqualTo(expected);
    return expected.size();
  }

  private static List<String> occurrences(KeywordAutomaton a, String text) {
    List<String> out = new ArrayList<>();
    a.scan(text, (start, end, k) -> out.add(start + "-" + end + ":" + k));
    return out;
  }
}
