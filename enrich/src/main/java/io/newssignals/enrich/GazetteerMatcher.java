package io.newssignals.enrich;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds every gazetteer surface form in a text in one pass of an Aho-Corasick automaton (case-insensitive), keeping
 * only hits on word boundaries whose capitalisation fits the form. A hyphen or a possessive after a name is a
 * boundary ("OpenAI-backed", "Microsoft's").
 */
public final class GazetteerMatcher {

  /** What a surface form is for its entry. */
  public enum Kind { ORG_NAME, ORG_ALIAS, ORG_SHORT, PERSON_NAME, PRODUCT_NAME }

  /** One meaning of a surface form: entry index into the gazetteer's orgs, people or products list. */
  public record Ref(Kind kind, int entry, String form) {}

  /** A hit: [start, end) in the text, and the meanings of the matched form. */
  public record Hit(int start, int end, List<Ref> refs) {}

  private final Gazetteer gazetteer;
  private final List<Gazetteer.Org> orgs;
  private final List<Gazetteer.Person> people;
  private final List<Gazetteer.Product> products;
  private final KeywordAutomaton automaton;
  /** The meanings of each surface form, by the form's index in the automaton. */
  private final List<List<Ref>> refsByForm;
  private final int formCount;

  public GazetteerMatcher(Gazetteer gazetteer) {
    this.gazetteer = gazetteer;
    this.orgs = gazetteer.orgs();
    this.people = gazetteer.people();
    this.products = gazetteer.products();
    Map<String, List<Ref>> forms = new LinkedHashMap<>();
    for (int i = 0; i < orgs.size(); i++) {
      Gazetteer.Org o = orgs.get(i);
      add(forms, o.name(), new Ref(Kind.ORG_NAME, i, o.name()));
      for (String a : o.aliases()) {
        add(forms, a, new Ref(Kind.ORG_ALIAS, i, a));
      }
      for (String s : o.shortForms()) {
        add(forms, s, new Ref(Kind.ORG_SHORT, i, s));
      }
    }
    for (int i = 0; i < people.size(); i++) {
      Gazetteer.Person p = people.get(i);
      add(forms, p.name(), new Ref(Kind.PERSON_NAME, i, p.name()));
      for (String a : p.aliases()) {
        add(forms, a, new Ref(Kind.PERSON_NAME, i, a));
      }
    }
    for (int i = 0; i < products.size(); i++) {
      Gazetteer.Product p = products.get(i);
      add(forms, p.name(), new Ref(Kind.PRODUCT_NAME, i, p.name()));
      for (String a : p.aliases()) {
        add(forms, a, new Ref(Kind.PRODUCT_NAME, i, a));
      }
    }
    // keywords are stored lower-cased and the text is lower-cased once per scan (cheaper than per-character folding)
    this.automaton = new KeywordAutomaton(new ArrayList<>(forms.keySet()));
    this.refsByForm = new ArrayList<>(forms.values());
    this.formCount = forms.size();
  }

  private static void add(Map<String, List<Ref>> forms, String form, Ref ref) {
    String f = form.strip();
    if (f.isEmpty()) {
      return;
    }
    forms.computeIfAbsent(f.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(ref);
  }

  public Gazetteer gazetteer() {
    return gazetteer;
  }

  public List<Gazetteer.Org> orgs() {
    return orgs;
  }

  public List<Gazetteer.Person> people() {
    return people;
  }

  public List<Gazetteer.Product> products() {
    return products;
  }

  /** Number of distinct surface forms in the automaton. */
  public int formCount() {
    return formCount;
  }

  /** Every lower-cased surface form (for the regex baseline of the benchmark). */
  public List<String> forms() {
    List<String> out = new ArrayList<>();
    for (Gazetteer.Org o : orgs) {
      out.add(o.name());
      out.addAll(o.aliases());
      out.addAll(o.shortForms());
    }
    for (Gazetteer.Person p : people) {
      out.add(p.name());
      out.addAll(p.aliases());
    }
    for (Gazetteer.Product p : products) {
      out.add(p.name());
      out.addAll(p.aliases());
    }
    return out;
  }

  /**
   * All boundary- and case-checked hits, overlapping ones included, in order of start. Each hit keeps only the refs
   * whose form's capitalisation fits the text.
   */
  public List<Hit> scan(String text) {
    List<Hit> hits = new ArrayList<>();
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.length() != text.length()) {
      lower = foldSameLength(text);
    }
    automaton.scan(lower, (start, end, form) -> {
      if (!boundaryBefore(text, start) || !boundaryAfter(text, end)) {
        return;
      }
      if (end - start <= 2 && start >= 2 && text.charAt(start - 1) == '-'
          && Character.isLetterOrDigit(text.charAt(start - 2))) {
        return; // "Spectrum-X", "Model-S": a one- or two-letter name fused to a word is part of that word
      }
      List<Ref> refs = refsByForm.get(form);
      List<Ref> kept = null;
      for (int i = 0; i < refs.size(); i++) {
        Ref r = refs.get(i);
        if (caseFits(r.form(), text, start, end)) {
          if (kept == null) {
            kept = new ArrayList<>(2);
          }
          kept.add(r);
        }
      }
      if (kept != null) {
        hits.add(new Hit(start, end, kept));
      }
    });
    hits.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start())
        : Integer.compare(b.end(), a.end()));
    return hits;
  }

  /** Lower-cases char by char, keeping offsets aligned (String.toLowerCase can change the length, e.g. "İ"). */
  private static String foldSameLength(String text) {
    char[] c = text.toCharArray();
    for (int i = 0; i < c.length; i++) {
      c[i] = Character.toLowerCase(c[i]);
    }
    return new String(c);
  }

  static boolean boundaryBefore(String text, int start) {
    if (start == 0) {
      return true;
    }
    char c = text.charAt(start - 1);
    return !Character.isLetterOrDigit(c) && c != '_' && c != '$' && c != '@' && c != '.' && c != '&'
        || c == '.' && (start < 2 || Character.isWhitespace(text.charAt(start - 2)));
  }

  static boolean boundaryAfter(String text, int end) {
    if (end >= text.length()) {
      return true;
    }
    char c = text.charAt(end);
    if (Character.isLetterOrDigit(c) || c == '_' || c == '&') {
      return false;
    }
    if (c == '.' && end + 1 < text.length() && Character.isLetterOrDigit(text.charAt(end + 1))) {
      return false; // "Amazon.com" is not "Amazon" + "."
    }
    return true;
  }

  /**
   * Capitalisation rules: a form with upper-case letters never matches all-lower-case text; a short all-capitals form
   * (MS, SAP, AMD) matches only itself; otherwise the first letters must agree in case when the form starts with a
   * capital.
   */
  static boolean caseFits(String form, String text, int start, int end) {
    boolean formHasUpper = false;
    boolean formAllUpper = true;
    int letters = 0;
    for (int i = 0; i < form.length(); i++) {
      char c = form.charAt(i);
      if (Character.isLetter(c)) {
        letters++;
        if (Character.isUpperCase(c)) {
          formHasUpper = true;
        } else {
          formAllUpper = false;
        }
      }
    }
    if (!formHasUpper) {
      return true;
    }
    if (formAllUpper && letters <= 5) {
      return text.regionMatches(false, start, form, 0, form.length());
    }
    boolean textHasUpper = false;
    for (int i = start; i < end; i++) {
      if (Character.isUpperCase(text.charAt(i))) {
        textHasUpper = true;
        break;
      }
    }
    if (!textHasUpper) {
      return false;
    }
    char f = form.charAt(0);
    char t = text.charAt(start);
    return !Character.isUpperCase(f) || Character.isUpperCase(t);
  }
}
