package io.newssignals.launcher;

import io.newssignals.ingest.bench.PollCycleBenchmark;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pipeline bench ingest}: ingest's poll-cycle benchmark ({@link PollCycleBenchmark}), no broker needed. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Ingest poll cycle without a broker: a local HTTP server serves N feeds, ingest polls them all twice",
        "(first cycle: every feed fetched and parsed; second: conditional GETs answered 304). Prints wall times and",
        "peak heap."})
public final class IngestBenchCommand implements Callable<Integer> {
  @Option(names = "--feeds", defaultValue = "1000", description = "Feeds served (default: ${DEFAULT-VALUE}).")
  int feeds;

  @Option(names = "--items", defaultValue = "20", description = "Items per feed (default: ${DEFAULT-VALUE}).")
  int items;

  @Option(names = "--concurrency", defaultValue = "16",
      description = "Simultaneous requests (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (feeds < 1 || items < 1 || concurrency < 1) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--feeds, --items and --concurrency must be >= 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(PollCycleBenchmark.run(feeds, items, concurrency).summary());
    out.flush();
    return 0;
  }
}
