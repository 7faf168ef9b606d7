package io.newssignals.launcher.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bin/pipeline bench push}: publish → alert latency through WebSub push ({@link PushLatencyBenchmark}). */
@Command(name = "push", mixinStandardHelpOptions = true,
    description = "Publish -> alert latency through WebSub push: the whole pipeline as 'run' starts it (embedded"
        + " broker, default settings), a publisher and a hub on loopback, one partnership story pushed at a time."
        + " Prints p50/p95/p99 and writes JSON (docs/benchmarks.md describes the fields).")
public final class PushBenchCommand implements Callable<Integer> {
  @Option(names = "--pushes", paramLabel = "N", defaultValue = "200",
      description = "Measured pushes (default: ${DEFAULT-VALUE}).")
  int pushes;

  @Option(names = "--warmup", paramLabel = "N", defaultValue = "20",
      description = "Pushes before them, not measured (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--seed", defaultValue = "" + SyntheticArticles.DEFAULT_SEED,
      description = "Seed of the synthetic stories (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--output", paramLabel = "FILE", defaultValue = "bench-push.json",
      description = "Where to write the JSON results (default: ${DEFAULT-VALUE}).")
  Path output;

  @Option(names = "--work-dir", paramLabel = "DIR",
      description = "Where the broker and state stores keep their data during the run (default: a temp dir).")
  Path workDir;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The temporary directory is the command's own: deleted (a directory given with --work-dir is kept). */
  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp dir is harmless
    }
  }

  @Override
  public Integer call() throws Exception {
    PushLatencyBenchmark.Settings settings;
    try {
      settings = new PushLatencyBenchmark.Settings(pushes, warmup, seed,
          workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("news-signals-bench-push-"));
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    Map<String, Object> result;
    try {
      result = new PushLatencyBenchmark(settings).run();
    } finally {
      if (workDir == null) {
        deleteRecursively(settings.workDir());
      }
    }
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(output, PushLatencyBenchmark.toJson(result), StandardCharsets.UTF_8);
    PrintWriter out = spec.commandLine().getOut();
    out.print(PushLatencyBenchmark.toTable(result));
    out.println("results: " + output.toAbsolutePath());
    out.flush();
    return ((Number) result.get("alerts_missing")).intValue() == 0 ? 0 : 1;
  }
}
