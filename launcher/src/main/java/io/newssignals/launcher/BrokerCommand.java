package io.newssignals.launcher;

import io.newssignals.topics.TopicAdmin;
import io.newssignals.topics.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pipeline broker}: the project's single-node KRaft broker ({@link EmbeddedKafkaBroker}) on its own, with the
 * topics of the registry created, until Ctrl-C. With it the production shape (ingest, enrich and alerts as separate
 * processes) runs on a laptop without Docker.
 */
@Command(
    name = "broker",
    mixinStandardHelpOptions = true,
    description = {
        "Run a single-node Kafka broker (KRaft, Kafka 4.1) on 127.0.0.1 with the pipeline's topics, until Ctrl-C.",
        "Point the services at it: KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:<port> bin/pipeline ingest (or enrich, alerts).",
        "Data is kept in <data-dir>/kafka across restarts, the same folder `run` uses (not both at once)."})
public final class BrokerCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(BrokerCommand.class);

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
      description = "Where the broker keeps its data, in DIR/kafka (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "9092",
      description = "Client port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 = any free port).")
  int port;

  @Option(names = "--fresh", description = "Delete the broker's data first.")
  boolean fresh;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    if (port < 0 || port > 65_535) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--port must be between 0 and 65535, got " + port);
    }
    StopSignal stop = StopSignal.install();
    CountDownLatch stopped = new CountDownLatch(1);
    stop.onStop(stopped::countDown);
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(dataDir.resolve("kafka"), port, Map.of())) {
      if (fresh) {
        broker.startFresh();
      } else {
        broker.start();
      }
      TopicAdmin.ensureTopics(broker.bootstrapServers(), Topics.all(), 1);
      PrintWriter out = spec.commandLine().getOut();
      out.println("Kafka broker ready on " + broker.bootstrapServers() + " (data in " + broker.dataDir() + ")");
      out.println("  export KAFKA_BOOTSTRAP_SERVERS=" + broker.bootstrapServers());
      out.flush();
      try {
        stopped.await();
      } catch (InterruptedException e) {
        // Ctrl-C interrupts the wait; the flag stays clear so that the broker still shuts down fully
      }
      LOG.info("stopping the broker");
      // Ctrl-C also interrupts this thread, at any moment: a broker shutdown interrupted half-way logs errors and
      // skips its controlled shutdown, so it runs on a thread of its own
      Thread stopper = new Thread(broker::stop, "broker-stop");
      stopper.start();
      while (stopper.isAlive()) {
        try {
          stopper.join();
        } catch (InterruptedException e) {
          // keep waiting: the broker must be stopped before the JVM exits
        }
      }
      return 0;
    } finally {
      stop.done();
    }
  }
}
