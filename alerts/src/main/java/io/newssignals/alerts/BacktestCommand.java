package io.newssignals.alerts;

import io.newssignals.cli.Progress;
import io.newssignals.contract.ArticleJson;
import io.newssignals.enrich.EnrichmentPipeline;
import io.newssignals.schema.Article;
import io.newssignals.schema.PartnershipAlert;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
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
import picocli.CommandLine.Spec;

/**
 * {@code backtest}: replays article JSON Lines in published order through the enrichment and the partnership state
 * machine of the live pipeline and writes the status-change alerts as JSON Lines
 * ({@code {"pair", "previous", "current", "articleIds", "at"}}).
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
    description = {"Replays articles (JSON Lines) in published order through the live enrichment and alert logic",
        "and writes the alerts they would have raised as JSON Lines."})
public final class BacktestCommand implements Callable<Integer> {
  @Option(names = "--input", paramLabel = "FILE", description = "Article JSON Lines (default: standard input).")
  Path input;

  @Option(names = "--output", paramLabel = "FILE", description = "Alert JSON Lines (default: standard output).")
  Path output;

  @Option(names = "--corroboration-window", paramLabel = "DURATION",
      description = "As ALERTS_CORROBORATION_WINDOW (default: ${DEFAULT-VALUE}).")
  String corroborationWindow = AlertsConfig.CORROBORATION_WINDOW_DEFAULT;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    List<Article> articles = new ArrayList<>();
    int bad = 0;
    try (BufferedReader in = input == null
        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
        : Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        if (line.isBlank()) {
          continue;
        }
        try {
          articles.add(ArticleJson.read(line));
        } catch (IllegalArgumentException e) {
          bad++;
          err.printf("backtest: %s line %d skipped: %s%n", input == null ? "stdin" : input, n, e.getMessage());
        }
      }
    }
    Backtest backtest = new Backtest(EnrichmentPipeline.withBundledGazetteer(),
        AlertsConfig.parseDuration(corroborationWindow, "--corroboration-window"));
    List<PartnershipAlert> all;
    try (Progress progress = Progress.start("backtest", "articles", articles.size())) {
      all = backtest.run(articles, progress::step);
    }
    List<PartnershipAlert> changes = Backtest.statusChanges(all);
    try (Writer w = output == null
        ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
        : Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      BufferedWriter bw = new BufferedWriter(w);
      for (PartnershipAlert a : changes) {
        bw.write(AlertJson.backtestLine(a));
        bw.write('\n');
      }
      bw.flush();
    }
    err.printf("backtest: %d articles (%d bad lines skipped), %d status-change alerts, %d corroborations%n",
        articles.size(), bad, changes.size(), all.size() - changes.size());
    err.flush();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new BacktestCommand()).execute(args));
  }
}
