package io.newssignals.alerts;

import io.newssignals.config.Durations;
import io.newssignals.topics.KafkaConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Configuration of the alerts service, validated once at start-up: a bad value fails with a message naming the
 * key. Every key can come from the environment ({@link #ENVIRONMENT}); the CLI flags {@code --bootstrap-servers}
 * and {@code --webhooks} win over the environment. Durations are written {@code 500ms}, {@code 5s}, {@code 2m},
 * {@code 1h}, {@code 7d} or ISO-8601 ({@code PT5S}).
 */
public final class AlertsConfig {
  /** Kafka cluster, {@code host:port[,...]}; required. Flag {@code --bootstrap-servers}. */
  public static final String BOOTSTRAP_ENV = KafkaConnection.BOOTSTRAP_ENV;
  /** Replication factor of topics the service creates (capped at the broker count). Default 3. */
  public static final String REPLICATION_ENV = KafkaConnection.REPLICATION_ENV;
  /** Streams application id (also the prefix of its internal topics and of the webhook consumer groups). */
  public static final String APPLICATION_ID_ENV = "ALERTS_APPLICATION_ID";
  public static final String APPLICATION_ID_DEFAULT = "news-signals-alerts";
  /** Directory of the local state store (RocksDB). Default {@code <tmpdir>/news-signals/alerts}. */
  public static final String STATE_DIR_ENV = "ALERTS_STATE_DIR";
  /** Webhook subscriptions file (JSON or YAML); none = no webhook delivery. Flag {@code --webhooks}. */
  public static final String WEBHOOKS_FILE_ENV = "ALERTS_WEBHOOKS_FILE";
  /** Delays before each retry of a failed delivery, comma separated; attempts = 1 + entries. */
  public static final String RETRY_SCHEDULE_ENV = "ALERTS_WEBHOOK_RETRY_SCHEDULE";
  public static final String RETRY_SCHEDULE_DEFAULT = "5s,5m,30m,2h,5h,10h,10h";
  /** Timeout of one delivery attempt (connect + response). */
  public static final String WEBHOOK_TIMEOUT_ENV = "ALERTS_WEBHOOK_TIMEOUT";
  public static final String WEBHOOK_TIMEOUT_DEFAULT = "10s";
  /** Concurrent requests per endpoint (one per partition at most; alerts of one pair always in order). */
  public static final String WEBHOOK_MAX_IN_FLIGHT_ENV = "ALERTS_WEBHOOK_MAX_IN_FLIGHT";
  public static final int WEBHOOK_MAX_IN_FLIGHT_DEFAULT = 4;
  /** How long after a change later reports of the same status count as corroboration. */
  public static final String CORROBORATION_WINDOW_ENV = "ALERTS_CORROBORATION_WINDOW";
  public static final String CORROBORATION_WINDOW_DEFAULT = "7d";
  /**
   * Reorder buffer: a pair's deal events are applied once none arrived for this long, sorted by published time.
   * Off (0) by default together with the backlog quiet period: a caller that waits for zero consumer lag before
   * reading the alerts must also wait for {@link AlertsService#parkedEvents()} to reach zero. Recommended: 50ms.
   */
  public static final String REORDER_QUIET_ENV = "ALERTS_REORDER_QUIET";
  public static final String REORDER_QUIET_DEFAULT = "0";
  /** Quiet period for backlog news: events published more than the backlog age before they arrived. */
  public static final String REORDER_BACKLOG_QUIET_ENV = "ALERTS_REORDER_BACKLOG_QUIET";
  public static final String REORDER_BACKLOG_QUIET_DEFAULT = "0";
  /** How old (published time before arrival) news must be to count as backlog. */
  public static final String REORDER_BACKLOG_AGE_ENV = "ALERTS_REORDER_BACKLOG_AGE";
  public static final String REORDER_BACKLOG_AGE_DEFAULT = "1h";
  /** Longest time an event waits in the reorder buffer while a burst goes on. */
  public static final String REORDER_MAX_HOLD_ENV = "ALERTS_REORDER_MAX_HOLD";
  public static final String REORDER_MAX_HOLD_DEFAULT = "10s";
  /** Streams commit interval: bounds alert latency under exactly-once. */
  public static final String COMMIT_INTERVAL_ENV = "ALERTS_COMMIT_INTERVAL_MS";
  public static final long COMMIT_INTERVAL_DEFAULT = 50;

  /** Every environment variable this service reads. */
  public static final Set<String> ENVIRONMENT = Set.of(BOOTSTRAP_ENV, REPLICATION_ENV, APPLICATION_ID_ENV,
      STATE_DIR_ENV, WEBHOOKS_FILE_ENV, RETRY_SCHEDULE_ENV, WEBHOOK_TIMEOUT_ENV, WEBHOOK_MAX_IN_FLIGHT_ENV, CORROBORATION_WINDOW_ENV,
      COMMIT_INTERVAL_ENV, REORDER_QUIET_ENV, REORDER_BACKLOG_QUIET_ENV, REORDER_BACKLOG_AGE_ENV,
      REORDER_MAX_HOLD_ENV);

  private final String applicationId;
  private final String bootstrapServers;
  private final int replicationFactor;
  private final Path stateDir;
  private final Path webhooksFile;
  private final List<Duration> retrySchedule;
  private final Duration webhookTimeout;
  private final int webhookMaxInFlight;
  private final Duration corroborationWindow;
  private final long commitIntervalMs;
  private final Duration reorderQuiet;
  private final Duration reorderMaxHold;
  private final Duration reorderBacklogQuiet;
  private final Duration reorderBacklogAge;

  private AlertsConfig(Builder b) {
    this.applicationId = require(b.applicationId, APPLICATION_ID_ENV);
    this.bootstrapServers = require(b.bootstrapServers, BOOTSTRAP_ENV + " (or --bootstrap-servers)");
    if (b.replicationFactor < 1) {
      throw new IllegalArgumentException(REPLICATION_ENV + " must be >= 1, got " + b.replicationFactor);
    }
    this.replicationFactor = b.replicationFactor;
    this.stateDir = b.stateDir == null
        ? Path.of(System.getProperty("java.io.tmpdir"), "news-signals", "alerts") : b.stateDir;
    this.webhooksFile = b.webhooksFile;
    this.retrySchedule = List.copyOf(b.retrySchedule);
    for (Duration d : retrySchedule) {
      if (d.isNegative()) {
        throw new IllegalArgumentException(RETRY_SCHEDULE_ENV + " must not contain negative delays");
      }
    }
    this.webhookTimeout = positive(b.webhookTimeout, WEBHOOK_TIMEOUT_ENV);
    if (b.webhookMaxInFlight < 1 || b.webhookMaxInFlight > 64) {
      throw new IllegalArgumentException(WEBHOOK_MAX_IN_FLIGHT_ENV + " must be 1-64, got " + b.webhookMaxInFlight);
    }
    this.webhookMaxInFlight = b.webhookMaxInFlight;
    this.corroborationWindow = Objects.requireNonNull(b.corroborationWindow, CORROBORATION_WINDOW_ENV);
    if (corroborationWindow.isNegative()) {
      throw new IllegalArgumentException(CORROBORATION_WINDOW_ENV + " must not be negative");
    }
    if (b.commitIntervalMs < 1) {
      throw new IllegalArgumentException(COMMIT_INTERVAL_ENV + " must be >= 1, got " + b.commitIntervalMs);
    }
    this.commitIntervalMs = b.commitIntervalMs;
    if (b.reorderQuiet == null || b.reorderQuiet.isNegative()) {
      throw new IllegalArgumentException(REORDER_QUIET_ENV + " must not be negative");
    }
    this.reorderQuiet = b.reorderQuiet;
    if (b.reorderBacklogQuiet == null || b.reorderBacklogQuiet.isNegative()) {
      throw new IllegalArgumentException(REORDER_BACKLOG_QUIET_ENV + " must not be negative");
    }
    this.reorderBacklogQuiet = b.reorderBacklogQuiet;
    if (b.reorderBacklogAge == null || b.reorderBacklogAge.isNegative()) {
      throw new IllegalArgumentException(REORDER_BACKLOG_AGE_ENV + " must not be negative");
    }
    this.reorderBacklogAge = b.reorderBacklogAge;
    if (b.reorderMaxHold == null || b.reorderMaxHold.compareTo(b.reorderQuiet) < 0) {
      throw new IllegalArgumentException(REORDER_MAX_HOLD_ENV + " must be at least " + REORDER_QUIET_ENV);
    }
    this.reorderMaxHold = b.reorderMaxHold;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * From the environment, with the CLI flags winning.
   *
   * @param bootstrapFlag {@code --bootstrap-servers}, or null
   * @param webhooksFlag {@code --webhooks}, or null
   */
  public static AlertsConfig fromEnvironment(Map<String, String> env, String bootstrapFlag, Path webhooksFlag) {
    Builder b = builder();
    KafkaConnection.bootstrapServers(bootstrapFlag, env).ifPresent(b::bootstrapServers);
    b.replicationFactor(KafkaConnection.replicationFactor(env));
    String v;
    if ((v = env.get(APPLICATION_ID_ENV)) != null && !v.isBlank()) {
      b.applicationId(v.trim());
    }
    if ((v = env.get(STATE_DIR_ENV)) != null && !v.isBlank()) {
      b.stateDir(Path.of(v.trim()));
    }
    if (webhooksFlag != null) {
      b.webhooksFile(webhooksFlag);
    } else if ((v = env.get(WEBHOOKS_FILE_ENV)) != null && !v.isBlank()) {
      b.webhooksFile(Path.of(v.trim()));
    }
    if ((v = env.get(RETRY_SCHEDULE_ENV)) != null) {
      b.retrySchedule(parseSchedule(v, RETRY_SCHEDULE_ENV));
    }
    if ((v = env.get(WEBHOOK_TIMEOUT_ENV)) != null) {
      b.webhookTimeout(parseDuration(v, WEBHOOK_TIMEOUT_ENV));
    }
    if ((v = env.get(WEBHOOK_MAX_IN_FLIGHT_ENV)) != null) {
      try {
        b.webhookMaxInFlight(Integer.parseInt(v.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(WEBHOOK_MAX_IN_FLIGHT_ENV + " must be a number, got '" + v + "'");
      }
    }
    if ((v = env.get(CORROBORATION_WINDOW_ENV)) != null) {
      b.corroborationWindow(parseDuration(v, CORROBORATION_WINDOW_ENV));
    }
    if ((v = env.get(REORDER_QUIET_ENV)) != null) {
      b.reorderQuiet(parseDuration(v, REORDER_QUIET_ENV));
    }
    if ((v = env.get(REORDER_BACKLOG_QUIET_ENV)) != null) {
      b.reorderBacklogQuiet(parseDuration(v, REORDER_BACKLOG_QUIET_ENV));
    }
    if ((v = env.get(REORDER_BACKLOG_AGE_ENV)) != null) {
      b.reorderBacklogAge(parseDuration(v, REORDER_BACKLOG_AGE_ENV));
    }
    if ((v = env.get(REORDER_MAX_HOLD_ENV)) != null) {
      b.reorderMaxHold(parseDuration(v, REORDER_MAX_HOLD_ENV));
    }
    if ((v = env.get(COMMIT_INTERVAL_ENV)) != null) {
      try {
        b.commitIntervalMs(Long.parseLong(v.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(COMMIT_INTERVAL_ENV + " must be a number of milliseconds, got '" + v + "'");
      }
    }
    return b.build();
  }

  /** Kafka Streams properties: exactly-once v2, low commit interval, undecodable records logged and skipped. */
  public Properties streamsProperties() {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
    p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
    // never hold a task back waiting for its other input (deals vs. the fan-out topic) to have data: ordering is
    // decided by published time in the state machine, not by stream time
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
    // with transactions v2 a second in-flight request can reach a partition before the first one's implicit
    // add-partition completes; the broker then rejects it (retriable OUT_OF_ORDER_SEQUENCE_NUMBER, KAFKA-18202)
    // and the retry costs latency. One request in flight avoids the race.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
    return p;
  }

  public String applicationId() {
    return applicationId;
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public int replicationFactor() {
    return replicationFactor;
  }

  public Path stateDir() {
    return stateDir;
  }

  /** The subscriptions file, or null when webhooks are off. */
  public Path webhooksFile() {
    return webhooksFile;
  }

  public List<Duration> retrySchedule() {
    return retrySchedule;
  }

  public Duration webhookTimeout() {
    return webhookTimeout;
  }

  public Duration corroborationWindow() {
    return corroborationWindow;
  }

  public int webhookMaxInFlight() {
    return webhookMaxInFlight;
  }

  public long commitIntervalMs() {
    return commitIntervalMs;
  }

  public Duration reorderQuiet() {
    return reorderQuiet;
  }

  public Duration reorderMaxHold() {
    return reorderMaxHold;
  }

  public Duration reorderBacklogQuiet() {
    return reorderBacklogQuiet;
  }

  public Duration reorderBacklogAge() {
    return reorderBacklogAge;
  }

  /** A duration setting, read as every service reads them ({@link Durations}); the key names the culprit. */
  public static Duration parseDuration(String value, String key) {
    return Durations.parse(key, value);
  }

  /** Comma-separated durations; empty means no retry. */
  public static List<Duration> parseSchedule(String value, String key) {
    List<Duration> out = new ArrayList<>();
    for (String part : value.split(",")) {
      if (!part.isBlank()) {
        out.add(parseDuration(part, key));
      }
    }
    return out;
  }

  private static String require(String v, String key) {
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(key + " is required");
    }
    return v.trim();
  }

  private static Duration positive(Duration d, String key) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(key + " must be positive");
    }
    return d;
  }

  /** For the launcher and tests. Defaults as documented on the keys. */
  public static final class Builder {
    private String applicationId = APPLICATION_ID_DEFAULT;
    private String bootstrapServers;
    private int replicationFactor = 3;
    private Path stateDir;
    private Path webhooksFile;
    private List<Duration> retrySchedule = parseSchedule(RETRY_SCHEDULE_DEFAULT, RETRY_SCHEDULE_ENV);
    private Duration webhookTimeout = parseDuration(WEBHOOK_TIMEOUT_DEFAULT, WEBHOOK_TIMEOUT_ENV);
    private int webhookMaxInFlight = WEBHOOK_MAX_IN_FLIGHT_DEFAULT;
    private Duration corroborationWindow = parseDuration(CORROBORATION_WINDOW_DEFAULT, CORROBORATION_WINDOW_ENV);
    private long commitIntervalMs = COMMIT_INTERVAL_DEFAULT;
    private Duration reorderQuiet = parseDuration(REORDER_QUIET_DEFAULT, REORDER_QUIET_ENV);
    private Duration reorderMaxHold = parseDuration(REORDER_MAX_HOLD_DEFAULT, REORDER_MAX_HOLD_ENV);
    private Duration reorderBacklogQuiet = parseDuration(REORDER_BACKLOG_QUIET_DEFAULT, REORDER_BACKLOG_QUIET_ENV);
    private Duration reorderBacklogAge = parseDuration(REORDER_BACKLOG_AGE_DEFAULT, REORDER_BACKLOG_AGE_ENV);

    private Builder() {}

    public Builder applicationId(String v) {
      applicationId = v;
      return this;
    }

    public Builder bootstrapServers(String v) {
      bootstrapServers = v;
      return this;
    }

    public Builder replicationFactor(int v) {
      replicationFactor = v;
      return this;
    }

    public Builder stateDir(Path v) {
      stateDir = v;
      return this;
    }

    public Builder webhooksFile(Path v) {
      webhooksFile = v;
      return this;
    }

    public Builder retrySchedule(List<Duration> v) {
      retrySchedule = List.copyOf(v);
      return this;
    }

    public Builder webhookTimeout(Duration v) {
      webhookTimeout = v;
      return this;
    }

    public Builder webhookMaxInFlight(int v) {
      webhookMaxInFlight = v;
      return this;
    }

    public Builder corroborationWindow(Duration v) {
      corroborationWindow = v;
      return this;
    }

    public Builder commitIntervalMs(long v) {
      commitIntervalMs = v;
      return this;
    }

    public Builder reorderQuiet(Duration v) {
      reorderQuiet = v;
      return this;
    }

    public Builder reorderBacklogQuiet(Duration v) {
      reorderBacklogQuiet = v;
      return this;
    }

    public Builder reorderBacklogAge(Duration v) {
      reorderBacklogAge = v;
      return this;
    }

    public Builder reorderMaxHold(Duration v) {
      reorderMaxHold = v;
      return this;
    }

    public AlertsConfig build() {
      return new AlertsConfig(this);
    }
  }
}
