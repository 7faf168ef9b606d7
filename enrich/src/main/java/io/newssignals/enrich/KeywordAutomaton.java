package io.newssignals.enrich;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Aho-Corasick automaton over a fixed list of keywords: every occurrence of every keyword in a text, overlapping
 * ones included, in one pass. Matching is exact char by char (the gazetteer lower-cases both sides).
 *
 * <p>It reports the same occurrences as {@code org.ahocorasick}'s {@code PayloadTrie} with its default configuration,
 * which the tagger used before (a test checks the two against each other on random and real text), but keeps its
 * states in flat arrays: that trie holds a {@code HashMap<Character, State>} per state, and looking up boxed
 * characters in those maps was a tenth of the extract path's CPU. Here a state's transitions are a sorted run of
 * {@code edgeChar}/{@code edgeTarget}, found by binary search, and the start state, where the scan spends most of its
 * steps, has a dense table for ASCII.
 */
final class KeywordAutomaton {

  /** Receives one occurrence: [start, end) in the text and the keyword's index in the constructor's list. */
  @FunctionalInterface
  interface Occurrence {
    void found(int start, int end, int keyword);
  }

  private static final int ROOT = 0;
  private static final int ASCII = 128;

  /** Transitions of state s: indexes firstEdge[s] (inclusive) to firstEdge[s + 1] (exclusive), sorted by char. */
  private final int[] firstEdge;
  private final char[] edgeChar;
  private final int[] edgeTarget;
  /** Start state transitions for ASCII chars; ROOT where it has none. */
  private final int[] rootAscii = new int[ASCII];
  private final int[] failure;
  /** The keyword ending at a state, or -1. */
  private final int[] keywordAt;
  /** The nearest state on the failure chain (excluding itself) where a keyword ends, or -1. */
  private final int[] outputLink;
  private final int[] keywordLength;

  /** Keywords must be non-empty and distinct. */
  KeywordAutomaton(List<String> keywords) {
    List<TreeMap<Character, Integer>> go = new ArrayList<>();
    List<Integer> ends = new ArrayList<>();
    go.add(new TreeMap<>());
    ends.add(-1);
    keywordLength = new int[keywords.size()];
    for (int k = 0; k < keywords.size(); k++) {
      String w = keywords.get(k);
      if (w.isEmpty()) {
        throw new IllegalArgumentException("empty keyword");
      }
      keywordLength[k] = w.length();
      int s = ROOT;
      for (int i = 0; i < w.length(); i++) {
        Integer t = go.get(s).get(w.charAt(i));
        if (t == null) {
          t = go.size();
          go.add(new TreeMap<>());
          ends.add(-1);
          go.get(s).put(w.charAt(i), t);
        }
        s = t;
      }
      if (ends.get(s) >= 0) {
        throw new IllegalArgumentException("duplicate keyword: " + w);
      }
      ends.set(s, k);
    }

    int states = go.size();
    firstEdge = new int[states + 1];
    edgeChar = new char[states - 1];
    edgeTarget = new int[states - 1];
    keywordAt = new int[states];
    int e = 0;
    for (int s = 0; s < states; s++) {
      firstEdge[s] = e;
      keywordAt[s] = ends.get(s);
      for (Map.Entry<Character, Integer> t : go.get(s).entrySet()) {
        edgeChar[e] = t.getKey();
        edgeTarget[e] = t.getValue();
        e++;
      }
    }
    firstEdge[states] = e;
    for (int i = firstEdge[ROOT]; i < firstEdge[ROOT + 1] && edgeChar[i] < ASCII; i++) {
      rootAscii[edgeChar[i]] = edgeTarget[i];
    }

    // failure links breadth first, as in Aho and Corasick (1975)
    failure = new int[states];
    outputLink = new int[states];
    outputLink[ROOT] = -1;
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int i = firstEdge[ROOT]; i < firstEdge[ROOT + 1]; i++) {
      failure[edgeTarget[i]] = ROOT;
      outputLink[edgeTarget[i]] = -1;
      queue.add(edgeTarget[i]);
    }
    while (!queue.isEmpty()) {
      int s = queue.remove();
      for (int i = firstEdge[s]; i < firstEdge[s + 1]; i++) {
        int t = edgeTarget[i];
        int f = next(failure[s], edgeChar[i]);
        failure[t] = f;
        outputLink[t] = keywordAt[f] >= 0 ? f : outputLink[f];
        queue.add(t);
      }
    }
  }

  /** Every occurrence of every keyword, reported at its last char, shorter keywords ending there after longer ones. */
  void scan(CharSequence text, Occurrence out) {
    int s = ROOT;
    for (int i = 0; i < text.length(); i++) {
      s = next(s, text.charAt(i));
      for (int o = keywordAt[s] >= 0 ? s : outputLink[s]; o >= 0; o = outputLink[o]) {
        int k = keywordAt[o];
        out.found(i + 1 - keywordLength[k], i + 1, k);
      }
    }
  }

  private int next(int state, char c) {
    int s = state;
    while (true) {
      if (s == ROOT) {
        return c < ASCII ? rootAscii[c] : edge(ROOT, c);
      }
      int t = edge(s, c);
      if (t >= 0) {
        return t;
      }
      s = failure[s];
    }
  }

  /** The target of state s on c, or -1 (ROOT when s is the start state: it loops on every char it has no edge for). */
  private int edge(int s, char c) {
    int lo = firstEdge[s];
    int hi = firstEdge[s + 1] - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      char m = edgeChar[mid];
      if (m < c) {
        lo = mid + 1;
      } else if (m > c) {
        hi = mid - 1;
      } else {
        return edgeTarget[mid];
      }
    }
    return s == ROOT ? ROOT : -1;
  }
}
