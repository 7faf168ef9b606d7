package io.newssignals.enrich;

import io.newssignals.cli.Progress;
import io.newssignals.contract.ArticleJson;
import io.newssignals.schema.Article;
import io.newssignals.schema.EnrichedArticle;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code extract}: article JSON Lines in, one extract line per article out, through the same code path as the
 * enrichment topology (an in-memory novelty session, in input order). A malformed line is reported on stderr with its
 * line number and skipped; the exit status is 1 at the end when any line was bad.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
    description = "Extract entities and deal events from article JSON Lines (no broker needed).")
public final class ExtractCommand implements Callable<Integer> {

  @Option(names = "--input", paramLabel = "FILE", description = "Article JSON Lines (default: stdin).")
  Path input;

  @Option(names = "--output", paramLabel = "FILE", description = "Extract JSON Lines (default: stdout).")
  Path output;

  @Option(names = "--gazetteer", paramLabel = "FILE", arity = "1..*",
      description = "Extra gazetteer CSV files, applied after the bundled one (later entries override by id).")
  List<Path> gazetteer = new ArrayList<>();

  @Option(names = "--explain", description = "Add to every event a \"why\": the stage and rule that found it, or "
      + "the model and its probability (an extra field the scorer ignores).")
  boolean explain;

  private final PrintStream err;

  public ExtractCommand() {
    this(System.err);
  }

  public ExtractCommand(PrintStream err) {
    this.err = err;
  }

  @Override
  public Integer call() throws IOException {
    EnrichmentPipeline pipeline = EnrichmentPipeline.withGazetteerFiles(gazetteer);
    try (Reader r = input == null ? new InputStreamReader(System.in, StandardCharsets.UTF_8)
            : Files.newBufferedReader(input, StandardCharsets.UTF_8);
        Writer w = output == null ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
            : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      int bad;
      try (Progress progress = Progress.start("extract", "articles", input == null ? -1 : countLines(input))) {
        bad = run(pipeline, new BufferedReader(r), w, err, explain, progress);
      }
      return bad == 0 ? 0 : 1;
    }
  }

  /** Processes every line; returns the number of bad lines. */
  static int run(EnrichmentPipeline pipeline, BufferedReader in, Writer out, PrintStream err) throws IOException {
    return run(pipeline, in, out, err, false);
  }

  /** Processes every line, with each event's explanation when asked; returns the number of bad lines. */
  static int run(EnrichmentPipeline pipeline, BufferedReader in, Writer out, PrintStream err, boolean explain)
      throws IOException {
    return run(pipeline, in, out, err, explain, Progress.start("extract", "articles", -1));
  }

  /** Non-blank lines of a file: the total of the progress line (cheap next to extracting them). */
  static long countLines(Path file) throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.filter(l -> !l.isBlank()).count();
    }
  }

  private static int run(EnrichmentPipeline pipeline, BufferedReader in, Writer out, PrintStream err,
      boolean explain, Progress progress) throws IOException {
    EnrichmentPipeline.Session session = pipeline.newSession();
    int lineNo = 0;
    int bad = 0;
    String line;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      progress.step();
      Article a;
      try {
        a = ArticleJson.read(line);
      } catch (RuntimeException e) {
        bad++;
        progress.clear();
        err.println("extract: line " + lineNo + ": malformed article: " + e.getMessage());
        continue;
      }
      try {
        EnrichedArticle e = session.process(a);
        if (!e.getDegraded().isEmpty()) {
          progress.clear();
          err.println("extract: line " + lineNo + ": article " + a.getId() + " degraded: " + e.getDegraded());
        }
        out.write(ExtractJson.write(e, explain));
        out.write('\n');
      } catch (RuntimeException e) {
        bad++;
        progress.clear();
        err.println("extract: line " + lineNo + ": cannot process article " + a.getId() + ": " + e);
      }
    }
    out.flush();
    if (bad > 0) {
      progress.clear();
      err.println("extract: " + bad + " bad line(s) of " + lineNo);
    }
    return bad;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new ExtractCommand()).execute(args));
  }
}
