package io.newssignals.topics;

import java.util.Map;
import java.util.Optional;

/**
 * Where the Kafka cluster is: the {@code --bootstrap-servers} flag wins, then the environment variable
 * {@value #BOOTSTRAP_ENV}. Every service resolves it the same way.
 */
public final class KafkaConnection {
  /** Environment variable naming the cluster, {@code host:port[,host:port...]}. */
  public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";
  /** Environment variable for the replication factor of topics the services create. */
  public static final String REPLICATION_ENV = "KAFKA_REPLICATION_FACTOR";

  private KafkaConnection() {}

  public static Optional<String> bootstrapServers(String flag, Map<String, String> env) {
    if (flag != null && !flag.isBlank()) {
      return Optional.of(flag.trim());
    }
    String fromEnv = env.get(BOOTSTRAP_ENV);
    return fromEnv == null || fromEnv.isBlank() ? Optional.empty() : Optional.of(fromEnv.trim());
  }

  public static int replicationFactor(Map<String, String> env) {
    String v = env.getOrDefault(REPLICATION_ENV, "3");
    try {
      int rf = Integer.parseInt(v.trim());
      if (rf < 1) {
        throw new NumberFormatException();
      }
      return rf;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(REPLICATION_ENV + " must be a positive integer, got '" + v + "'");
    }
  }
}
