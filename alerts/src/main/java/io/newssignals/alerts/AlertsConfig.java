package io.newssignals.alerts;

import io.newssignals.config.Durations;
import io.newssignals.config.EffectiveSetting;
import io.newssignals.config.Setting;
import io.newssignals.config.Settings;
import io.newssignals.topics.GroupInstanceId;
import io.newssignals.topics.KafkaConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Configuration of the alerts service, validated once at start-up: a bad value fails with a message naming the
 * variable and the accepted range. Every setting is declared once below ({@link Setting}) and listed in
 * {@link #SETTINGS}, which also generates {@code alerts --help} and the table of docs/alerts.md. The CLI flags
 * {@code --bootstrap-servers} and {@code --webhooks} win over the environment. Durations are written
 * {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 7d}, ISO-8601 ({@code PT5S}) or a number of seconds.
 */
public final class AlertsConfig {
  /** Kafka cluster, {@code host:port[,...]}; required. Flag {@code --bootstrap-servers}. */
  public static final String BOOTSTRAP_ENV = KafkaConnection.BOOTSTRAP_ENV;
  /** Replication factor of topics the service creates (capped at the broker count). Default 3. */
  public static final String REPLICATION_ENV = KafkaConnection.REPLICATION_ENV;
  public static final String APPLICATION_ID_ENV = "ALERTS_APPLICATION_ID";
  public static final String APPLICATION_ID_DEFAULT = "news-signals-alerts";
  public static final String STATE_DIR_ENV = "ALERTS_STATE_DIR";
  public static final String WEBHOOKS_FILE_ENV = "ALERTS_WEBHOOKS_FILE";
  public static final String RETRY_SCHEDULE_ENV = "ALERTS_WEBHOOK_RETRY_SCHEDULE";
  public static final String RETRY_SCHEDULE_DEFAULT = "5s,5m,30m,2h,5h,10h,10h";
  public static final String WEBHOOK_TIMEOUT_ENV = "ALERTS_WEBHOOK_TIMEOUT";
  public static final String WEBHOOK_TIMEOUT_DEFAULT = "10s";
  public static final String WEBHOOK_MAX_IN_FLIGHT_ENV = "ALERTS_WEBHOOK_MAX_IN_FLIGHT";
  public static final int WEBHOOK_MAX_IN_FLIGHT_DEFAULT = 4;
  public static final String CORROBORATION_WINDOW_ENV = "ALERTS_CORROBORATION_WINDOW";
  public static final String CORROBORATION_WINDOW_DEFAULT = "7d";
  public static final String REORDER_QUIET_ENV = "ALERTS_REORDER_QUIET";
  public static final String REORDER_QUIET_DEFAULT = "0";
  public static final String REORDER_BACKLOG_QUIET_ENV = "ALERTS_REORDER_BACKLOG_QUIET";
  public static final String REORDER_BACKLOG_QUIET_DEFAULT = "0";
  public static final String REORDER_BACKLOG_AGE_ENV = "ALERTS_REORDER_BACKLOG_AGE";
  public static final String REORDER_BACKLOG_AGE_DEFAULT = "1h";
  public static final String REORDER_MAX_HOLD_ENV = "ALERTS_REORDER_MAX_HOLD";
  public static final String REORDER_MAX_HOLD_DEFAULT = "10s";
  public static final String COMMIT_INTERVAL_ENV = "ALERTS_COMMIT_INTERVAL_MS";
  public static final long COMMIT_INTERVAL_DEFAULT = 20;
  public static final String GROUP_INSTANCE_ID_ENV = "ALERTS_GROUP_INSTANCE_ID";

  /** Longest single retry delay and most retries of {@link #RETRY_SCHEDULE}. */
  private static final Duration MAX_RETRY_DELAY = Duration.ofDays(1);
  private static final int MAX_RETRIES = 20;

  public static final Setting<String> APPLICATION_ID = Setting.text(APPLICATION_ID_ENV, APPLICATION_ID_DEFAULT,
      v -> !v.isBlank(), "non-blank text",
      "Kafka Streams application id; prefix of its internal topics and of the webhook consumer groups.");
  public static final Setting<String> STATE_DIR = Setting.text(STATE_DIR_ENV, null,
      "Directory of the local state store (RocksDB).").defaultShownAs("$TMPDIR/news-signals/alerts");
  public static final Setting<String> WEBHOOKS_FILE = Setting.text(WEBHOOKS_FILE_ENV, null,
      "Webhook subscriptions file, JSON or YAML (--webhooks wins); none means no webhook delivery.");
  public static final Setting<List<Duration>> RETRY_SCHEDULE = Setting.of(RETRY_SCHEDULE_ENV, "durations",
      v -> parseSchedule(v, RETRY_SCHEDULE_ENV), RETRY_SCHEDULE_DEFAULT, AlertsConfig::validSchedule,
      "a comma-separated list of at most " + MAX_RETRIES + " durations between 0s and "
          + Durations.format(MAX_RETRY_DELAY) + ", or none",
      "Delay before each retry of a failed delivery; attempts = 1 + entries (none: no retry).");
  public static final Setting<Duration> WEBHOOK_TIMEOUT = Setting.duration(WEBHOOK_TIMEOUT_ENV,
      WEBHOOK_TIMEOUT_DEFAULT, Duration.ofMillis(100), Duration.ofMinutes(10),
      "Timeout of one delivery attempt (connect + response).");
  public static final Setting<Integer> WEBHOOK_MAX_IN_FLIGHT = Setting.integer(WEBHOOK_MAX_IN_FLIGHT_ENV,
      WEBHOOK_MAX_IN_FLIGHT_DEFAULT, 1, 64,
      "Concurrent requests per endpoint (at most one per partition: alerts of one pair stay in order).");
  public static final Setting<Duration> CORROBORATION_WINDOW = Setting.duration(CORROBORATION_WINDOW_ENV,
      CORROBORATION_WINDOW_DEFAULT, Duration.ZERO, Duration.ofDays(365),
      "How long after a change later reports of the same status count as corroboration.");
  public static final Setting<Duration> REORDER_QUIET = Setting.duration(REORDER_QUIET_ENV, REORDER_QUIET_DEFAULT,
      Duration.ZERO, Duration.ofHours(1),
      "Reorder buffer, live news: a pair's events are applied once none arrived for this long (0: on arrival; "
          + "enrich's one novelty task already hands them over in order).");
  public static final Setting<Duration> REORDER_BACKLOG_QUIET = Setting.duration(REORDER_BACKLOG_QUIET_ENV,
      REORDER_BACKLOG_QUIET_DEFAULT, Duration.ZERO, Duration.ofHours(1),
      "The same for backlog news (both 0: buffer off, events applied on arrival; run and docker-compose: 3s).");
  public static final Setting<Duration> REORDER_BACKLOG_AGE = Setting.duration(REORDER_BACKLOG_AGE_ENV,
      REORDER_BACKLOG_AGE_DEFAULT, Duration.ZERO, Duration.ofDays(3650),
      "News published longer than this before it arrives is backlog.");
  /**
   * Bounded at 1h: a huge value was once accepted and then overflowed ({@code ArithmeticException}) at the first
   * event, stopping the service. It must also be at least {@link #REORDER_QUIET} (checked in {@link Builder#build}).
   */
  public static final Setting<Duration> REORDER_MAX_HOLD = Setting.duration(REORDER_MAX_HOLD_ENV,
      REORDER_MAX_HOLD_DEFAULT, Duration.ZERO, Duration.ofHours(1),
      "Longest time an event waits in the reorder buffer while a burst goes on (at least ALERTS_REORDER_QUIET).");
  public static final Setting<Long> COMMIT_INTERVAL_MS = Setting.longInteger(COMMIT_INTERVAL_ENV,
      COMMIT_INTERVAL_DEFAULT, 1, 60_000, "Streams commit interval in milliseconds (bounds alert latency under "
          + "exactly-once).");

  public static final Setting<String> GROUP_INSTANCE_ID = Setting.text(GROUP_INSTANCE_ID_ENV, null,
      "Static group membership of the Streams application: an instance killed and restarted gets its partitions back "
          + "at once instead of after the 45 s session timeout; unique per instance; 'none': dynamic membership.")
      .defaultShownAs("generated once, kept in the state directory");

  /** Every setting of the alerts service, the shared Kafka ones first. */
  public static final Settings SETTINGS = KafkaConnection.SETTINGS.with("alerts", new Settings("alerts", List.of(
      APPLICATION_ID, STATE_DIR, WEBHOOKS_FILE, RETRY_SCHEDULE, WEBHOOK_TIMEOUT, WEBHOOK_MAX_IN_FLIGHT,
      CORROBORATION_WINDOW, REORDER_QUIET, REORDER_BACKLOG_QUIET, REORDER_BACKLOG_AGE, REORDER_MAX_HOLD,
      COMMIT_INTERVAL_MS, GROUP_INSTANCE_ID)));

  /** Every environment variable this service reads. */
  public static final Set<String> ENVIRONMENT = Set.copyOf(SETTINGS.envNames());

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
  private final String groupInstanceId;

  private AlertsConfig(Builder b) {
    this.groupInstanceId = b.groupInstanceId;
    this.applicationId = APPLICATION_ID.check(b.applicationId == null ? "" : b.applicationId.trim());
    this.bootstrapServers = require(b.bootstrapServers, BOOTSTRAP_ENV + " (or --bootstrap-servers)");
    this.replicationFactor = KafkaConnection.REPLICATION.check(b.replicationFactor);
    this.stateDir = b.stateDir == null
        ? Path.of(System.getProperty("java.io.tmpdir"), "news-signals", "alerts") : b.stateDir;
    this.webhooksFile = b.webhooksFile;
    this.retrySchedule = RETRY_SCHEDULE.check(List.copyOf(b.retrySchedule));
    this.webhookTimeout = WEBHOOK_TIMEOUT.check(b.webhookTimeout);
    this.webhookMaxInFlight = WEBHOOK_MAX_IN_FLIGHT.check(b.webhookMaxInFlight);
    this.corroborationWindow = CORROBORATION_WINDOW.check(b.corroborationWindow);
    this.commitIntervalMs = COMMIT_INTERVAL_MS.check(b.commitIntervalMs);
    this.reorderQuiet = REORDER_QUIET.check(b.reorderQuiet);
    this.reorderBacklogQuiet = REORDER_BACKLOG_QUIET.check(b.reorderBacklogQuiet);
    this.reorderBacklogAge = REORDER_BACKLOG_AGE.check(b.reorderBacklogAge);
    this.reorderMaxHold = REORDER_MAX_HOLD.check(b.reorderMaxHold);
    if (reorderMaxHold.compareTo(reorderQuiet) < 0) {
      throw new IllegalArgumentException(REORDER_MAX_HOLD_ENV + "='" + Durations.format(reorderMaxHold)
          + "': must be at least " + REORDER_QUIET_ENV + " (" + Durations.format(reorderQuiet) + ")");
    }
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
    SETTINGS.validate(env);
    Builder b = builder();
    KafkaConnection.bootstrapServers(bootstrapFlag, env).ifPresent(b::bootstrapServers);
    b.replicationFactor(KafkaConnection.replicationFactor(env));
    b.applicationId(APPLICATION_ID.get(env));
    String v = STATE_DIR.getOrNull(env);
    if (v != null) {
      b.stateDir(Path.of(v));
    }
    b.groupInstanceId(GROUP_INSTANCE_ID.getOrNull(env));
    v = WEBHOOKS_FILE.getOrNull(env);
    if (webhooksFlag != null) {
      b.webhooksFile(webhooksFlag);
    } else if (v != null) {
      b.webhooksFile(Path.of(v));
    }
    return b.retrySchedule(RETRY_SCHEDULE.get(env))
        .webhookTimeout(WEBHOOK_TIMEOUT.get(env))
        .webhookMaxInFlight(WEBHOOK_MAX_IN_FLIGHT.get(env))
        .corroborationWindow(CORROBORATION_WINDOW.get(env))
        .reorderQuiet(REORDER_QUIET.get(env))
        .reorderBacklogQuiet(REORDER_BACKLOG_QUIET.get(env))
        .reorderBacklogAge(REORDER_BACKLOG_AGE.get(env))
        .reorderMaxHold(REORDER_MAX_HOLD.get(env))
        .commitIntervalMs(COMMIT_INTERVAL_MS.get(env))
        .build();
  }

  /** Effective values of every alerts setting for {@code env}, for the status page (secrets masked). */
  public static List<EffectiveSetting> effective(Map<String, String> env) {
    return SETTINGS.effective(env);
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
    // commits happen between polls: an idle poll of Streams' default 100 ms would hold an alert's commit that long
    p.put(StreamsConfig.POLL_MS_CONFIG, Math.max(1, Math.min(100, commitIntervalMs / 5)));
    // with transactions v2 a second in-flight request can reach a partition before the first one's implicit
    // add-partition completes; the broker then rejects it (retriable OUT_OF_ORDER_SEQUENCE_NUMBER, KAFKA-18202)
    // and the retry costs latency. One request in flight avoids the race.
    p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
    GroupInstanceId.resolve(groupInstanceId, stateDir.resolve(applicationId), applicationId)
        .ifPresent(id -> p.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
    return p;
  }

  /** As configured: null (generated, kept in the state directory), {@code none}, or an id. */
  public String groupInstanceId() {
    return groupInstanceId;
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

  /** Comma-separated durations; empty or {@code none} means no retry. */
  public static List<Duration> parseSchedule(String value, String key) {
    List<Duration> out = new ArrayList<>();
    if (value.trim().equalsIgnoreCase("none")) {
      return out;
    }
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

  private static boolean validSchedule(List<Duration> schedule) {
    return schedule.size() <= MAX_RETRIES
        && schedule.stream().allMatch(d -> !d.isNegative() && d.compareTo(MAX_RETRY_DELAY) <= 0);
  }

  /** For the launcher and tests. Defaults as documented on the keys. */
  public static final class Builder {
    private String applicationId = APPLICATION_ID_DEFAULT;
    private String bootstrapServers;
    private int replicationFactor = KafkaConnection.REPLICATION.defaultValue();
    private Path stateDir;
    private String groupInstanceId;
    private Path webhooksFile;
    private List<Duration> retrySchedule = RETRY_SCHEDULE.defaultValue();
    private Duration webhookTimeout = WEBHOOK_TIMEOUT.defaultValue();
    private int webhookMaxInFlight = WEBHOOK_MAX_IN_FLIGHT.defaultValue();
    private Duration corroborationWindow = CORROBORATION_WINDOW.defaultValue();
    private long commitIntervalMs = COMMIT_INTERVAL_MS.defaultValue();
    private Duration reorderQuiet = REORDER_QUIET.defaultValue();
    private Duration reorderMaxHold = REORDER_MAX_HOLD.defaultValue();
    private Duration reorderBacklogQuiet = REORDER_BACKLOG_QUIET.defaultValue();
    private Duration reorderBacklogAge = REORDER_BACKLOG_AGE.defaultValue();

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

    /** Null: generated once and kept in the state directory; {@code none}: dynamic membership. */
    public Builder groupInstanceId(String v) {
      groupInstanceId = v;
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
