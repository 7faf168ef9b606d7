package io.newssignals.enrich;

import io.newssignals.schema.EntityType;
import io.newssignals.schema.EventType;
import io.newssignals.schema.PartnershipStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The hybrid partnership stage. The {@link PartnershipStatusModel} reads every pair of organisations named together
 * in a sentence (at most {@value #MAX_ORGS} per sentence), all verdicts taken before any is applied; then, over the
 * rules' merged events:
 * <ul>
 *   <li><b>status</b>: when every pair of a rules partnership gets the same status with at least the model's
 *       threshold, that status wins over the rules';</li>
 *   <li><b>parties</b>: a party of a three-or-more-party partnership that the model pairs with none of the others
 *       (each pair confidently "none") is removed, when two or more parties remain;</li>
 *   <li><b>re-reading</b>: a rules partnership whose every pair the model confidently reads as "none", in a sentence
 *       where the model reads another pair of its parties' companies as a partnership, is replaced by the model's
 *       reading (one partnership ending and another forming in one sentence);</li>
 *   <li><b>additions</b>: a pair the model reads as a partnership with at least its add threshold, in a body
 *       sentence, whose companies no partnership or joint venture of the article already joins, becomes an event;
 *       pairs of one sentence with one status and a company in common make one event.</li>
 * </ul>
 * With {@code drop=true} a rules partnership whose pairs are all confidently "none" is dropped even without another
 * reading (off: on the first blind split dropping cost more recall than it gained precision).
 */
final class PartnershipModelStage {

  static final int MAX_ORGS = 6;

  private final PartnershipStatusModel model;

  PartnershipModelStage(PartnershipStatusModel model) {
    this.model = model;
  }

  private record Verdicts(List<String> names, Map<String, PartnershipStatusModel.Verdict> pairs) {
    PartnershipStatusModel.Verdict get(String a, String b) {
      return pairs.get(key(a, b));
    }
  }

  private static String key(String a, String b) {
    return a.compareTo(b) < 0 ? a + "\u0000" + b : b + "\u0000" + a;
  }

  List<DetectedEvent> review(Tagging tagging, List<DetectedEvent> events) {
    Document doc = tagging.document();
    Map<Integer, Verdicts> verdicts = new HashMap<>();
    for (Document.Sentence s : doc.sentences()) {
      List<PartnershipPairFeatures.Org> orgs = PartnershipPairFeatures.orgs(tagging, s);
      List<String> names = PartnershipPairFeatures.names(orgs, MAX_ORGS);
      if (names.size() < 2) {
        continue;
      }
      String text = doc.sentenceText(s);
      Map<String, PartnershipStatusModel.Verdict> pairs = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        for (int j = i + 1; j < names.size(); j++) {
          pairs.put(key(names.get(i), names.get(j)), model.classify(
              PartnershipPairFeatures.of(text, orgs, names.get(i), names.get(j), s.title())));
        }
      }
      verdicts.put(s.index(), new Verdicts(names, pairs));
    }
    List<DetectedEvent> out = new ArrayList<>(events.size());
    for (DetectedEvent e : events) {
      Verdicts v = e.type == EventType.PARTNERSHIP ? verdicts.get(e.sentence) : null;
      if (v == null) {
        out.add(e);
        continue;
      }
      List<String> parties = new ArrayList<>(e.parties);
      parties.retainAll(v.names());
      if (parties.size() < e.parties.size() || parties.size() < 2) {
        out.add(e); // a party the sentence does not name (a headline short form, a resolved epithet): rules decide
        continue;
      }
      if (allNone(v, parties) && (model.mayDrop() || readsOtherPair(v, parties, events))) {
        continue;
      }
      prune(e, v);
      correct(e, v);
      out.add(e);
    }
    if (model.addThreshold() <= 1) {
      add(tagging, verdicts, out);
    }
    return out;
  }

  private boolean allNone(Verdicts v, List<String> parties) {
    for (int i = 0; i < parties.size(); i++) {
      for (int j = i + 1; j < parties.size(); j++) {
        PartnershipStatusModel.Verdict p = v.get(parties.get(i), parties.get(j));
        if (p == null || p.status() != null || p.probability() < model.threshold()) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Whether the model reads a partnership, confidently, between a party and a company other than the parties, that
   * no other event of the article already reports.
   */
  private boolean readsOtherPair(Verdicts v, List<String> parties, List<DetectedEvent> events) {
    for (String a : parties) {
      for (String b : v.names()) {
        PartnershipStatusModel.Verdict p = a.equals(b) || parties.contains(b) || joined(events, Set.of(a, b)) ? null
            : v.get(a, b);
        if (p != null && p.likeliest() != null && p.any() >= Math.min(model.addThreshold(), 1)) {
          return true;
        }
      }
    }
    return false;
  }

  private void prune(DetectedEvent e, Verdicts v) {
    if (e.parties.size() < 3) {
      return;
    }
    List<String> keep = new ArrayList<>();
    for (String a : e.parties) {
      boolean paired = false;
      for (String b : e.parties) {
        PartnershipStatusModel.Verdict p = a.equals(b) ? null : v.get(a, b);
        if (!a.equals(b) && (p == null || p.status() != null || p.probability() < model.threshold())) {
          paired = true;
        }
      }
      if (paired) {
        keep.add(a);
      }
    }
    if (keep.size() >= 2 && keep.size() < e.parties.size()) {
      List<String> gone = new ArrayList<>(e.parties);
      gone.removeAll(keep);
      e.parties.retainAll(keep);
      e.why = (e.why == null ? "rules" : e.why) + "; model partnership-status: no partnership with " + gone;
    }
  }

  private void correct(DetectedEvent e, Verdicts v) {
    PartnershipStatus status = null;
    double min = 1;
    for (int i = 0; i < e.parties.size(); i++) {
      for (int j = i + 1; j < e.parties.size(); j++) {
        PartnershipStatusModel.Verdict p = v.get(e.parties.get(i), e.parties.get(j));
        if (p == null || p.status() == null || status != null && p.status() != status) {
          return;
        }
        status = p.status();
        min = Math.min(min, p.probability());
      }
    }
    if (status != null && min >= model.threshold() && status != e.status) {
      PartnershipStatus rules = e.status;
      e.status = status;
      e.why = String.format(Locale.ROOT, "%s; model partnership-status %s p=%.3f over the rules' %s",
          e.why == null ? "rules" : e.why, status, min, rules);
    }
  }

  private void add(Tagging tagging, Map<Integer, Verdicts> verdicts, List<DetectedEvent> out) {
    Document doc = tagging.document();
    for (Document.Sentence s : doc.sentences()) {
      Verdicts v = verdicts.get(s.index());
      if (v == null || s.title() || HYPOTHETICAL.matcher(doc.sentenceText(s)).find()
          || CONTINUING.matcher(doc.sentenceText(s)).find() || EventDetector.isQuestion(doc.sentenceText(s))) {
        // "Initech could collaborate with Globex", "Is it exclusive?": the rules read no news there, nor may the model
        continue;
      }
      // pairs of one status with a company in common are one partnership (a three-way alliance)
      Map<PartnershipStatus, List<Set<String>>> groups = new LinkedHashMap<>();
      Map<Set<String>, Double> score = new HashMap<>();
      for (int i = 0; i < v.names().size(); i++) {
        for (int j = i + 1; j < v.names().size(); j++) {
          String a = v.names().get(i);
          String b = v.names().get(j);
          PartnershipStatusModel.Verdict p = v.get(a, b);
          if (p.likeliest() == null || p.any() < model.addThreshold()
              || parenthesised(tagging, s, a) || parenthesised(tagging, s, b)) {
            continue;
          }
          List<Set<String>> g = groups.computeIfAbsent(p.likeliest(), k -> new ArrayList<>());
          Set<String> joined = new LinkedHashSet<>(List.of(a, b));
          double sc = p.any();
          for (var it = g.iterator(); it.hasNext();) {
            Set<String> other = it.next();
            if (other.contains(a) || other.contains(b)) {
              joined.addAll(other);
              sc = Math.min(sc, score.get(other));
              it.remove();
            }
          }
          g.add(joined);
          score.put(joined, sc);
        }
      }
      for (Map.Entry<PartnershipStatus, List<Set<String>>> en : groups.entrySet()) {
        for (Set<String> parties : en.getValue()) {
          if (joined(out, parties) || en.getKey() == PartnershipStatus.STRAINED && adversaries(tagging, parties)
              || en.getKey() == PartnershipStatus.FORMED && EventDetector.PAST_FORMATION.matcher(doc.sentenceText(s)).find()
              || coveredInSentence(out, s.index(), parties)) {
            continue;
          }
          DetectedEvent e = new DetectedEvent(EventType.PARTNERSHIP);
          for (String n : v.names()) {
            if (parties.contains(n)) {
              e.parties.add(n);
            }
          }
          e.status = en.getKey();
          e.evidence = doc.sentenceText(s);
          e.sentence = s.index();
          e.strength = 2;
          e.confidence = 0.7;
          e.why = String.format(Locale.ROOT, "model partnership-status, sentence %d: %s p=%.3f (add threshold %.2f)",
              s.index(), e.status, score.get(parties), model.addThreshold());
          out.add(e);
        }
      }
    }
  }

  /**
   * Whether each of the parties already takes part in a partnership the rules read in the same sentence: "Goldman and
   * Apple have agreed to end their card partnership, and JPMorgan Chase has formed a new partnership with Apple" holds
   * two partnerships, and the rules' reading of which company is in which is not overruled by a pair across them.
   */
  private static boolean coveredInSentence(List<DetectedEvent> events, int sentence, Set<String> parties) {
    Set<String> covered = new HashSet<>();
    Map<PartnershipStatus, Set<String>> byStatus = new HashMap<>();
    for (DetectedEvent e : events) {
      if (e.type == EventType.PARTNERSHIP && e.sentence == sentence) {
        covered.addAll(e.parties);
        byStatus.computeIfAbsent(e.status, k -> new HashSet<>()).addAll(e.parties);
      }
    }
    // "Singtel has pulled out of the alliance it formed with DBS and Quantara Labs, while the bank and the start-up
    // will widen theirs": the remaining pair sits on one side of the sentence (both in the ended alliance), and may
    // be read; a pair across a switch (one company in the ended partnership, the other in the formed one) may not
    return covered.containsAll(parties) && byStatus.values().stream().noneMatch(g -> g.containsAll(parties));
  }

  /**
   * Whether every mention of {@code name} in the sentence stands in brackets: a dateline's source credit
   * ("BENTONVILLE, March 13 (Global Wire) - ...") or an aside, never a party the sentence is about.
   */
  static boolean parenthesised(Tagging tagging, Document.Sentence s, String name) {
    String text = tagging.document().text();
    boolean any = false;
    for (Tagging.Mention m : tagging.mentionsIn(s.start(), s.end(), EntityType.ORG)) {
      if (!m.entity().name().equals(name)) {
        continue;
      }
      any = true;
      if (Tagging.charBefore(text, m.start()) != '(' || Tagging.charAfter(text, m.end()) != ')') {
        return false;
      }
    }
    return any;
  }

  /** Speculation and conditions under which a sentence reports no partnership. */
  /** A partnership said to go on as it was ("remained strong", "remains in place"): no change to add. */
  private static final Pattern CONTINUING = Pattern.compile(
      "\\b(?:remain|remains|remained|stays|stayed|continues\\s+to\\s+be)\\s+(?:strong|intact|in\\s+place|solid|"
          + "unchanged|firm|on\\s+track|healthy|robust|close)\\b", Pattern.CASE_INSENSITIVE);

  private static final Pattern HYPOTHETICAL = Pattern.compile(
      "\\b(?:could|might|(?-i:may)|if|whether|unless|would\\s+(?:be|like|consider))\\b",
      Pattern.CASE_INSENSITIVE);

  /** Litigants or rivals: the article calls them adversaries ("sued", "patent", "rival") and never partners. */
  private static final Pattern ADVERSARIES = Pattern.compile(
      "\\b(?:su(?:e|es|ed|ing)|lawsuits?|patents?|infring\\w*|rivals?|competitors?|antitrust)\\b",
      Pattern.CASE_INSENSITIVE);

  /**
   * Whether "a dispute between X and Y" is between adversaries: the model reads dispute as strain, but strain needs
   * a partnership to strain, and two rivals in a patent fight have none.
   */
  private static boolean adversaries(Tagging tagging, Set<String> parties) {
    Document doc = tagging.document();
    return ADVERSARIES.matcher(doc.text()).find() && !EventDetector.calledPartners(tagging, parties);
  }

  /** Whether a partnership or joint venture already joins two of these companies. */
  private static boolean joined(List<DetectedEvent> events, Set<String> parties) {
    for (DetectedEvent e : events) {
      if (e.type == EventType.PARTNERSHIP || e.type == EventType.JOINT_VENTURE) {
        int common = 0;
        for (String p : e.allParties()) {
          common += parties.contains(p) ? 1 : 0;
        }
        if (common >= 2) {
          return true;
        }
      }
    }
    return false;
  }
}
