package io.newssignals.topics;

import io.newssignals.config.Setting;
import io.newssignals.config.Settings;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the Kafka cluster is and how the topics the services create are replicated: the settings every service
 * shares, declared once. The {@code --bootstrap-servers} flag wins over {@value #BOOTSTRAP_ENV}.
 */
public final class KafkaConnection {
  /** Environment variable naming the cluster, {@code host:port[,host:port...]}. */
  public static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";
  /** Environment variable for the replication factor of topics the services create. */
  public static final String REPLICATION_ENV = "KAFKA_REPLICATION_FACTOR";

  /** The cluster; no default (a command that needs it and has no flag fails saying so). */
  public static final Setting<String> BOOTSTRAP = Setting.text(BOOTSTRAP_ENV, null,
      v -> v.matches("[^\\s,]+:\\d{1,5}(\\s*,\\s*[^\\s,]+:\\d{1,5})*"), "a list host:port[,host:port...]",
      "Kafka cluster to connect to; the flag --bootstrap-servers wins.").defaultShownAs("(required)");
  /**
   * Replication factor of the topics and Streams internal topics a service creates. 3, as documented
   * everywhere (it was 1 in one builder); topics created at start are capped at the broker count.
   */
  public static final Setting<Integer> REPLICATION = Setting.integer(REPLICATION_ENV, 3, 1, Short.MAX_VALUE,
      "Replication factor of the topics a service creates (topics: capped at the broker count).");

  /** Both, in the order the docs list them. */
  public static final Settings SETTINGS = new Settings("Kafka", List.of(BOOTSTRAP, REPLICATION));

  private KafkaConnection() {}

  public static Optional<String> bootstrapServers(String flag, Map<String, String> env) {
    if (flag != null && !flag.isBlank()) {
      return Optional.of(flag.trim());
    }
    return Optional.ofNullable(BOOTSTRAP.getOrNull(env));
  }

  public static int replicationFactor(Map<String, String> env) {
    return REPLICATION.get(env);
  }
}
