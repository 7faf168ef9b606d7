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
 * (GIS maximum entropy, one thread, input order fixed). Examples: every sentence of the sentence banks
 * ({@code sentences.jsonl}: its one status, or {@value PartnershipStatusModel#NONE}; sentences reporting two
 * different statuses are left out) and every sentence naming two or more organisations in the labelled article sets
 * (the status of the gold PARTNERSHIP event it is evidence of, else NONE).
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

  @Option(names = "--iterations", defaultValue = "150", description = "GIS iterations (default: ${DEFAULT-VALUE}).")
  int iterations;

  /** The statuses a label may carry; anything else in a gold file is left out rather than trained on. */
  private static final java.util.Set<String> STATUSES = java.util.Set.of("FORMED", "EXPANDED", "EXCLUSIVE",
      "NON_EXCLUSIVE", "STRAINED", "ENDED");

  private final PrintStream out = System.err;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Integer call() throws IOException {
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
            + "threshold=" + threshold + "\ndrop=" + drop + "\nexamples=" + events.size() + "\niterations=" + iterations + "\n",
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
        TreeSet<String> statuses = new TreeSet<>();
        for (JsonNode pn : n.path("partnerships")) {
          if (STATUSES.contains(pn.path("status").asText())) {
            statuses.add(pn.path("status").asText());
          }
        }
        if (statuses.size() > 1) {
          continue;
        }
        String outcome = statuses.isEmpty() ? PartnershipStatusModel.NONE : statuses.first();
        events.add(new Event(outcome, sentenceFeatures(pipeline, n.path("text").asText())));
      }
    }
  }

  private void readArticles(Tagger pipeline, Path dir, List<Event> events) throws IOException {
    Map<String, Map<String, TreeSet<String>>> evidence = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(dir.resolve("gold.jsonl"), StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null;) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        Map<String, TreeSet<String>> ev = new HashMap<>();
        for (JsonNode e : n.path("events")) {
          if ("PARTNERSHIP".equals(e.path("type").asText()) && e.hasNonNull("evidence")
              && STATUSES.contains(e.path("status").asText())) {
            ev.computeIfAbsent(squash(e.get("evidence").asText()), k -> new TreeSet<>()).add(e.path("status").asText());
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
        Map<String, TreeSet<String>> ev = evidence.getOrDefault(a.getId(), Map.of());
        Document doc = Document.of(a.getTitle(), a.getBody());
        Tagging tagging = pipeline.tag(doc);
        for (Document.Sentence s : doc.sentences()) {
          List<int[]> spans = TrainDealModelCommand.orgSpans(tagging, s);
          if (spans.size() < 2) {
            continue;
          }
          String text = doc.sentenceText(s);
          // the evidence may leave out a dateline or a lead-in the sentence splitter kept: containment, both ways
          String sq = squash(text);
          TreeSet<String> st = null;
          for (Map.Entry<String, TreeSet<String>> en : ev.entrySet()) {
            if (sq.contains(en.getKey()) || en.getKey().contains(sq)) {
              st = st == null ? new TreeSet<>() : st;
              st.addAll(en.getValue());
            }
          }
          if (st != null && st.size() > 1) {
            continue;
          }
          String outcome = st == null ? PartnershipStatusModel.NONE : st.first();
          events.add(new Event(outcome, DealSentenceModel.features(text, spans, s.title())));
        }
      }
    }
  }

  /** Features of a lone sentence, its organisations found by the tagger. */
  static String[] sentenceFeatures(Tagger pipeline, String text) {
    Document doc = Document.of("", text);
    Tagging tagging = pipeline.tag(doc);
    List<int[]> spans = new ArrayList<>();
    for (Document.Sentence s : doc.sentences()) {
      for (int[] sp : TrainDealModelCommand.orgSpans(tagging, s)) {
        spans.add(new int[] {sp[0] + s.start() - doc.bodyStart(), sp[1] + s.start() - doc.bodyStart()});
      }
    }
    return DealSentenceModel.features(text, spans, false);
  }

  private static String squash(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }
}
