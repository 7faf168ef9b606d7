package io.newssignals.enrich.bench;

import io.newssignals.enrich.Document;
import io.newssignals.enrich.EnrichmentPipeline;
import io.newssignals.enrich.GazetteerMatcher;
import io.newssignals.schema.Article;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tagger throughput with the full bundled gazetteer on realistic article text (about 64 KB per operation): the
 * Aho-Corasick matcher against a java.util.regex alternation of every alias, measured in the same run, and the whole
 * extract path per article. Run with {@code mvn -B -o -pl enrich -Pjmh verify} (see docs/enrich.md). MB/s = ops/s *
 * textBytes / 1e6 (textBytes is printed at setup).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class TaggerBenchmark {

  private GazetteerMatcher matcher;
  private EnrichmentPipeline pipeline;
  private Pattern alternation;
  private String text;
  private List<Article> articles;
  private List<Article> longArticles;
  private int next;
  private int nextLong;

  @Setup
  public void setUp() throws IOException {
    pipeline = EnrichmentPipeline.withBundledGazetteer();
    matcher = pipeline.tagger().matcher();
    String paragraphs;
    try (InputStream in = TaggerBenchmark.class.getResourceAsStream("/bench/articles.txt")) {
      paragraphs = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    StringBuilder sb = new StringBuilder();
    while (sb.length() < 64 * 1024) {
      sb.append(paragraphs);
    }
    text = sb.toString();
    Set<String> forms = new LinkedHashSet<>(matcher.forms());
    List<String> sorted = new ArrayList<>(forms);
    sorted.sort(Comparator.comparingInt(String::length).reversed());
    StringBuilder re = new StringBuilder("(?<![\\p{L}\\p{N}])(?:");
    for (int i = 0; i < sorted.size(); i++) {
      re.append(i == 0 ? "" : "|").append(Pattern.quote(sorted.get(i)));
    }
    re.append(")(?![\\p{L}\\p{N}])");
    alternation = Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    articles = new ArrayList<>();
    int i = 0;
    for (String p : paragraphs.split("\n")) {
      String title = p.substring(0, p.indexOf(' ', 60));
      articles.add(Article.newBuilder().setId("bench-" + i++).setSource("bench").setTitle(title).setBody(p)
          .setPublished(Instant.EPOCH).build());
    }
    // news-length articles: the paragraphs, each article starting at another one, joined up to about 3.5 KB
    String[] ps = paragraphs.split("\n");
    longArticles = new ArrayList<>();
    for (int k = 0; k < ps.length; k++) {
      StringBuilder body = new StringBuilder();
      for (int j = k; body.length() < 3_500; j++) {
        body.append(body.length() == 0 ? "" : "\n\n").append(ps[j % ps.length]);
      }
      String title = ps[k].substring(0, ps[k].indexOf(' ', 60));
      longArticles.add(Article.newBuilder().setId("bench-long-" + k).setSource("bench").setTitle(title)
          .setBody(body.toString()).setPublished(Instant.EPOCH).build());
    }
    System.out.printf("%nsetup: textBytes=%d forms=%d (automaton %d)%n",
        text.getBytes(StandardCharsets.UTF_8).length, sorted.size(), matcher.formCount());
  }

  /** Aho-Corasick scan over the whole text (boundary and case checks included). */
  @Benchmark
  public int ahoCorasickScan() {
    return matcher.scan(text).size();
  }

  /** Baseline: one java.util.regex alternation of all aliases, same boundaries, case-insensitive. */
  @Benchmark
  public int regexAlternation() {
    Matcher m = alternation.matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }

  /** The full tagger (ambiguity rules, people, introduced names) over the whole text. */
  @Benchmark
  public int fullTagger() {
    return pipeline.tagger().tag(Document.of("", text)).entities().size();
  }

  /** The whole extract path for one article (entities, events); ops/s = articles/s. */
  @Benchmark
  public Object extractPerArticle() {
    Article a = articles.get(next++ % articles.size());
    return pipeline.enrich(a);
  }

  /** The same for news-length articles of about 3.5 KB (the paragraphs repeat within one); ops/s = articles/s. */
  @Benchmark
  public Object extractPer3500ByteArticle() {
    Article a = longArticles.get(nextLong++ % longArticles.size());
    return pipeline.enrich(a);
  }
}
