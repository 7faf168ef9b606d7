package io.newssignals.launcher;

import io.newssignals.alerts.AlertFormatter;
import io.newssignals.alerts.AlertsConfig;
import io.newssignals.enrich.EnrichConfig;
import io.newssignals.ingest.IngestConfig;
import io.newssignals.ops.OpsOptions;
import io.newssignals.ops.OpsRuntime;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.topics.KafkaConnection;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pipeline run}: the whole pipeline in one JVM (ingest, enrich, alerts), on an embedded Kafka broker unless
 * a cluster is given, printing each partnership alert as one line on standard output. Logs go to standard error.
 */
@Command(
    name = "run",
    description = {
        "Run ingest, enrich and alerts in one process and print each partnership alert as one line.",
        "Without --bootstrap-servers (or KAFKA_BOOTSTRAP_SERVERS) an embedded Kafka broker keeps its data in"
            + " <data-dir>/kafka. Ctrl-C stops everything cleanly."},
    mixinStandardHelpOptions = true)
public final class RunCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

  @Option(names = "--once", description = "Poll every feed once, wait until the pipeline has processed everything,"
      + " print the alerts and exit.")
  boolean once;

  @Option(names = "--fresh", description = "Delete the embedded broker's data and the local state first.")
  boolean fresh;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Existing Kafka cluster (default: env KAFKA_BOOTSTRAP_SERVERS, else an embedded broker).")
  String bootstrapServers;

  @Option(names = "--feeds", paramLabel = "FILE", description = "Feeds file, YAML or JSON (default: env"
      + " INGEST_FEEDS_FILE, else the bundled sample feeds).")
  Path feeds;

  @Option(names = "--webhooks", paramLabel = "FILE", description = "Webhook subscriptions file (default: env"
      + " ALERTS_WEBHOOKS_FILE, else no webhooks).")
  Path webhooks;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data",
      description = "Embedded broker data and local state (default: ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "120",
      description = "--once: longest wait for the pipeline to process everything (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds;

  @Mixin OpsOptions ops;

  @Spec CommandSpec spec;

  private final Map<String, String> env;

  public RunCommand() {
    this(System.getenv());
  }

  RunCommand(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Integer call() {
    if (timeoutSeconds < 1) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--timeout must be at least 1 second");
    }
    for (Path p : new Path[] {feeds, webhooks}) {
      if (p != null && !Files.isRegularFile(p)) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "no such file: " + p);
      }
    }
    LocalPipeline.Options options = options();
    PrintWriter out = spec.commandLine().getOut();
    StopSignal stop = StopSignal.install();
    try {
      return once ? runOnce(options, out, stop) : runUntilStopped(options, out, stop);
    } catch (RuntimeException e) {
      if (stop.requested()) {
        LOG.info("stopped before the end ({})", e.toString());
        return 130;
      }
      throw e;
    } finally {
      stop.done();
    }
  }

  LocalPipeline.Options options() {
    LocalPipeline.Options o = LocalPipeline.Options.local(dataDir).withFresh(fresh).withFeedsFile(feeds)
        .withWebhooksFile(webhooks).withEnv(env);
    var cluster = KafkaConnection.bootstrapServers(bootstrapServers, env);
    if (cluster.isPresent()) {
      o = o.withBootstrapServers(cluster.get()).withReplicationFactor(KafkaConnection.replicationFactor(env));
    }
    return o;
  }

  /**
   * The operator surface: always for a run until stopped; for {@code --once} only when a port was chosen
   * explicitly, so that a one-shot run does not collide with a running pipeline on the default port.
   */
  private OpsRuntime serve(boolean always) {
    return always || ops.portGiven(env) ? OpsRuntime.serve(ops, "pipeline", env,
        IngestConfig::effective, EnrichConfig::effective, AlertsConfig::effective) : null;
  }

  private static void expose(OpsRuntime surface, LocalPipeline pipeline) {
    if (surface != null) {
      surface.watch(pipeline.bootstrapServers());
      pipeline.expose(surface);
    }
  }

  private int runOnce(LocalPipeline.Options options, PrintWriter out, StopSignal stop) {
    long t0 = System.nanoTime();
    OpsRuntime surface = serve(false);
    LocalPipeline pipeline;
    try {
      pipeline = LocalPipeline.start(options, false);
    } catch (RuntimeException e) {
      closeQuietly(surface);
      throw e;
    }
    expose(surface, pipeline);
    stop.onStop(pipeline::wakeup);
    try {
      pipeline.resumeAlertsFrom(printedAlertsFile(options));
      int published = pipeline.pollAllOnce();
      LOG.info("polled every feed once: {} new articles", published);
      if (published == 0) {
        LOG.info("nothing new: the feeds' state in {} says every item was already published (--fresh starts over)",
            options.dataDir());
      }
      pipeline.awaitCaughtUp(Duration.ofSeconds(timeoutSeconds));
      List<PartnershipAlert> alerts = new ArrayList<>(pipeline.drainAlerts(Duration.ofSeconds(30)));
      alerts.sort(Comparator.comparing(PartnershipAlert::getFirstReported)
          .thenComparing(a -> String.join("|", a.getPair())));
      alerts.forEach(a -> out.println(AlertFormatter.line(a)));
      out.flush();
      pipeline.markAlertsPrinted();
      LOG.info("done: {} new articles, {} alerts in {} ms", published, alerts.size(),
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
      return 0;
    } finally {
      closeUninterrupted(pipeline);
      closeQuietly(surface);
    }
  }

  private int runUntilStopped(LocalPipeline.Options options, PrintWriter out, StopSignal stop) {
    OpsRuntime surface = serve(true);
    LocalPipeline pipeline;
    try {
      pipeline = LocalPipeline.start(options, true);
    } catch (RuntimeException e) {
      closeQuietly(surface);
      throw e;
    }
    expose(surface, pipeline);
    stop.onStop(pipeline::wakeup);
    LOG.info("printing partnership alerts as they happen; Ctrl-C to stop");
    try {
      pipeline.resumeAlertsFrom(printedAlertsFile(options));
      while (!stop.requested()) {
        List<PartnershipAlert> alerts = pipeline.pollAlerts(Duration.ofSeconds(1));
        for (PartnershipAlert a : alerts) {
          out.println(AlertFormatter.line(a));
        }
        out.flush();
        if (!alerts.isEmpty()) {
          pipeline.markAlertsPrinted();
        }
        Optional<String> failure = pipeline.failure();
        if (failure.isPresent()) {
          LOG.error("{}; stopping the pipeline", failure.get());
          return 1;
        }
      }
      return 0;
    } finally {
      LOG.info("shutting down");
      closeUninterrupted(pipeline);
      closeQuietly(surface);
    }
  }

  private static void closeQuietly(OpsRuntime surface) {
    if (surface != null) {
      try {
        surface.close();
      } catch (RuntimeException e) {
        LOG.warn("closing the HTTP server failed: {}", e.toString());
      }
    }
  }

  /**
   * Where {@code run} records the alerts it has printed, so that a restarted run prints those committed meanwhile
   * (or just before a kill) and none twice. Under {@code state/}, so {@code --fresh} starts over with it.
   */
  static Path printedAlertsFile(LocalPipeline.Options options) {
    return options.dataDir().resolve("state").resolve("run").resolve("printed-alerts.properties");
  }

  /** Ctrl-C interrupts the main thread to end a wait; the services must still close fully. */
  private static void closeUninterrupted(LocalPipeline pipeline) {
    boolean interrupted = Thread.interrupted();
    pipeline.close();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
