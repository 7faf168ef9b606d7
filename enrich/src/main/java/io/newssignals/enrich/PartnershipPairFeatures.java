package io.newssignals.enrich;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The features of one candidate partnership: a sentence and a pair of the organisations it names. The two
 * candidates are masked {@code xa} (the one named first) and {@code xb}, every other organisation {@code xo}, so the
 * same sentence gives different features for different pairs: "X ended its alliance with Y and signed with Z" reads
 * one way for (X, Y) and another for (X, Z). Besides the sentence's words and word pairs, each word is marked by its
 * side of the pair (left, between, right), with the words next to each candidate, the words between them when few,
 * and whether another organisation stands between them.
 */
final class PartnershipPairFeatures {

  /** One organisation mention of a sentence, offsets relative to the sentence, and the entity's canonical name. */
  record Org(int start, int end, String name) {}

  private PartnershipPairFeatures() {}

  static String[] of(String s, List<Org> orgs, String a, String b, boolean title) {
    List<String> t = tokens(s, orgs, a, b);
    int ia = t.indexOf("xa");
    int ib = t.indexOf("xb");
    Set<String> f = new LinkedHashSet<>();
    f.add(title ? "pos=title" : "pos=body");
    f.add("n=" + Math.min(orgs.stream().map(Org::name).distinct().count(), 4));
    if (ia < 0 || ib < 0) {
      f.add("missing");
      return f.toArray(new String[0]);
    }
    String prev = "^";
    int others = 0;
    for (int k = 0; k < t.size(); k++) {
      String w = t.get(k);
      f.add("w=" + w);
      f.add("b=" + prev + "_" + w);
      prev = w;
      String side = k < ia ? "L" : k < ib ? "M" : k == ib ? "B" : "R";
      if (k != ia && k != ib) {
        f.add("s=" + side + ":" + w);
        if ("M".equals(side) && "xo".equals(w)) {
          others++;
        }
      }
    }
    int gap = ib - ia - 1;
    f.add("gap=" + (gap == 0 ? "0" : gap <= 3 ? "1-3" : gap <= 8 ? "4-8" : gap <= 15 ? "9-15" : "16+"));
    f.add("oin=" + Math.min(others, 2));
    if (gap <= 6) {
      f.add("path=" + String.join("_", t.subList(ia + 1, ib)));
    }
    f.add("a-1=" + at(t, ia - 1));
    f.add("a-2=" + at(t, ia - 2) + "_" + at(t, ia - 1));
    f.add("a+1=" + at(t, ia + 1));
    f.add("b-1=" + at(t, ib - 1));
    f.add("b+1=" + at(t, ib + 1));
    f.add("b+2=" + at(t, ib + 1) + "_" + at(t, ib + 2));
    return f.toArray(new String[0]);
  }

  private static String at(List<String> t, int i) {
    return i < 0 ? "^" : i >= t.size() ? "$" : t.get(i);
  }

  /** Lower-cased words, numbers as NUM, clause punctuation kept, organisations masked (a run of one mask kept once). */
  static List<String> tokens(String s, List<Org> orgs, String a, String b) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    int org = 0;
    while (i < n) {
      while (org < orgs.size() && orgs.get(org).end() <= i) {
        org++;
      }
      if (org < orgs.size() && orgs.get(org).start() <= i) {
        String name = orgs.get(org).name();
        String mask = name.equals(a) ? "xa" : name.equals(b) ? "xb" : "xo";
        // the second candidate may be named before the first's first mention only when a comes first by construction
        if (out.isEmpty() || !mask.equals(out.get(out.size() - 1))) {
          out.add(mask);
        }
        i = Math.max(i + 1, orgs.get(org).end());
        continue;
      }
      char c = s.charAt(i);
      if (Character.isLetter(c)) {
        int j = i;
        while (j < n && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '\'' && j + 1 < n
            && Character.isLetter(s.charAt(j + 1)))) {
          j++;
        }
        out.add(s.substring(i, j).toLowerCase(Locale.ROOT));
        i = j;
      } else if (Character.isDigit(c)) {
        int j = i;
        while (j < n && (Character.isDigit(s.charAt(j)) || (s.charAt(j) == '.' || s.charAt(j) == ',') && j + 1 < n
            && Character.isDigit(s.charAt(j + 1)))) {
          j++;
        }
        out.add("NUM");
        i = j;
      } else {
        if (c == ',' || c == ';' || c == ':' || c == '(' || c == ')' || c == '"' || c == '\u201c') {
          out.add(String.valueOf(c == '\u201c' ? '"' : c));
        } else if (c == '%') {
          out.add("pct");
        }
        i++;
      }
    }
    return out;
  }

  /** The organisations of one sentence of a tagged document, in text order, offsets relative to the sentence. */
  static List<Org> orgs(Tagging tagging, Document.Sentence s) {
    List<Org> out = new ArrayList<>();
    for (Tagging.Mention m : tagging.mentionsIn(s.start(), s.end(), io.newssignals.schema.EntityType.ORG)) {
      out.add(new Org(m.start() - s.start(), m.end() - s.start(), m.entity().name()));
    }
    out.sort((x, y) -> Integer.compare(x.start(), y.start()));
    return out;
  }

  /** The distinct names of a sentence's organisations in order of first mention, at most {@code max}. */
  static List<String> names(List<Org> orgs, int max) {
    List<String> out = new ArrayList<>();
    for (Org o : orgs) {
      if (!out.contains(o.name()) && out.size() < max) {
        out.add(o.name());
      }
    }
    return out;
  }
}
