package io.newssignals.enrich;

import io.newssignals.ops.ConsumerLagWatcher;
import io.newssignals.ops.OpsOptions;
import io.newssignals.ops.OpsRuntime;
import io.newssignals.ops.StreamsChecks;
import io.newssignals.topics.Topics;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code enrich}: runs the enrichment Streams service until interrupted. */
@Command(name = "enrich", mixinStandardHelpOptions = true,
    description = "Run the enrichment service: news.articles -> news.articles.enriched + signals.deals.")
public final class EnrichCommand implements Callable<Integer> {

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Kafka bootstrap servers (default: env KAFKA_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Mixin OpsOptions ops;

  @Override
  public Integer call() throws InterruptedException {
    EnrichConfig cfg = EnrichConfig.fromEnvironment(bootstrapServers, System.getenv());
    if (cfg.bootstrapServers() == null) {
      throw new CommandLine.ParameterException(new CommandLine(this),
          "no broker: pass --bootstrap-servers or set KAFKA_BOOTSTRAP_SERVERS");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    EnrichService service = new EnrichService(cfg);
    OpsRuntime surface = OpsRuntime.start(ops, "enrich", cfg.bootstrapServers(), System.getenv(),
        EnrichConfig::effective);
    surface.server().addCheck(StreamsChecks.running("enrich", service::state));
    surface.watch().watchGroup(new ConsumerLagWatcher.Group(cfg.applicationId(), Set.of(Topics.ARTICLES.name())));
    // close from the hook itself: the JVM waits for hooks, not for the main thread
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      surface.close();
      stopped.countDown();
    }, "enrich-shutdown"));
    service.start();
    stopped.await();
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new EnrichCommand()).execute(args));
  }
}
