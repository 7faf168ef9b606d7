package io.newssignals.alerts;

import io.newssignals.ops.ConsumerLagWatcher;
import io.newssignals.ops.OpsOptions;
import io.newssignals.ops.OpsRuntime;
import io.newssignals.ops.StreamsChecks;
import io.newssignals.topics.Topics;
import java.util.Set;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alerts}: runs the alerts service until interrupted; {@code alerts tail} follows the alert topic. */
@Command(name = "alerts", mixinStandardHelpOptions = true, subcommands = {TailCommand.class},
    description = {"Runs the alerts service: partnership state, alerts.partnership, webhook delivery.",
        "Environment: KAFKA_BOOTSTRAP_SERVERS, ALERTS_WEBHOOKS_FILE, ALERTS_WEBHOOK_RETRY_SCHEDULE, ... (docs/alerts.md)."})
public final class AlertsCommand implements Callable<Integer> {
  @Option(names = "--bootstrap-servers", description = "Kafka cluster (default: $KAFKA_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(names = "--webhooks", paramLabel = "FILE",
      description = "Webhook subscriptions, JSON or YAML (default: $ALERTS_WEBHOOKS_FILE; none = no webhooks).")
  Path webhooks;

  @Mixin OpsOptions ops;

  @Override
  public Integer call() throws Exception {
    AlertsConfig cfg;
    try {
      cfg = AlertsConfig.fromEnvironment(System.getenv(), bootstrapServers, webhooks);
    } catch (IllegalArgumentException e) {
      System.err.println("alerts: " + e.getMessage());
      return 2;
    }
    boolean failed;
    try (AlertsService service = new AlertsService(cfg);
        OpsRuntime surface = OpsRuntime.start(ops, "alerts", cfg.bootstrapServers(), System.getenv(),
            AlertsConfig::effective);
        AlertHistory history = AlertHistory.start(cfg.bootstrapServers())) {
      surface.server().addCheck(StreamsChecks.running("alerts", service::state));
      surface.watch().watchGroup(new ConsumerLagWatcher.Group(cfg.applicationId(), Set.of(Topics.DEALS.name())));
      history.expose(surface.server());
      Runtime.getRuntime().addShutdownHook(new Thread(service::close, "alerts-shutdown"));
      service.start();
      failed = service.awaitTermination();
    } catch (IllegalArgumentException e) {
      System.err.println("alerts: " + e.getMessage());
      return 2;
    }
    if (failed) {
      System.err.println("alerts: the Streams application failed (see the log); exiting so it can be restarted");
      return 1;
    }
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new AlertsCommand()).execute(args));
  }
}
