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
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * {@code train-org-model}: rebuilds the {@link OrgModelStage} model from labelled sets, reproducibly. Every capitalised
 * run the rule tagger leaves untagged ({@link OrgCandidates}) is an example: an organisation when its text (case,
 * accents, punctuation and a legal suffix aside) is a gold ORG name of its article, else not. The threshold is chosen
 * by cross-validation over the sets: each set in turn is scored by a model trained on the others, and the threshold
 * is the lowest at which the pooled out-of-set precision still reaches {@code --precision}, counting only thresholds
 * that accept at least {@code --min-accepted} candidates (a precision of 1.0 on three candidates says nothing). The
 * final model is trained on all the sets.
 */
@Command(name = "train-org-model", mixinStandardHelpOptions = true,
    description = "Retrain the classifier of organisation names the gazetteer and rules do not know.")
public final class TrainOrgModelCommand implements Callable<Integer> {

  @Option(names = "--labelled", paramLabel = "DIR", arity = "2..*", required = true,
      description = "Labelled sets (articles.jsonl + gold.jsonl); each is held out in turn to choose the threshold.")
  List<Path> labelled = new ArrayList<>();

  @Option(names = "--output", paramLabel = "DIR", defaultValue = "enrich/src/main/resources/enrich/models",
      description = "Where to write org-candidate.bin and .properties (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--precision", defaultValue = "0.80",
      description = "Out-of-set precision the threshold must reach (default: ${DEFAULT-VALUE}).")
  double precision;

  @Option(names = "--min-accepted", defaultValue = "50",
      description = "Out-of-set candidates a threshold must accept for its precision to count (default: ${DEFAULT-VALUE}).")
  int minAccepted;

  @Option(names = "--iterations", defaultValue = "150", description = "GIS iterations (default: ${DEFAULT-VALUE}).")
  int iterations;

  private final PrintStream out = System.err;
  private static final ObjectMapper JSON = new ObjectMapper();

  record Example(boolean org, String[] features) {}

  /** An out-of-set probability and the candidate's label. */
  record Scored(double probability, boolean org) {}

  /** One row of the threshold table: candidates accepted, precision and recall at a threshold. */
  record Row(double threshold, int accepted, double precision, double recall) {}

  /** Precision and recall at every threshold from 0.95 down to 0.05, in steps of 0.05. */
  static List<Row> table(List<Scored> scored) {
    long positives = scored.stream().filter(Scored::org).count();
    List<Row> rows = new ArrayList<>();
    for (int step = 19; step >= 1; step--) {
      double t = step * 0.05;
      int tp = 0;
      int fp = 0;
      for (Scored s : scored) {
        if (s.probability() >= t - 1e-9) {
          if (s.org()) {
            tp++;
          } else {
            fp++;
          }
        }
      }
      rows.add(new Row(Math.round(t * 100) / 100.0, tp + fp, tp + fp == 0 ? 1 : (double) tp / (tp + fp),
          positives == 0 ? 0 : (double) tp / positives));
    }
    return rows;
  }

  /**
   * The lowest threshold, scanning down from 0.95, before precision first falls below {@code precision} among those
   * accepting at least {@code minAccepted} candidates; thresholds accepting fewer are passed over (their precision is
   * not evidence) but never chosen. 0.95 when none qualifies.
   */
  static double choose(List<Row> rows, double precision, int minAccepted) {
    double chosen = 0.95;
    for (Row r : rows) {
      if (r.accepted() < minAccepted) {
        continue;
      }
      if (r.precision() < precision) {
        break;
      }
      chosen = r.threshold();
    }
    return chosen;
  }

  @Override
  public Integer call() throws IOException {
    BlindSplit.refuse("train-org-model", labelled);
    EntityTagger tagger = new EntityTagger(new GazetteerMatcher(Gazetteer.bundled()));
    List<List<Article>> articles = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (Path dir : labelled) {
      List<Article> set = articles(dir);
      articles.add(set);
      set.forEach(a -> texts.add(a.getTitle() + "\n" + a.getBody()));
    }
    Set<String> common = OrgCandidates.commonWords(texts, COMMON_MIN_COUNT);
    List<List<Example>> sets = new ArrayList<>();
    for (int i = 0; i < labelled.size(); i++) {
      List<Example> set = new ArrayList<>();
      read(tagger, labelled.get(i), articles.get(i), set, common);
      sets.add(set);
    }
    List<Scored> outOfSet = new ArrayList<>();
    for (int i = 0; i < sets.size(); i++) {
      List<Example> train = new ArrayList<>();
      for (int j = 0; j < sets.size(); j++) {
        if (j != i) {
          train.addAll(sets.get(j));
        }
      }
      OrgModelStage stage = new OrgModelStage(train(train), 0.5, common);
      for (Example e : sets.get(i)) {
        outOfSet.add(new Scored(stage.probability(e.features()), e.org()));
      }
    }
    out.printf(Locale.ROOT, "train-org-model: %d candidates (%d organisations) in %d sets, each scored out of set%n",
        outOfSet.size(), outOfSet.stream().filter(Scored::org).count(), sets.size());
    List<Row> rows = table(outOfSet);
    for (Row r : rows) {
      out.printf(Locale.ROOT, "  out-of-set threshold %.2f: accepted %d, precision %.3f, recall %.3f%n", r.threshold(),
          r.accepted(), r.precision(), r.recall());
    }
    double chosen = choose(rows, precision, minAccepted);
    List<Example> all = new ArrayList<>();
    sets.forEach(all::addAll);
    MaxentModel model = train(all);
    Files.createDirectories(output);
    try (OutputStream o = Files.newOutputStream(output.resolve("org-candidate.bin"));
        DataOutputStream data = new DataOutputStream(o)) {
      new GenericModelWriter((AbstractModel) model, data).persist();
    }
    Files.writeString(output.resolve("org-candidate.properties"),
        "# written by: bin/pipeline train-org-model (see docs/enrich.md); do not edit by hand\n"
            + "threshold=" + Math.round(chosen * 100) / 100.0 + "\nexamples=" + all.size() + "\niterations="
            + iterations + "\n", StandardCharsets.UTF_8);
    Files.writeString(output.resolve("org-common-words.txt"),
        "# written by: bin/pipeline train-org-model (see docs/enrich.md); do not edit by hand\n"
            + "# lower-case words seen at least " + COMMON_MIN_COUNT + " times in the training articles\n"
            + String.join("\n", common) + "\n", StandardCharsets.UTF_8);
    out.println("train-org-model: wrote " + output.resolve("org-candidate.bin") + " (threshold "
        + Math.round(chosen * 100) / 100.0 + ")");
    return 0;
  }

  private MaxentModel train(List<Example> examples) throws IOException {
    List<Event> events = new ArrayList<>();
    for (Example e : examples) {
      events.add(new Event(e.org() ? OrgModelStage.ORG : OrgModelStage.OTHER, e.features()));
    }
    TrainingParameters p = TrainingParameters.defaultParams();
    p.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT");
    p.put(TrainingParameters.ITERATIONS_PARAM, iterations);
    p.put(TrainingParameters.CUTOFF_PARAM, 1);
    p.put(TrainingParameters.THREADS_PARAM, 1);
    EventTrainer trainer = TrainerFactory.getEventTrainer(p, new HashMap<>());
    return trainer.train(ObjectStreamUtils.createObjectStream(events));
  }

  /** A word seen this often in lower case in the training articles is a common word (see OrgCandidates). */
  static final int COMMON_MIN_COUNT = 3;

  private static List<Article> articles(Path dir) throws IOException {
    List<Article> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(dir.resolve("articles.jsonl"), StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null;) {
        if (!line.isBlank()) {
          out.add(ArticleJson.read(line));
        }
      }
    }
    return out;
  }

  private void read(EntityTagger tagger, Path dir, List<Article> articles, List<Example> into, Set<String> common)
      throws IOException {
    Map<String, Set<String>> orgs = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(dir.resolve("gold.jsonl"), StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null;) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        Set<String> names = new HashSet<>();
        for (JsonNode e : n.path("entities")) {
          if ("ORG".equals(e.path("type").asText())) {
            names.add(norm(e.path("name").asText()));
          }
        }
        orgs.put(n.get("id").asText(), names);
      }
    }
    for (Article a : articles) {
      Set<String> gold = orgs.getOrDefault(a.getId(), Set.of());
      Tagging tagging = tagger.tag(Document.of(a.getTitle(), a.getBody()));
      for (OrgCandidates.Candidate c : OrgCandidates.of(tagging, common)) {
        into.add(new Example(gold.contains(norm(EntityTagger.withoutLegalSuffixName(c.text()))), c.features()));
      }
    }
  }

  /** Case, accents, punctuation and spacing aside. */
  static String norm(String name) {
    String n = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return n.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }
}
