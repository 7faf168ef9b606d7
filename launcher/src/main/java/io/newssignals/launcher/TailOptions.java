package io.newssignals.launcher;

import io.newssignals.topics.KafkaConnection;
import io.newssignals.topics.TopicAdmin;
import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options every operator {@code tail} shares ({@code errors tail}, {@code dead-letters tail}), and the loop
 * that prints one JSON object per record. Like {@code tail(1)}: the last records and exit, or {@code --follow}.
 */
final class TailOptions {
  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Kafka cluster (default: env KAFKA_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(names = {"-f", "--follow"}, description = "Keep printing new records as they are committed, until Ctrl-C.")
  boolean follow;

  @Option(names = "--from-beginning", description = "Start with the oldest retained record instead of the last ones.")
  boolean fromBeginning;

  @Option(names = {"-n", "--last"}, paramLabel = "N", defaultValue = "10",
      description = "Start with the last N records, oldest first (default: ${DEFAULT-VALUE}).")
  int last;

  @Option(names = "--max", paramLabel = "N", description = "Exit after printing N records (default: no limit).")
  long max = -1;

  /**
   * Prints the records of {@code topics} as JSON Lines on the command's standard output, each through
   * {@code format}; returns the exit status.
   */
  int print(CommandSpec spec, List<String> topics, Function<ConsumerRecord<byte[], byte[]>, String> format) {
    String name = spec.parent() == null ? spec.name() : spec.parent().name() + " " + spec.name();
    if (last < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--last must be 0 or more, got " + last);
    }
    String bootstrap = KafkaConnection.bootstrapServers(bootstrapServers, System.getenv()).orElseThrow(() ->
        new CommandLine.ParameterException(spec.commandLine(), "no Kafka cluster: pass --bootstrap-servers HOST:PORT"
            + " or set " + KafkaConnection.BOOTSTRAP_ENV));
    TopicAdmin.requireReachable(bootstrap);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    StopSignal stop = StopSignal.install();
    try (RecordTail tail = new RecordTail(bootstrap, topics)) {
      stop.onStop(tail::wakeup);
      if (!tail.missingTopics().isEmpty()) {
        err.println(name + ": no topic " + String.join(", ", tail.missingTopics()) + " on " + bootstrap
            + " (created when a service first starts)");
        err.flush();
        if (tail.missingTopics().size() == topics.size()) {
          return 1;
        }
      }
      tail.run(fromBeginning, last, follow, max, r -> {
        out.println(format.apply(r));
        out.flush();
      });
      return 0;
    } finally {
      stop.done();
    }
  }
}
