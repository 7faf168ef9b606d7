package io.newssignals.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newssignals.contract.ArticleJson;
import io.newssignals.schema.Article;
import java.io.BufferedReader;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import opennlp.tools.ml.EventTrainer;
import opennlp.tools.ml.TrainerFactory;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.GenericModelWriter;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code train-partnership-model}: rebuilds {@link PartnershipStatusModel} from the repository's data, reproducibly
 * (GIS maximum entropy, one thread, input order fixed). One example per pair of organisations named together in a
 * sentence ({@link PartnershipPairFeatures}): every sentence of the sentence banks ({@code sentences.jsonl}) and of the
 * labelled article sets. The label is the status of the gold partnership joining the two (in a bank sentence, its
 * listed partnerships; in an article, the gold PARTNERSHIP events whose evidence is that sentence), else
 * {@value PartnershipStatusModel#NONE}. Refuses the blind split ({@link BlindSplit}).
 */
@Command(name = "train-partnership-model", mixinStandardHelpOptions = true,
    description = "Retrain the partnership-status classifier from sentence banks and labelled sets.")
public final class TrainPartnershipModelCommand implements Callable<Integer> {

  @Option(names = "--labelled", paramLabel = "DIR", arity = "1..*", required = true,
      description = "Labelled sets (articles.jsonl + gold.jsonl, and sentences.jsonl when present), "
          + "e.g. eval/corpus/t1 ... eval/corpus/t5 eval/dev eval/dev2.")
  List<Path> labelled = new ArrayList<>();

  @Option(names = "--output", paramLabel = "DIR", defaultValue = "enrich/src/main/resources/enrich/models",
      description = "Where to write partnership-status.bin and .properties (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--threshold", defaultValue = "0.6",
      description = "Probability a verdict needs to override the rules (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--drop", defaultValue = "false", description = "Whether a confident 'no partnership news' verdict "
      + "drops the rules' event (default: ${DEFAULT-VALUE}; on the blind split dropping cost recall, see docs/enrich.md).")
  boolean drop;

  @Option(names = "--add", defaultValue = "0.9", description = "Probability a pair's status needs for the model to "
      + "add a partnership the rules did not find; above 1 never (default: ${DEFAULT-VALUE}).")
  double add;

  @Option(names = "--iterations", defaultValue = "150", description = "GIS iterations (default: ${DEFAULT-VALUE}).")
  int iterations;

  /** The statuses a label may carry; anything else in a gold file is left out rather than trained on. */
  private static final java.util.Set<String> STATUSES = java.util.Set.of("FORMED", "EXPANDED", "EXCLUSIVE",
      "NON_EXCLUSIVE", "STRAINED", "ENDED");

  private final PrintStream out = System.err;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Integer call() throws IOException {
    BlindSplit.refuse("train-partnership-model", labelled);
    Tagger pipeline = Tagger.bundled();
    List<Event> events = new ArrayList<>();
    for (Path d : labelled) {
      if (Files.exists(d.resolve("sentences.jsonl"))) {
        readBank(pipeline, d.resolve("sentences.jsonl"), events);
      }
      readArticles(pipeline, d, events);
    }
    Map<String, Integer> counts = new TreeMap<>();
    for (Event e : events) {
      counts.merge(e.getOutcome(), 1, Integer::sum);
    }
    out.println("train-partnership-model: " + events.size() + " examples " + counts);
    TrainingParameters p = TrainingParameters.defaultParams();
    p.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT");
    p.put(TrainingParameters.ITERATIONS_PARAM, iterations);
    p.put(TrainingParameters.CUTOFF_PARAM, 1);
    p.put(TrainingParameters.THREADS_PARAM, 1);
    EventTrainer trainer = TrainerFactory.getEventTrainer(p, new HashMap<>());
    MaxentModel model = trainer.train(ObjectStreamUtils.createObjectStream(events));
    Files.createDirectories(output);
    try (OutputStream o = Files.newOutputStream(output.resolve("partnership-status.bin"));
        DataOutputStream data = new DataOutputStream(o)) {
      new GenericModelWriter((AbstractModel) model, data).persist();
    }
    Files.writeString(output.resolve("partnership-status.properties"),
        "# written by: bin/pipeline train-partnership-model (see docs/enrich.md); do not edit by hand\n"
            + "threshold=" + threshold + "\ndrop=" + drop + "\nadd=" + add + "\nexamples=" + events.size() + "\niterations=" + iterations + "\n",
        StandardCharsets.UTF_8);
    out.println("train-partnership-model: wrote " + output.resolve("partnership-status.bin"));
    return 0;
  }

  private void readBank(Tagger pipeline, Path file, List<Event> events) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null;) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        List<Labelled> gold = new ArrayList<>();
        for (JsonNode pn : n.path("partnerships")) {
          if (STATUSES.contains(pn.path("status").asText())) {
            List<String> parties = new ArrayList<>();
            pn.path("parties").forEach(x -> parties.add(x.asText()));
            gold.add(new Labelled(parties, pn.path("status").asText()));
          }
        }
        Document doc = Document.of("", n.path("text").asText());
        Tagging tagging = pipeline.tag(doc);
        for (Document.Sentence s : doc.sentences()) {
          addPairs(doc, tagging, s, gold, events);
        }
      }
    }
  }

  /** A gold partnership: its parties and status. */
  record Labelled(List<String> parties, String status) {}

  private void readArticles(Tagger pipeline, Path dir, List<Event> events) throws IOException {
    Map<String, Map<String, List<Labelled>>> evidence = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(dir.resolve("gold.jsonl"), StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null;) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        Map<String, List<Labelled>> ev = new HashMap<>();
        for (JsonNode e : n.path("events")) {
          if ("PARTNERSHIP".equals(e.path("type").asText()) && e.hasNonNull("evidence")
              && STATUSES.contains(e.path("status").asText())) {
            List<String> parties = new ArrayList<>();
            e.path("parties").forEach(x -> parties.add(x.asText()));
            ev.computeIfAbsent(squash(e.get("evidence").asText()), k -> new ArrayList<>())
                .add(new Labelled(parties, e.path("status").asText()));
          }
        }
        evidence.put(n.get("id").asText(), ev);
      }
    }
    try (BufferedReader r = Files.newBufferedReader(dir.resolve("articles.jsonl"), StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null;) {
        if (line.isBlank()) {
          continue;
        }
        Article a = ArticleJson.read(line);
        Map<String, List<Labelled>> ev = evidence.getOrDefault(a.getId(), Map.of());
        Document doc = Document.of(a.getTitle(), a.getBody());
        Tagging tagging = pipeline.tag(doc);
        for (Document.Sentence s : doc.sentences()) {
          // the evidence may leave out a dateline or a lead-in the sentence splitter kept: containment, both ways
          String sq = squash(doc.sentenceText(s));
          List<Labelled> gold = new ArrayList<>();
          for (Map.Entry<String, List<Labelled>> en : ev.entrySet()) {
            if (sq.contains(en.getKey()) || en.getKey().contains(sq)) {
              gold.addAll(en.getValue());
            }
          }
          addPairs(doc, tagging, s, gold, events);
        }
      }
    }
  }

  /**
   * One example per pair of organisations the sentence names: the status of the gold partnership joining both, else
   * NONE; a pair joined by two partnerships of different statuses is left out.
   */
  private static void addPairs(Document doc, Tagging tagging, Document.Sentence s, List<Labelled> gold,
      List<Event> events) {
    List<PartnershipPairFeatures.Org> orgs = PartnershipPairFeatures.orgs(tagging, s);
    List<String> names = PartnershipPairFeatures.names(orgs, PartnershipModelStage.MAX_ORGS);
    String text = doc.sentenceText(s);
    for (int i = 0; i < names.size(); i++) {
      for (int j = i + 1; j < names.size(); j++) {
        TreeSet<String> st = new TreeSet<>();
        for (Labelled g : gold) {
          if (in(names.get(i), g.parties()) && in(names.get(j), g.parties())) {
            st.add(g.status());
          }
        }
        if (st.size() > 1) {
          continue;
        }
        events.add(new Event(st.isEmpty() ? PartnershipStatusModel.NONE : st.first(),
            PartnershipPairFeatures.of(text, orgs, names.get(i), names.get(j), s.title())));
      }
    }
  }

  /** Whether a tagged name is one of the gold names: same words once case, punctuation and legal suffixes go, or
   * one name's words begin the other's ("Kestrel" for "Kestrel Biologics"). */
  static boolean in(String name, List<String> gold) {
    List<String> n = words(name);
    for (String g : gold) {
      List<String> w = words(g);
      if (!n.isEmpty() && !w.isEmpty() && (n.equals(w) || n.size() < w.size() && w.subList(0, n.size()).equals(n)
          || w.size() < n.size() && n.subList(0, w.size()).equals(w))) {
        return true;
      }
    }
    return false;
  }

  private static final java.util.Set<String> SUFFIXES = java.util.Set.of("inc", "corp", "corporation", "co",
      "company", "ltd", "llc", "plc", "group", "holding", "holdings", "ag", "se", "sa", "nv", "the");

  private static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    for (String w : java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9]+")) {
      if (!w.isEmpty() && !SUFFIXES.contains(w)) {
        out.add(w);
      }
    }
    return out;
  }

  private static String squash(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }
}
