package io.newssignals.enrich.bench;

import io.newssignals.enrich.EnrichmentPipeline;
import io.newssignals.enrich.WorstCases;
import io.newssignals.schema.Article;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to extract one hostile article (issue 12's worst cases: {@link WorstCases}, 10 kinds × 5 KB, 40 KB, 200 KB)
 * with the full bundled gazetteer and models, warm. Run with
 * {@code mvn -B -o -pl enrich -Pjmh verify -Djmh.args="WorstCaseBenchmark -f 1"}; the figure to compare with the
 * 200 ms target is the largest average over the 30 parameter pairs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 2, time = 1)
@Fork(1)
public class WorstCaseBenchmark {

  @Param({"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"})
  public int kind;

  @Param({"5000", "40000", "200000"})
  public int size;

  private EnrichmentPipeline pipeline;
  private Article article;

  @Setup
  public void setUp() {
    pipeline = EnrichmentPipeline.withBundledGazetteer();
    String body = WorstCases.body(kind, size);
    article = Article.newBuilder().setId("worst-" + kind + "-" + size).setSource("bench")
        .setTitle(body.substring(0, 200)).setBody(body).setPublished(Instant.EPOCH).build();
  }

  @Benchmark
  public Object extract() {
    return pipeline.enrich(article);
  }
}
