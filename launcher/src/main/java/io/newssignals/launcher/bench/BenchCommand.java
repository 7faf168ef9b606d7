package io.newssignals.launcher.bench;

import io.newssignals.alerts.AlertsConfig;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/pipeline bench}: end-to-end throughput, latency and scaling of the pipeline on the embedded broker,
 * against a plain Kafka pass-through measured in the same run. Writes a JSON file and prints a table.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmarks the pipeline (enrich + alerts, exactly_once_v2) on an embedded Kafka broker against a",
        "plain consumer -> producer pass-through of the same records, in the same run. Prints a table and writes",
        "JSON (docs/benchmarks.md describes the fields)."})
public final class BenchCommand implements Callable<Integer> {
  /** Articles per phase of a full run. */
  public static final int FULL_ARTICLES = 10_000;
  /** Articles per phase of a {@code --quick} run (under 2 minutes on 2 cores). */
  public static final int QUICK_ARTICLES = 2_000;

  @Option(names = "--articles", paramLabel = "N",
      description = "Articles per throughput phase (default: " + FULL_ARTICLES + ", with --quick " + QUICK_ARTICLES
          + ").")
  Integer articles;

  @Option(names = "--output", paramLabel = "FILE", defaultValue = "bench-results.json",
      description = "Where to write the JSON results (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--quick", description = "A short run (under 2 minutes on 2 cores): fewer articles, an 8 s latency"
      + " phase.")
  boolean quick;

  @Option(names = "--latency-seconds", paramLabel = "S",
      description = "Duration of the half-load latency phase (default: 30, with --quick 8).")
  Integer latencySeconds;

  @Option(names = "--no-scaling", description = "Skip the 2-instance phase.")
  boolean noScaling;

  @Option(names = "--seed", defaultValue = "" + SyntheticArticles.DEFAULT_SEED,
      description = "Seed of the synthetic articles (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--commit-interval-ms", paramLabel = "MS", defaultValue = "" + AlertsConfig.COMMIT_INTERVAL_DEFAULT,
      description = "Streams commit interval of enrich and alerts (default: ${DEFAULT-VALUE}, the services' default):"
          + " under exactly-once, output is visible downstream only at a commit.")
  int commitIntervalMs;

  @Option(names = "--alerts-reorder-quiet", paramLabel = "DURATION", defaultValue = "0",
      description = "Alerts' reorder buffer for live news, ALERTS_REORDER_QUIET (default: ${DEFAULT-VALUE}, as"
          + " 'run' and docker-compose deploy it: live news applied on arrival).")
  String reorderQuiet;

  @Option(names = "--alerts-reorder-backlog-quiet", paramLabel = "DURATION", defaultValue = "3s",
      description = "The same for backlog news, ALERTS_REORDER_BACKLOG_QUIET (default: ${DEFAULT-VALUE}, as deployed).")
  String reorderBacklogQuiet;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where the brokers and state stores keep their data during the run (default: a temp dir).")
  Path workDir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    int n = articles != null ? articles : quick ? QUICK_ARTICLES : FULL_ARTICLES;
    int latency = latencySeconds != null ? latencySeconds : quick ? 8 : 30;
    Path dir = workDir != null ? workDir : Files.createTempDirectory("news-signals-bench-");
    PipelineBenchmark.Settings settings;
    try {
      settings = new PipelineBenchmark.Settings(n, latency, seed, !noScaling, dir, commitIntervalMs,
          AlertsConfig.parseDuration(reorderQuiet, "--alerts-reorder-quiet"),
          AlertsConfig.parseDuration(reorderBacklogQuiet, "--alerts-reorder-backlog-quiet"));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    BenchResult result = new PipelineBenchmark(settings).run();
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(output, result.toJson(), StandardCharsets.UTF_8);
    PrintWriter out = spec.commandLine().getOut();
    out.print(result.toTable());
    out.println("results: " + output.toAbsolutePath());
    out.flush();
    return 0;
  }

  /** Runs alone, before it is registered in {@code bin/pipeline}. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new BenchCommand()).execute(args));
  }
}
