package io.newssignals.enrich;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import opennlp.tools.ml.model.BinaryFileDataReader;
import opennlp.tools.ml.model.GenericModelReader;
import opennlp.tools.ml.model.MaxentModel;

/**
 * A learned classifier of deal sentences: does this sentence (a headline or one of the first body sentences) report
 * a purchase of a company or of a stake in one? A maximum-entropy model (Apache OpenNLP) over the sentence's words
 * and word pairs with company names replaced by {@code ORG} and numbers by {@code NUM}, so that it learns the
 * genre's phrasing ("said it agreed to sell its unit to ORG", "acquired NUM pct of ORG") rather than names.
 *
 * <p>It is trained by {@link TrainDealModelCommand} from the Reuters training split (article topic labels as
 * distant supervision) and the repository's labelled corpus (gold evidence sentences); the model and its
 * threshold ship in {@value #RESOURCE} and {@value #META}.
 */
public final class DealSentenceModel {

  public static final String RESOURCE = "/enrich/models/deal-sentence.bin";
  public static final String META = "/enrich/models/deal-sentence.properties";
  public static final String DEAL = "deal";
  public static final String OTHER = "other";
  /** Headline and this many body sentences are candidates: the wire states the deal in its lead. */
  public static final int LEAD_SENTENCES = 3;

  private final MaxentModel model;
  private final double threshold;
  private final int dealIndex;

  public DealSentenceModel(MaxentModel model, double threshold) {
    this.model = model;
    this.threshold = threshold;
    this.dealIndex = model.getIndex(DEAL);
    if (dealIndex < 0) {
      throw new IllegalArgumentException("model has no outcome '" + DEAL + "'");
    }
  }

  private static volatile DealSentenceModel bundled;

  /** The model shipped in the jar. */
  public static DealSentenceModel bundled() {
    DealSentenceModel m = bundled;
    if (m == null) {
      synchronized (DealSentenceModel.class) {
        if (bundled == null) {
          bundled = load();
        }
        m = bundled;
      }
    }
    return m;
  }

  private static DealSentenceModel load() {
    try (InputStream bin = DealSentenceModel.class.getResourceAsStream(RESOURCE);
        InputStream meta = DealSentenceModel.class.getResourceAsStream(META)) {
      if (bin == null || meta == null) {
        throw new IllegalStateException("deal-sentence model missing from the classpath: " + RESOURCE + ", " + META
            + " (rebuild it with: bin/pipeline train-deal-model)");
      }
      Properties p = new Properties();
      p.load(meta);
      MaxentModel m = new GenericModelReader(new BinaryFileDataReader(new DataInputStream(
          new BufferedInputStream(bin)))).getModel();
      String t = p.getProperty("threshold");
      if (t == null) {
        throw new IllegalStateException(META + ": no 'threshold'");
      }
      return new DealSentenceModel(m, Double.parseDouble(t));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the deal-sentence model " + RESOURCE, e);
    }
  }

  public double threshold() {
    return threshold;
  }

  /** Probability that the sentence reports a deal. */
  public double probability(String[] features) {
    return model.eval(features)[dealIndex];
  }

  /**
   * The features of one sentence: lower-cased words and adjacent word pairs, with each organisation mention (spans
   * relative to the sentence) replaced by {@code ORG}, every number by {@code NUM}, "%"/"percent"/"pct" by
   * {@code pct} and a wire ticker ("&lt;GEL&gt;") by {@code TICKER}; plus where the sentence stands.
   */
  public static String[] features(String s, List<int[]> orgSpans, boolean title) {
    List<String> tokens = tokens(s, orgSpans);
    Set<String> f = new LinkedHashSet<>();
    f.add(title ? "pos=title" : "pos=body");
    long orgs = tokens.stream().filter("ORG"::equals).count();
    f.add("orgs=" + Math.min(orgs, 3));
    String prev = "^";
    for (String t : tokens) {
      f.add("w=" + t);
      f.add("b=" + prev + "_" + t);
      prev = t;
    }
    f.add("b=" + prev + "_$");
    return f.toArray(new String[0]);
  }

  static List<String> tokens(String s, List<int[]> orgSpans) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    int org = 0;
    while (i < n) {
      while (org < orgSpans.size() && orgSpans.get(org)[1] <= i) {
        org++;
      }
      if (org < orgSpans.size() && orgSpans.get(org)[0] <= i) {
        if (out.isEmpty() || !"ORG".equals(out.get(out.size() - 1))) {
          out.add("ORG");
        }
        i = orgSpans.get(org)[1];
        continue;
      }
      char c = s.charAt(i);
      if (Character.isLetter(c)) {
        int j = i;
        while (j < n && (Character.isLetter(s.charAt(j)) || s.charAt(j) == '\'' && j + 1 < n
            && Character.isLetter(s.charAt(j + 1)))) {
          j++;
        }
        String w = s.substring(i, j).toLowerCase(Locale.ROOT);
        out.add(w.equals("percent") || w.equals("pct") ? "pct" : w);
        i = j;
      } else if (Character.isDigit(c)) {
        int j = i;
        while (j < n && (Character.isDigit(s.charAt(j)) || (s.charAt(j) == '.' || s.charAt(j) == ',') && j + 1 < n
            && Character.isDigit(s.charAt(j + 1)))) {
          j++;
        }
        out.add("NUM");
        i = j;
      } else if (c == '%') {
        out.add("pct");
        i++;
      } else if (c == '<') {
        int j = s.indexOf('>', i);
        if (j > i && j - i <= 12) {
          out.add("TICKER");
          i = j + 1;
        } else {
          i++;
        }
      } else if (c == '$' || c == '\u20ac' || c == '\u00a3' || c == '\u00a5') {
        out.add("CUR");
        i++;
      } else {
        i++;
      }
    }
    return out;
  }
}
