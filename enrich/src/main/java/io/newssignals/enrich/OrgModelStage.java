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
    Set<String> nameWords = new HashSet<>();
    for (TaggedEntity te : tagging.entities()) {
      // a word of any name the article already gives is that name's short form or part, not another company
      nameWords.addAll(List.of(te.name().split("\\s+")));
    }
    for (String n : acceptedNames) {
      nameWords.addAll(List.of(n.split("\\s+"))); // "Verdant" is the short form of the model's "Verdant Cultures"
    }
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

  Tagging extend(Tagging tagging) {
    List<OrgCandidates.Candidate> candidates = OrgCandidates.of(tagging, common);
    Set<String> accepted = new HashSet<>();
    for (OrgCandidates.Candidate c : candidates) {
      if (probability(c.features()) >= threshold) {
        accepted.add(c.text());
      }
    }
    accepted.addAll(repeatedProperNouns(tagging, candidates, accepted));
    Set<String> camel = camelCaseNames(tagging);
    if (accepted.isEmpty() && camel.isEmpty()) {
      return tagging;
    }
    Map<String, TaggedEntity> added = new LinkedHashMap<>();
    List<Tagging.Mention> mentions = new ArrayList<>(tagging.mentions());
    for (OrgCandidates.Candidate c : candidates) {
      if (accepted.contains(c.text())) {
        String name = EntityTagger.withoutLegalSuffixName(c.text());
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
