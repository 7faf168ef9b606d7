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
 * accents, punctuation and a legal suffix aside) is a gold ORG name of its article, else not. The last set given is
 * held out to choose the threshold (the lowest at which held-out precision reaches {@code --precision}); the final
 * model is trained on all of them.
 */
@Command(name = "train-org-model", mixinStandardHelpOptions = true,
    description = "Retrain the classifier of organisation names the gazetteer and rules do not know.")
public final class TrainOrgModelCommand implements Callable<Integer> {

  @Option(names = "--labelled", paramLabel = "DIR", arity = "2..*", required = true,
      description = "Labelled sets (articles.jsonl + gold.jsonl); the last is held out to choose the threshold.")
  List<Path> labelled = new ArrayList<>();

  @Option(names = "--output", paramLabel = "DIR", defaultValue = "enrich/src/main/resources/enrich/models",
      description = "Where to write org-candidate.bin and .properties (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--precision", defaultValue = "0.85",
      description = "Held-out precision the threshold must reach (default: ${DEFAULT-VALUE}).")
  double precision;

  @Option(names = "--iterations", defaultValue = "150", description = "GIS iterations (default: ${DEFAULT-VALUE}).")
  int iterations;

  private final PrintStream out = System.err;
  private static final ObjectMapper JSON = new ObjectMapper();

  record Example(boolean org, String[] features) {}

  @Override
  public Integer call() throws IOException {
    BlindSplit.refuse("train-org-model", labelled);
    EntityTagger tagger = new EntityTagger(new GazetteerMatcher(Gazetteer.bundled()));
    List<Example> train = new ArrayList<>();
    List<Example> heldOut = new ArrayList<>();
    for (int i = 0; i < labelled.size(); i++) {
      read(tagger, labelled.get(i), i == labelled.size() - 1 ? heldOut : train);
    }
    out.printf(Locale.ROOT, "train-org-model: %d training candidates (%d organisations), %d held out%n", train.size(),
        train.stream().filter(Example::org).count(), heldOut.size());
    MaxentModel m = train(train);
    OrgModelStage stage = new OrgModelStage(m, 0.5);
    long positives = heldOut.stream().filter(Example::org).count();
    double chosen = 0.95;
    for (double t = 0.95; t >= 0.05; t -= 0.05) {
      int tp = 0;
      int fp = 0;
      for (Example e : heldOut) {
        if (stage.probability(e.features()) >= t) {
          if (e.org()) {
            tp++;
          } else {
            fp++;
          }
        }
      }
      double p = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
      out.printf(Locale.ROOT, "  held-out threshold %.2f: accepted %d, precision %.3f, recall %.3f%n", t, tp + fp, p,
          positives == 0 ? 0 : (double) tp / positives);
      if (p < precision) {
        break;
      }
      chosen = t;
    }
    List<Example> all = new ArrayList<>(train);
    all.addAll(heldOut);
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

  private void read(EntityTagger tagger, Path dir, List<Example> into) throws IOException {
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
    try (BufferedReader r = Files.newBufferedReader(dir.resolve("articles.jsonl"), StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null;) {
        if (line.isBlank()) {
          continue;
        }
        Article a = ArticleJson.read(line);
        Set<String> gold = orgs.getOrDefault(a.getId(), Set.of());
        Tagging tagging = tagger.tag(Document.of(a.getTitle(), a.getBody()));
        for (OrgCandidates.Candidate c : OrgCandidates.of(tagging)) {
          into.add(new Example(gold.contains(norm(EntityTagger.withoutLegalSuffixName(c.text()))), c.features()));
        }
      }
    }
  }

  /** Case, accents, punctuation and spacing aside. */
  static String norm(String name) {
    String n = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    return n.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }
}
