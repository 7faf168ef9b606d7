package io.newssignals.enrich;

import io.newssignals.schema.EntityType;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import opennlp.tools.ml.model.BinaryFileDataReader;
import opennlp.tools.ml.model.GenericModelReader;
import opennlp.tools.ml.model.MaxentModel;

/**
 * The learned organisation stage: after the rule tagger, every capitalised run it left untagged
 * ({@link OrgCandidates}) is read by a maximum-entropy model (Apache OpenNLP) trained on the labelled sets' gold
 * organisations ({@link TrainOrgModelCommand}); a run the model calls an organisation with at least the threshold's
 * probability becomes one, with every other untagged occurrence of the same text. Unknown startups and regional
 * companies ("Turkcell signed ...", "... with Huaxin Lidar") are what it is for.
 */
final class OrgModelStage {

  static final String RESOURCE = "/enrich/models/org-candidate.bin";
  static final String META = "/enrich/models/org-candidate.properties";
  static final String COMMON = "/enrich/models/org-common-words.txt";
  static final String ORG = "ORG";
  static final String OTHER = "O";

  private final MaxentModel model;
  private final double threshold;
  private final int orgIndex;
  private final Set<String> common;

  OrgModelStage(MaxentModel model, double threshold, Set<String> common) {
    this.model = model;
    this.threshold = threshold;
    this.common = Set.copyOf(common);
    this.orgIndex = model.getIndex(ORG);
    if (orgIndex < 0) {
      throw new IllegalArgumentException("organisation model has no outcome '" + ORG + "'");
    }
  }

  private static volatile OrgModelStage bundled;

  /** The model shipped in the jar; a missing or broken model fails here, at start-up. */
  static OrgModelStage bundled() {
    OrgModelStage m = bundled;
    if (m == null) {
      synchronized (OrgModelStage.class) {
        if (bundled == null) {
          bundled = load();
        }
        m = bundled;
      }
    }
    return m;
  }

  private static OrgModelStage load() {
    try (InputStream bin = OrgModelStage.class.getResourceAsStream(RESOURCE);
        InputStream meta = OrgModelStage.class.getResourceAsStream(META)) {
      if (bin == null || meta == null || OrgModelStage.class.getResource(COMMON) == null) {
        throw new IllegalStateException("organisation model missing from the classpath: " + RESOURCE + ", " + META
            + ", " + COMMON + " (rebuild it with: bin/pipeline train-org-model)");
      }
      Set<String> common = EntityTagger.loadWords(COMMON);
      Properties p = new Properties();
      p.load(meta);
      MaxentModel m = new GenericModelReader(new BinaryFileDataReader(new DataInputStream(
          new BufferedInputStream(bin)))).getModel();
      return new OrgModelStage(m, Double.parseDouble(p.getProperty("threshold", "0.5")), common);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the organisation model " + RESOURCE, e);
    }
  }

  double probability(String[] features) {
    return model.eval(features)[orgIndex];
  }

  /** The tagging with the organisations the model finds among the untagged capitalised runs. */
  private static boolean crosses(Document doc, int start, int end) {
    return start < doc.bodyStart() && end > doc.bodyStart() - 2;
  }

  /** A brand written with a lower-case start and a capital inside: "zennyPay", "dLocal", "eBay", "iRobot". */
  private static final java.util.regex.Pattern CAMEL_NAME = java.util.regex.Pattern.compile(
      "(?<![\\p{L}\\p{N}@#/.\\-])([a-z]{1,8}(?:[A-Z][a-z]+)+)(?![\\p{L}\\p{N}\\-])");

  /**
   * Lower-case-initial brand names the capitalised-run reader cannot see, used as companies: at least twice outside
   * any tagged mention, once followed by a verb a company is the subject of ("zennyPay said", "dLocal's shares").
   */
  static Set<String> camelCaseNames(Tagging tagging) {
    String text = tagging.document().text();
    Map<String, int[]> seen = new LinkedHashMap<>();
    java.util.regex.Matcher m = CAMEL_NAME.matcher(text);
    while (m.find()) {
      if (Tagging.overlapsAny(tagging.mentions(), m.start(), m.end())) {
        continue;
      }
      int[] f = seen.computeIfAbsent(m.group(1), k -> new int[2]);
      f[0]++;
      if (companyVerbFollows(text, m.end())) {
        f[1]++;
      }
    }
    Set<String> out = new LinkedHashSet<>();
    seen.forEach((w, f) -> {
      if (f[0] >= 2 && f[1] >= 1 && tagging.entityNamed(w) == null) {
        out.add(w);
      }
    });
    return out;
  }

  /** After a one-word name: a verb a company is the subject of. */
  private static final java.util.regex.Pattern COMPANY_VERB_AFTER = java.util.regex.Pattern.compile(
      "^(?:'s|\u2019s)?\\s+(?:said|says|has|had|will|would|is|was|shares|stock|agreed|signed|announced|confirmed|"
          + "declined|formed|ended|raised|plans|expects|told)\\b");

  /** Whether a verb a company is the subject of follows the name ending at {@code end}. */
  private static boolean companyVerbFollows(String text, int end) {
    return COMPANY_VERB_AFTER.matcher(text.substring(end, Math.min(text.length(), end + 30))).find();
  }

  /**
   * One-word names the text keeps using for a company, none of which the gazetteer, the rules or the model knew:
   * "Tessel has withdrawn from the alliance it formed with Yonda and Ondra ... without Tessel ... Tessel chief
   * executive". At least three mentions, one of them inside a sentence (not its capitalised first word), one followed
   * by a verb a company is the subject of; never a given name, place, common word or part of a person's name.
   */
  static Set<String> repeatedProperNouns(Tagging tagging, List<OrgCandidates.Candidate> candidates,
      Set<String> acceptedNames) {
    Document doc = tagging.document();
    String text = doc.text();
    Set<Integer> sentenceStarts = new HashSet<>();
    for (Document.Sentence s : doc.sentences()) {
      int i = s.start();
      while (i < s.end() && !Character.isLetterOrDigit(text.charAt(i))) {
        i++;
      }
      sentenceStarts.add(i);
    }
    Set<String> nameWords = nameWords(tagging, acceptedNames);
    Map<String, int[]> seen = new LinkedHashMap<>(); // count, inside a sentence, before a company verb
    for (OrgCandidates.Candidate c : candidates) {
      String w = c.text();
      if (w.indexOf(' ') >= 0 || w.length() < 4 || !Character.isUpperCase(w.charAt(0)) || c.start() < doc.bodyStart()) {
        continue;
      }
      int[] f = seen.computeIfAbsent(w, k -> new int[3]);
      f[0]++;
      if (!sentenceStarts.contains(c.start())) {
        f[1]++;
      }
      if (companyVerbFollows(text, c.end())) {
        f[2]++;
      }
    }
    Set<String> out = new HashSet<>();
    for (Map.Entry<String, int[]> e : seen.entrySet()) {
      String w = e.getKey();
      int[] f = e.getValue();
      if (f[0] >= 3 && f[1] >= 1 && f[2] >= 1 && EntityTagger.usableShortForm(w) && !nameWords.contains(w)
          && !EntityTagger.isCommonWord(w) && tagging.entityNamed(w) == null) {
        out.add(w);
      }
    }
    return out;
  }

  private static final RuleFile RULES = RuleFile.load("/enrich/rules/entities.rules");
  private static final java.util.regex.Pattern DEAL_SENTENCE = RULES.pattern("DEAL_SENTENCE");
  private static final java.util.regex.Pattern PARTNER_WITH_BEFORE = RULES.pattern("PARTNER_WITH_BEFORE");
  private static final java.util.regex.Pattern PAIR_VERB_AFTER = RULES.pattern("PAIR_VERB_AFTER");
  private static final java.util.regex.Pattern BETWEEN_BEFORE = RULES.pattern("BETWEEN_BEFORE");
  private static final java.util.regex.Pattern SUBJECT_PARTNER_AFTER = RULES.pattern("SUBJECT_PARTNER_AFTER");
  private static final java.util.regex.Pattern MODIFIER_AFTER = RULES.pattern("MODIFIER_AFTER");
  private static final java.util.regex.Pattern HYPHEN_ADJECTIVE = RULES.pattern("HYPHEN_ADJECTIVE");
  private static final java.util.regex.Pattern THE_BEFORE = java.util.regex.Pattern.compile("\\bthe\\s+$");
  private static final java.util.regex.Pattern AND = java.util.regex.Pattern.compile("\\s*(?:,\\s*(?:and\\s+)?|(?:and|&)\\s+)");

  /**
   * Untagged names standing where a partner stands in a sentence about a partnership (entities.rules): "a
   * partnership with berth-planning startup Portivo", "Fnatic and Arcwell have ended their partnership", "FEMSA and
   * Pagaflex widened the alliance", "between Nordtek and YPF". The other member of a pair may be a tagged
   * organisation or another such name; a name must look like one (not a place, given name, month or common word).
   */
  static Set<String> partnerSlotNames(Tagging tagging, List<OrgCandidates.Candidate> candidates,
      Set<String> acceptedNames) {
    Document doc = tagging.document();
    String text = doc.text();
    Set<String> out = new LinkedHashSet<>();
    for (Document.Sentence s : doc.sentences()) {
      if (s.title() || !DEAL_SENTENCE.matcher(text).region(s.start(), s.end()).find()) {
        continue;
      }
      // the partner-like items of the sentence in order: untagged candidates and tagged organisations
      List<int[]> items = new ArrayList<>(); // start, end, candidate index or -1 for a tagged organisation
      for (int k = 0; k < candidates.size(); k++) {
        OrgCandidates.Candidate c = candidates.get(k);
        if (c.start() >= s.start() && c.end() <= s.end()) {
          items.add(new int[] {c.start(), c.end(), k});
        }
      }
      for (Tagging.Mention m : tagging.mentions()) {
        if (m.start() >= s.start() && m.end() <= s.end() && m.entity().type() == EntityType.ORG) {
          items.add(new int[] {m.start(), m.end(), -1});
        }
      }
      items.sort((a, b) -> Integer.compare(a[0], b[0]));
      for (int i = 0; i < items.size(); i++) {
        int[] it = items.get(i);
        if (it[2] < 0) {
          continue;
        }
        OrgCandidates.Candidate c = candidates.get(it[2]);
        boolean slot = PARTNER_WITH_BEFORE.matcher(text).region(s.start(), c.start()).find()
            || SUBJECT_PARTNER_AFTER.matcher(text).region(c.end(), s.end()).lookingAt();
        // "X and Y <verb>", "between X and Y": the pair joined by "and" with its other member next to it
        int[] other = null;
        if (i + 1 < items.size() && joined(text, it[1], items.get(i + 1)[0])) {
          other = items.get(i + 1);
          int end = other[1];
          for (int j = i + 2; j < items.size() && joined(text, end, items.get(j)[0]); j++) {
            end = items.get(j)[1]; // "X, Y and Z have formed"
          }
          if (PAIR_VERB_AFTER.matcher(text).region(end, s.end()).lookingAt()
              || BETWEEN_BEFORE.matcher(text).region(s.start(), c.start()).find()) {
            slot = true;
            if (other[2] >= 0 && nameInSlot(text, candidates.get(other[2]), s)) {
              out.add(candidates.get(other[2]).text());
            }
          }
        }
        if (i > 0 && joined(text, items.get(i - 1)[1], c.start())) {
          int[] before = items.get(i - 1);
          if (PAIR_VERB_AFTER.matcher(text).region(c.end(), s.end()).lookingAt()
              || BETWEEN_BEFORE.matcher(text).region(s.start(), before[0]).find()) {
            slot = true;
          }
        }
        if (slot && nameInSlot(text, c, s)) {
          out.add(c.text());
        }
      }
    }
    Set<String> nameWords = nameWords(tagging, acceptedNames); // "Kestrel" after "Kestrel Grid" is its short form
    for (String n : out) {
      if (n.indexOf(' ') > 0) {
        nameWords.add(n.substring(0, n.indexOf(' ')));
      }
    }
    out.removeIf(n -> tagging.entityNamed(n) != null || n.indexOf(' ') < 0 && nameWords.contains(n));
    return out;
  }

  /** A candidate in a partner's place that is a name, not a modifier of one. */
  private static boolean nameInSlot(String text, OrgCandidates.Candidate c, Document.Sentence s) {
    return looksLikeName(c.text()) && !modifier(text, c, s);
  }

  /**
   * A capitalised word used as a modifier: "the Västerås start-up", "Bengaluru-based", "Taiwan's Gogoro", or a
   * single word after "the" ("the Issuer", "the Calgary producer").
   */
  private static boolean modifier(String text, OrgCandidates.Candidate c, Document.Sentence s) {
    String t = c.text();
    if (HYPHEN_ADJECTIVE.matcher(t).find() || MODIFIER_AFTER.matcher(text).region(c.end(), s.end()).lookingAt()) {
      return true;
    }
    int apostrophe = t.indexOf("'s ");
    if (apostrophe > 0 && EntityTagger.PLACES.contains(t.substring(0, apostrophe))) {
      return true;
    }
    return t.indexOf(' ') < 0 && THE_BEFORE.matcher(text).region(s.start(), c.start()).find();
  }

  /** Two-letter legal forms of continental Europe, after a name the rules did not know: "Ventomar SA" is Ventomar. */
  private static final java.util.regex.Pattern SHORT_LEGAL_FORM = java.util.regex.Pattern.compile(
      "\\s+(?:SA|AG|AB|NV|BV|SE|ASA|Oy)$");

  /** The name without its legal form ("Tallis Quantum Ltd", "Ventomar SA"). */
  static String withoutLegalForm(String name) {
    String n = EntityTagger.withoutLegalSuffixName(name);
    String shorter = SHORT_LEGAL_FORM.matcher(n).replaceAll("");
    return shorter.length() >= 2 ? shorter : n;
  }

  /** Only ", ", " and " or " & " between two items. */
  private static boolean joined(String text, int end, int nextStart) {
    return nextStart > end && AND.matcher(text).region(end, nextStart).matches();
  }

  /** A name, not a place, a given name, a month or a run of common words. */
  private static boolean looksLikeName(String name) {
    String[] words = name.split("\\s+");
    if (EntityTagger.isStopOrGivenName(words[0]) || EntityTagger.PLACES.contains(name)) {
      return false;
    }
    if (words.length == 1 && name.length() < (name.equals(name.toUpperCase(java.util.Locale.ROOT)) ? 3 : 4)) {
      return false;
    }
    for (String w : words) {
      if (!EntityTagger.isCommonWord(w)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every word of the names the article already gives and of the names accepted so far: such a word alone is that
   * name's short form or part ("Verdant" of the model's "Verdant Cultures"), not another company.
   */
  private static Set<String> nameWords(Tagging tagging, Set<String> acceptedNames) {
    Set<String> words = new HashSet<>();
    for (TaggedEntity te : tagging.entities()) {
      words.addAll(List.of(te.name().split("\\s+")));
    }
    for (String n : acceptedNames) {
      words.addAll(List.of(n.split("\\s+")));
    }
    return words;
  }

  Tagging extend(Tagging tagging) {
    List<OrgCandidates.Candidate> candidates = OrgCandidates.of(tagging, common);
    Set<String> accepted = new HashSet<>();
    for (OrgCandidates.Candidate c : candidates) {
      if (probability(c.features()) >= threshold) {
        accepted.add(c.text());
      }
    }
    accepted.addAll(repeatedProperNouns(tagging, candidates, accepted));
    accepted.addAll(partnerSlotNames(tagging, candidates, accepted));
    Set<String> camel = camelCaseNames(tagging);
    if (accepted.isEmpty() && camel.isEmpty()) {
      return tagging;
    }
    Map<String, TaggedEntity> added = new LinkedHashMap<>();
    List<Tagging.Mention> mentions = new ArrayList<>(tagging.mentions());
    for (OrgCandidates.Candidate c : candidates) {
      if (accepted.contains(c.text())) {
        String name = withoutLegalForm(c.text());
        if (tagging.entityNamed(name) != null) {
          continue;
        }
        TaggedEntity te = added.computeIfAbsent(name,
            n -> new TaggedEntity(null, n, EntityType.ORG, null, null, null, null, false));
        te.addSpan(c.start(), c.end());
        mentions.add(new Tagging.Mention(c.start(), c.end(), te));
      }
    }
    for (String n : camel) {
      added.computeIfAbsent(n, k -> new TaggedEntity(null, k, EntityType.ORG, null, null, null, null, false));
    }
    return withMentions(tagging, added, mentions);
  }

  /**
   * The tagging with these organisations, remembered from earlier articles ({@link NameMemory}), tagged wherever the
   * text writes them and no mention stands. A name the tagging already gives is left as it is.
   */
  static Tagging withRemembered(Tagging tagging, Set<String> names) {
    Map<String, TaggedEntity> added = new LinkedHashMap<>();
    for (String n : names) {
      if (tagging.entityNamed(n) == null) {
        added.put(n, new TaggedEntity(null, n, EntityType.ORG, null, null, null, null, false));
      }
    }
    if (added.isEmpty()) {
      return tagging;
    }
    return withMentions(tagging, added, new ArrayList<>(tagging.mentions()));
  }

  /** Adds the new entities, with a mention at every free occurrence of each name or its first word. */
  private static Tagging withMentions(Tagging tagging, Map<String, TaggedEntity> added, List<Tagging.Mention> mentions) {
    String text = tagging.document().text();
    // later mentions of an accepted name, in full or by its first word ("Voltaic" after "Voltaic Cells"), as the
    // rule tagger counts its own unknown organisations
    for (TaggedEntity te : added.values()) {
      List<String> forms = new ArrayList<>(List.of(te.name()));
      String[] words = te.name().split("\\s+");
      if (words.length >= 2 && EntityTagger.usableShortForm(words[0]) && tagging.entityNamed(words[0]) == null
          && !added.containsKey(words[0])) {
        forms.add(words[0]);
      }
      for (String f : forms) {
        boolean shortForm = !f.equals(te.name());
        for (int at = WholeWords.next(text, f, 0); at >= 0; at = WholeWords.next(text, f, at + f.length())) {
          int end = at + f.length();
          if (!Tagging.overlapsAny(mentions, at, end) && !crosses(tagging.document(), at, end)
              && !(shortForm && EntityTagger.followedByNameWord(text, end))) {
            te.addSpan(at, end);
            mentions.add(new Tagging.Mention(at, end, te));
          }
        }
      }
    }
    List<TaggedEntity> entities = new ArrayList<>(tagging.entities());
    for (TaggedEntity te : added.values()) {
      if (te.mentions() > 0) { // a remembered name written only inside a longer mention is not this article's
        entities.add(te);
      }
    }
    entities.sort((a, b) -> Integer.compare(a.firstStart(), b.firstStart()));
    return new Tagging(tagging.document(), entities, mentions);
  }
}
