package io.newssignals.alerts;

import io.newssignals.schema.PartnershipAlert;
import io.newssignals.topics.KafkaConnection;
import io.newssignals.topics.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code alerts tail}: follows {@code alerts.partnership} (committed records only) and prints one line per alert
 * ({@link AlertFormatter#line}) or, with {@code --json}, one JSON object per line. Uses no consumer group.
 */
@Command(name = "tail", mixinStandardHelpOptions = true,
    description = "Follows alerts.partnership and prints one readable line (or JSON object) per alert.")
public final class TailCommand implements Callable<Integer> {
  @Option(names = "--bootstrap-servers", description = "Kafka cluster (default: $KAFKA_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(names = "--from-beginning", description = "Start with the oldest retained alert instead of new ones.")
  boolean fromBeginning;

  @Option(names = "--json", description = "One JSON object per line (every field of the alert).")
  boolean json;

  @Option(names = "--status-changes-only", description = "Skip partnership.corroborated records.")
  boolean statusChangesOnly;

  @Option(names = "--max", paramLabel = "N", description = "Exit after N alerts (default: follow until Ctrl-C).")
  long max = -1;

  @Option(names = "--idle-timeout", paramLabel = "DURATION",
      description = "Exit after this long without a new alert, e.g. 10s (default: never).")
  String idleTimeout;

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    String bootstrap = KafkaConnection.bootstrapServers(bootstrapServers, System.getenv()).orElse(null);
    if (bootstrap == null) {
      spec.commandLine().getErr().println("alerts tail: no cluster: give --bootstrap-servers or set "
          + KafkaConnection.BOOTSTRAP_ENV);
      return 2;
    }
    Duration idle = idleTimeout == null ? null : AlertsConfig.parseDuration(idleTimeout, "--idle-timeout");
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      Thread main = Thread.currentThread();
      Thread hook = new Thread(() -> {
        consumer.wakeup();
        try {
          main.join(5_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "tail-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name(), Duration.ofSeconds(30)).stream()
          .map(i -> new TopicPartition(i.topic(), i.partition())).toList();
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      partitions.forEach(consumer::position); // resolve now: "new alerts" means from this moment
      long printed = 0;
      long lastSeen = System.nanoTime();
      while (max < 0 || printed < max) {
        var records = consumer.poll(Duration.ofMillis(200));
        for (ConsumerRecord<String, byte[]> r : records) {
          PartnershipAlert a;
          try {
            a = Topics.ALERTS.valueSerde().deserializer().deserialize(r.topic(), r.value());
          } catch (RuntimeException e) {
            spec.commandLine().getErr().printf("alerts tail: undecodable record at %s-%d@%d: %s%n", r.topic(),
                r.partition(), r.offset(), e.getMessage());
            continue;
          }
          if (a == null || (statusChangesOnly && AlertJson.eventType(a).equals(AlertJson.CORROBORATED))) {
            continue;
          }
          out.println(json ? AlertJson.full(a).toString() : AlertFormatter.line(a));
          out.flush();
          lastSeen = System.nanoTime();
          if (max >= 0 && ++printed >= max) {
            break;
          }
        }
        if (idle != null && System.nanoTime() - lastSeen > idle.toNanos()) {
          break;
        }
      }
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // already shutting down
      }
    } catch (WakeupException e) {
      // Ctrl-C
    }
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new TailCommand()).execute(args));
  }
}
