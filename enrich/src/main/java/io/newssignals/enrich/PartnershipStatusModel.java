package io.newssignals.enrich;

import io.newssignals.schema.PartnershipStatus;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import opennlp.tools.ml.model.BinaryFileDataReader;
import opennlp.tools.ml.model.GenericModelReader;
import opennlp.tools.ml.model.MaxentModel;

/**
 * A learned reader of partnership status, per pair of companies: given a sentence and two of the organisations it
 * names ({@link PartnershipPairFeatures}), which status does the sentence report for a partnership between those
 * two, or none at all ({@value #NONE}: no partnership between them, a background mention, a denial, a legal form, a
 * supply contract)? A maximum-entropy model (Apache OpenNLP), trained by {@link TrainPartnershipModelCommand} on the
 * corpus sentence banks and every sentence naming two organisations in the labelled training sets.
 */
public final class PartnershipStatusModel {

  public static final String RESOURCE = "/enrich/models/partnership-status.bin";
  public static final String META = "/enrich/models/partnership-status.properties";
  public static final String NONE = "NONE";

  private final MaxentModel model;
  private final double threshold;
  private final boolean mayDrop;
  private final double addThreshold;

  public PartnershipStatusModel(MaxentModel model, double threshold, boolean mayDrop, double addThreshold) {
    this.model = model;
    this.threshold = threshold;
    this.mayDrop = mayDrop;
    this.addThreshold = addThreshold;
  }

  /**
   * Probability a pair's status needs for the model to report a partnership the rules did not find (above 1: never).
   */
  public double addThreshold() {
    return addThreshold;
  }

  /** Whether a confident NONE verdict drops the rules' partnership (else the model only corrects statuses). */
  public boolean mayDrop() {
    return mayDrop;
  }

  /**
   * The model's verdict on one candidate: its likeliest outcome (a status, or null for {@value #NONE}) and that
   * outcome's probability; the likeliest status whatever NONE scores, and the probability that the candidate is a
   * partnership at all (1 - P(NONE)).
   */
  public record Verdict(PartnershipStatus status, double probability, PartnershipStatus likeliest, double any) {}

  private static volatile PartnershipStatusModel bundled;

  public static PartnershipStatusModel bundled() {
    PartnershipStatusModel m = bundled;
    if (m == null) {
      synchronized (PartnershipStatusModel.class) {
        if (bundled == null) {
          bundled = load();
        }
        m = bundled;
      }
    }
    return m;
  }

  private static PartnershipStatusModel load() {
    try (InputStream bin = PartnershipStatusModel.class.getResourceAsStream(RESOURCE);
        InputStream meta = PartnershipStatusModel.class.getResourceAsStream(META)) {
      if (bin == null || meta == null) {
        throw new IllegalStateException("partnership-status model missing from the classpath: " + RESOURCE + ", "
            + META + " (rebuild it with: bin/pipeline train-partnership-model)");
      }
      Properties p = new Properties();
      p.load(meta);
      MaxentModel m = new GenericModelReader(new BinaryFileDataReader(new DataInputStream(
          new BufferedInputStream(bin)))).getModel();
      String t = p.getProperty("threshold");
      if (t == null) {
        throw new IllegalStateException(META + ": no 'threshold'");
      }
      return new PartnershipStatusModel(m, Double.parseDouble(t),
          Boolean.parseBoolean(p.getProperty("drop", "false")), Double.parseDouble(p.getProperty("add", "2")));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the partnership-status model " + RESOURCE, e);
    }
  }

  /** Probability a verdict needs before it overrides the rules. */
  public double threshold() {
    return threshold;
  }

  public Verdict classify(String[] features) {
    double[] p = model.eval(features);
    String best = model.getBestOutcome(p);
    double bp = p[model.getIndex(best)];
    String top = null;
    double none = 0;
    for (int i = 0; i < p.length; i++) {
      String o = model.getOutcome(i);
      if (NONE.equals(o)) {
        none = p[i];
      } else if (top == null || p[i] > p[model.getIndex(top)]) {
        top = o;
      }
    }
    return new Verdict(NONE.equals(best) ? null : PartnershipStatus.valueOf(best), bp,
        top == null ? null : PartnershipStatus.valueOf(top), 1 - none);
  }
}
