package io.newssignals.enrich;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newssignals.contract.ArticleJson;
import io.newssignals.schema.Article;
import io.newssignals.schema.EntityType;
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
 * {@code train-deal-model}: rebuilds {@link DealSentenceModel} from data, reproducibly (GIS maximum entropy, one
 * thread, the input order fixed). Two sources:
 *
 * <ul>
 *   <li>Reuters-21578 (the training split, {@code articles.train.jsonl} and {@code labels.train.jsonl}): the headline
 *       and first body sentences of an {@code acq} story are deal sentences, those of every other story are not
 *       (distant supervision: noisy, but thousands of real wire sentences);</li>
 *   <li>labelled sets in the evaluation format ({@code articles.jsonl} + {@code gold.jsonl}): a sentence is a deal
 *       sentence when it is the evidence of a gold ACQUISITION or INVESTMENT event.</li>
 * </ul>
 * One Reuters story in five (by id) is held out to choose the threshold: the lowest at which the held-out stories
 * flagged are at least {@code --precision} acq stories. The final model is then trained on everything.
 */
@Command(name = "train-deal-model", mixinStandardHelpOptions = true,
    description = "Retrain the deal-sentence classifier from Reuters and labelled sets (writes the model files).")
public final class TrainDealModelCommand implements Callable<Integer> {

  @Option(names = "--reuters", paramLabel = "DIR", description = "Folder with Reuters articles.train.jsonl and "
      + "labels.train.jsonl (e.g. ../shared/eval/reuters).")
  Path reuters;

  @Option(names = "--labelled", paramLabel = "DIR", arity = "1..*",
      description = "Labelled sets (articles.jsonl + gold.jsonl), e.g. eval/corpus/train.")
  List<Path> labelled = new ArrayList<>();

  @Option(names = "--output", paramLabel = "DIR", defaultValue = "enrich/src/main/resources/enrich/models",
      description = "Where to write deal-sentence.bin and deal-sentence.properties (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--precision", defaultValue = "0.93",
      description = "Held-out article precision the threshold must reach (default: ${DEFAULT-VALUE}).")
  double precision;

  @Option(names = "--iterations", defaultValue = "150", description = "GIS iterations (default: ${DEFAULT-VALUE}).")
  int iterations;

  private final PrintStream out = System.err;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One candidate sentence: its features, whether it is a deal sentence, and its story (for held-out scoring). */
  record Sample(String doc, boolean heldOut, boolean reuters, boolean storyIsDeal, boolean deal, String[] features) {}

  @Override
  public Integer call() throws IOException {
    BlindSplit.refuse("train-deal-model", labelled);
    BlindSplit.refuse("train-deal-model", java.util.Collections.singletonList(reuters));
    Tagger pipeline = Tagger.bundled();
    List<Sample> samples = new ArrayList<>();
    if (reuters != null) {
      readReuters(pipeline, samples);
    }
    for (Path d : labelled) {
      readLabelled(pipeline, d, samples);
    }
    if (samples.isEmpty()) {
      out.println("train-deal-model: no data (give --reuters and/or --labelled)");
      return 2;
    }
    out.printf(Locale.ROOT, "train-deal-model: %d candidate sentences, %d deal%n", samples.size(),
        samples.stream().filter(Sample::deal).count());

    double threshold = 0.5;
    if (reuters != null) {
      MaxentModel m = train(samples.stream().filter(s -> !s.heldOut()).toList());
      threshold = chooseThreshold(m, samples.stream().filter(Sample::heldOut).toList());
    }
    MaxentModel model = train(samples);
    Files.createDirectories(output);
    try (OutputStream o = Files.newOutputStream(output.resolve("deal-sentence.bin"));
        DataOutputStream data = new DataOutputStream(o)) {
      new GenericModelWriter((AbstractModel) model, data).persist();
    }
    String meta = "# written by: bin/pipeline train-deal-model (see docs/enrich.md); do not edit by hand\n"
        + "threshold=" + threshold + "\n"
        + "sentences=" + samples.size() + "\n"
        + "iterations=" + iterations + "\n";
    Files.writeString(output.resolve("deal-sentence.properties"), meta, StandardCharsets.UTF_8);
    out.println("train-deal-model: wrote " + output.resolve("deal-sentence.bin") + " (threshold " + threshold + ")");
    return 0;
  }

  private MaxentModel train(List<Sample> samples) throws IOException {
    List<Event> events = new ArrayList<>(samples.size());
    for (Sample s : samples) {
      events.add(new Event(s.deal() ? DealSentenceModel.DEAL : DealSentenceModel.OTHER, s.features()));
    }
    TrainingParameters p = TrainingParameters.defaultParams();
    p.put(TrainingParameters.ALGORITHM_PARAM, "MAXENT");
    p.put(TrainingParameters.ITERATIONS_PARAM, iterations);
    p.put(TrainingParameters.CUTOFF_PARAM, 2);
    p.put(TrainingParameters.THREADS_PARAM, 1);
    EventTrainer trainer = TrainerFactory.getEventTrainer(p, new HashMap<>());
    return trainer.train(ObjectStreamUtils.createObjectStream(events));
  }

  /** The lowest threshold at which held-out Reuters stories flagged reach the precision asked for. */
  private double chooseThreshold(MaxentModel m, List<Sample> heldOut) {
    DealSentenceModel dm = new DealSentenceModel(m, 0.5);
    Map<String, Double> best = new HashMap<>();
    Map<String, Boolean> isDeal = new HashMap<>();
    for (Sample s : heldOut) {
      if (!s.reuters()) {
        continue;
      }
      best.merge(s.doc(), dm.probability(s.features()), Math::max);
      isDeal.put(s.doc(), s.storyIsDeal());
    }
    long positives = isDeal.values().stream().filter(b -> b).count();
    double chosen = 0.95;
    for (double t = 0.95; t >= 0.3; t -= 0.025) {
      int tp = 0;
      int fp = 0;
      for (Map.Entry<String, Double> e : best.entrySet()) {
        if (e.getValue() >= t) {
          if (isDeal.get(e.getKey())) {
            tp++;
          } else {
            fp++;
          }
        }
      }
      double p = tp + fp == 0 ? 1 : (double) tp / (tp + fp);
      out.printf(Locale.ROOT, "  held-out threshold %.3f: stories flagged %d, precision %.3f, recall %.3f%n", t,
          tp + fp, p, positives == 0 ? 0 : (double) tp / positives);
      if (p < precision) {
        break;
      }
      chosen = t;
    }
    return Math.round(chosen * 1000) / 1000.0;
  }

  private void readReuters(Tagger pipeline, List<Sample> samples) throws IOException {
    Map<String, Boolean> acq = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(reuters.resolve("labels.train.jsonl"), StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null;) {
        JsonNode n = JSON.readTree(line);
        boolean isAcq = false;
        for (JsonNode c : n.get("categories")) {
          isAcq |= "acq".equals(c.asText());
        }
        acq.put(n.get("id").asText(), isAcq);
      }
    }
    try (BufferedReader r = Files.newBufferedReader(reuters.resolve("articles.train.jsonl"), StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null;) {
        Article a = ArticleJson.read(line);
        boolean deal = Boolean.TRUE.equals(acq.get(a.getId()));
        boolean heldOut = Math.floorMod(a.getId().hashCode(), 5) == 0;
        for (Candidate c : candidates(pipeline, a, true)) {
          samples.add(new Sample("reuters:" + a.getId(), heldOut, true, deal, deal, c.features()));
        }
      }
    }
  }

  private void readLabelled(Tagger pipeline, Path dir, List<Sample> samples) throws IOException {
    Map<String, Set<String>> evidence = new HashMap<>();
    try (BufferedReader r = Files.newBufferedReader(dir.resolve("gold.jsonl"), StandardCharsets.UTF_8)) {
      for (String line; (line = r.readLine()) != null;) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode n = JSON.readTree(line);
        Set<String> ev = new HashSet<>();
        for (JsonNode e : n.path("events")) {
          String type = e.path("type").asText();
          if (("ACQUISITION".equals(type) || "INVESTMENT".equals(type)) && e.hasNonNull("evidence")) {
            ev.add(squash(e.get("evidence").asText()));
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
        Set<String> ev = evidence.getOrDefault(a.getId(), Set.of());
        for (Candidate c : candidates(pipeline, a, false)) {
          String s = squash(c.text());
          boolean deal = false;
          for (String e : ev) {
            deal |= !s.isEmpty() && (e.contains(s) || s.contains(e));
          }
          samples.add(new Sample(dir + ":" + a.getId(), false, false, !ev.isEmpty(), deal, c.features()));
        }
      }
    }
  }

  private static String squash(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  record Candidate(String text, String[] features) {}

  /** The headline and lead sentences (all sentences when {@code leadOnly} is false) with their features. */
  static List<Candidate> candidates(Tagger pipeline, Article a, boolean leadOnly) {
    Document doc = Document.of(a.getTitle(), a.getBody());
    Tagging tagging = pipeline.tag(doc);
    List<Candidate> out = new ArrayList<>();
    int body = 0;
    for (Document.Sentence s : doc.sentences()) {
      if (!s.title() && leadOnly && body++ >= DealSentenceModel.LEAD_SENTENCES) {
        break;
      }
      out.add(new Candidate(doc.sentenceText(s), DealSentenceModel.features(doc.sentenceText(s),
          orgSpans(tagging, s), s.title())));
    }
    return out;
  }

  /** Organisation mentions of a sentence, relative to it, in order. */
  static List<int[]> orgSpans(Tagging tagging, Document.Sentence s) {
    List<int[]> spans = new ArrayList<>();
    for (Tagging.Mention m : tagging.mentionsIn(s.start(), s.end(), EntityType.ORG)) {
      spans.add(new int[] {m.start() - s.start(), m.end() - s.start()});
    }
    spans.sort((x, y) -> Integer.compare(x[0], y[0]));
    return spans;
  }
}
