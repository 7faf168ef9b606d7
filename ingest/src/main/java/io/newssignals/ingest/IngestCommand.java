package io.newssignals.ingest;

import io.newssignals.ops.OpsOptions;
import io.newssignals.ops.OpsRuntime;
import io.newssignals.ops.OpsServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code ingest}: runs the ingest service against a Kafka cluster until Ctrl-C. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
    description = {"Poll RSS/Atom feeds and publish new articles and revisions to news.articles.",
        "Feed state lives in the compacted news.feed-state topic; failures go to news.ingest.errors."})
public final class IngestCommand implements Callable<Integer> {
  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Kafka cluster (default: env KAFKA_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(names = "--feeds", paramLabel = "FILE",
      description = "Feeds file, YAML or JSON (default: env INGEST_FEEDS_FILE, else the bundled sample feeds).")
  Path feeds;

  @Option(names = "--once", description = "Poll every feed once, publish, and exit.")
  boolean once;

  @Mixin OpsOptions ops;

  @Override
  public Integer call() throws Exception {
    IngestConfig.Builder b = IngestConfig.fromEnvironment(System.getenv());
    if (bootstrapServers != null) {
      b.bootstrapServers(bootstrapServers);
    }
    if (feeds != null) {
      b.feedsFile(feeds);
    }
    IngestConfig config = b.build();
    if (config.bootstrapServers().isEmpty()) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "no Kafka cluster: pass --bootstrap-servers HOST:PORT or set KAFKA_BOOTSTRAP_SERVERS");
    }
    if (once) {
      try (IngestService service = new IngestService(config)) {
        int n = service.pollAllOnce();
        System.err.println("published " + n + " articles");
      }
      return 0;
    }
    IngestService service = new IngestService(config);
    OpsRuntime surface = OpsRuntime.start(ops, "ingest", config.bootstrapServers().get(), System.getenv(),
        IngestConfig::effective);
    surface.server().addCheck(OpsServer.Check.of("ingest", () -> service.restored() && service.isRunning()
        ? Optional.empty() : Optional.of(service.restored() ? "ingest: not polling" : "ingest: restoring feed state")));
    surface.server().section("feeds", service::feedStatus);
    service.exposeWebSub(surface.server());
    CountDownLatch stopped = new CountDownLatch(1);
    // Ctrl-C / SIGTERM: stop polling, drop polls not yet committed (they are polled again after a restart)
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      surface.close();
      stopped.countDown();
    }, "ingest-shutdown"));
    service.start();
    stopped.await();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new IngestCommand()).execute(args));
  }
}
