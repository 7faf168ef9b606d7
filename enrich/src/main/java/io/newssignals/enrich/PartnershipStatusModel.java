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
 * A learned reader of partnership status: given the evidence sentence of a partnership the rules found (company
 * names masked), which status does it report, or none at all ({@value #NONE}: a background mention, a denial, a
 * legal form, a supply contract)? A maximum-entropy model (Apache OpenNLP) over the same word features as
 * {@link DealSentenceModel}, trained by {@link TrainPartnershipModelCommand} on the corpus sentence bank and the
 * evidence sentences of the labelled training sets.
 */
public final class PartnershipStatusModel {

  public static final String RESOURCE = "/enrich/models/partnership-status.bin";
  public static final String META = "/enrich/models/partnership-status.properties";
  public static final String NONE = "NONE";

  private final MaxentModel model;
  private final double threshold;
  private final boolean mayDrop;

  public PartnershipStatusModel(MaxentModel model, double threshold, boolean mayDrop) {
    this.model = model;
    this.threshold = threshold;
    this.mayDrop = mayDrop;
  }

  /** Whether a confident NONE verdict drops the rules' partnership (else the model only corrects statuses). */
  public boolean mayDrop() {
    return mayDrop;
  }

  /** The model's verdict on one sentence: a status, or null for {@value #NONE}, and its probability. */
  public record Verdict(PartnershipStatus status, double probability) {}

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
          Boolean.parseBoolean(p.getProperty("drop", "false")));
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
    return new Verdict(NONE.equals(best) ? null : PartnershipStatus.valueOf(best), bp);
  }
}
