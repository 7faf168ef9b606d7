package io.newssignals.alerts;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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

  @Override
  public Integer call() throws Exception {
    AlertsConfig cfg;
    try {
      cfg = AlertsConfig.fromEnvironment(System.getenv(), bootstrapServers, webhooks);
    } catch (IllegalArgumentException e) {
      System.err.println("alerts: " + e.getMessage());
      return 2;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (AlertsService service = new AlertsService(cfg)) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        service.close();
        stopped.countDown();
      }, "alerts-shutdown"));
      service.start();
      stopped.await();
    } catch (IllegalArgumentException e) {
      System.err.println("alerts: " + e.getMessage());
      return 2;
    }
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new AlertsCommand()).execute(args));
  }
}
