package io.newssignals.enrich;

import io.newssignals.config.EffectiveSetting;
import io.newssignals.config.Setting;
import io.newssignals.config.Settings;
import io.newssignals.topics.GroupInstanceId;
import io.newssignals.topics.KafkaConnection;
import io.newssignals.topics.Topics;
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

/**
 * Configuration of the enrichment service. Every setting is declared once below ({@link Setting}: variable, type,
 * default, valid range, doc) and listed in {@link #SETTINGS}, which validates the environment, checks builder
 * values and generates {@code enrich --help} and the table of docs/enrich.md. Values are validated once, in
 * {@link Builder#build()}; a bad value fails naming its variable and the accepted range. The flag
 * {@code --bootstrap-servers} wins over {@code KAFKA_BOOTSTRAP_SERVERS}.
 */
public final class EnrichConfig {

  public static final String APPLICATION_ID_ENV = "ENRICH_APPLICATION_ID";
  public static final String STATE_DIR_ENV = "ENRICH_STATE_DIR";
  public static final String GAZETTEER_FILES_ENV = "ENRICH_GAZETTEER_FILES";
  public static final String NOVELTY_WINDOW_ENV = "ENRICH_NOVELTY_WINDOW";
  public static final String NAME_MEMORY_WINDOW_ENV = "ENRICH_NAME_MEMORY_WINDOW";
  public static final String NUM_STREAM_THREADS_ENV = "ENRICH_NUM_STREAM_THREADS";
  public static final String COMMIT_INTERVAL_ENV = "ENRICH_COMMIT_INTERVAL_MS";
  public static final String NOVELTY_BACKLOG_QUIET_ENV = "ENRICH_NOVELTY_BACKLOG_QUIET";
  public static final String NOVELTY_BACKLOG_AGE_ENV = "ENRICH_NOVELTY_BACKLOG_AGE";
  public static final String NOVELTY_MAX_HOLD_ENV = "ENRICH_NOVELTY_MAX_HOLD";
  public static final String GROUP_INSTANCE_ID_ENV = "ENRICH_GROUP_INSTANCE_ID";
  public static final String DEFAULT_APPLICATION_ID = "news-signals-enrich";

  public static final Setting<String> APPLICATION_ID = Setting.text(APPLICATION_ID_ENV, DEFAULT_APPLICATION_ID,
      v -> !v.isBlank(), "non-blank text",
      "Kafka Streams application id (consumer group, state and changelog prefix).");
  public static final Setting<String> STATE_DIR = Setting.text(STATE_DIR_ENV, null,
      "Kafka Streams state directory.").defaultShownAs("$TMPDIR/news-signals-enrich");
  public static final Setting<String> GAZETTEER_FILES = Setting.text(GAZETTEER_FILES_ENV, null,
      "Extra gazetteer CSV files, comma-separated, applied in order after the bundled ones (later ids win).");
  /**
   * A duration like every other: a bare number is seconds (this key was once documented as hours; the 1h floor
   * makes a value written in hours, such as {@code 72}, fail at start-up instead of meaning 72 seconds).
   */
  public static final Setting<Duration> NOVELTY_WINDOW = Setting.duration(NOVELTY_WINDOW_ENV, "72h",
      Duration.ofHours(1), Duration.ofDays(30),
      "How long a story is remembered for near-duplicate detection.");
  public static final Setting<Duration> NAME_MEMORY_WINDOW = Setting.duration(NAME_MEMORY_WINDOW_ENV,
      NameMemory.DEFAULT_WINDOW.toDays() + "d", Duration.ZERO, Duration.ofDays(3650),
      "How long the full name of a company an article introduced is remembered, so that a later story's short form "
          + "(\"Quiver\" for \"Quiver Games\") gets it (0: no memory).");
  /** Unset: one per core, at most one per partition of news.articles ({@link #defaultStreamThreads()}). */
  public static final Setting<Integer> NUM_STREAM_THREADS = Setting.integer(NUM_STREAM_THREADS_ENV, null, 1, 64,
      "Kafka Streams threads (extraction is CPU-bound: one per core uses them all).")
      .defaultShownAs("the number of cores, at most " + Topics.ARTICLES.partitions());
  public static final Setting<Integer> COMMIT_INTERVAL_MS = Setting.integer(COMMIT_INTERVAL_ENV, 20, 1, 60_000,
      "Streams commit interval in milliseconds (low: an article waits for two exactly-once commits in enrich).");

  public static final Setting<Duration> NOVELTY_BACKLOG_QUIET = Setting.duration(NOVELTY_BACKLOG_QUIET_ENV, "1s",
      Duration.ZERO, Duration.ofHours(1), "Backlog news waits until none arrived for this long, then is judged for "
          + "novelty in published order, as a replay does (0: judged on arrival).");
  public static final Setting<Duration> NOVELTY_BACKLOG_AGE = Setting.duration(NOVELTY_BACKLOG_AGE_ENV, "1h",
      Duration.ZERO, Duration.ofDays(3650), "News published longer than this before it arrives is backlog.");
  public static final Setting<Duration> NOVELTY_MAX_HOLD = Setting.duration(NOVELTY_MAX_HOLD_ENV, "10s",
      Duration.ZERO, Duration.ofHours(1), "While a backlog keeps arriving, its older half (published time) is released this often.");
  public static final Setting<String> GROUP_INSTANCE_ID = Setting.text(GROUP_INSTANCE_ID_ENV, null,
      "Static group membership: an instance killed and restarted gets its partitions back at once instead of after "
          + "the 45 s session timeout; unique per instance; 'none': dynamic membership.")
      .defaultShownAs("generated once, kept in the state directory");

  /** Every setting of the enrich service, the shared Kafka ones first. */
  public static final Settings SETTINGS = KafkaConnection.SETTINGS.with("enrich", new Settings("enrich", List.of(
      APPLICATION_ID, STATE_DIR, GAZETTEER_FILES, NOVELTY_WINDOW, NAME_MEMORY_WINDOW, NOVELTY_BACKLOG_QUIET, NOVELTY_BACKLOG_AGE,
      NOVELTY_MAX_HOLD, NUM_STREAM_THREADS, COMMIT_INTERVAL_MS, GROUP_INSTANCE_ID)));

  /** Every environment variable this service reads. */
  public static final Set<String> ENVIRONMENT = Set.copyOf(SETTINGS.envNames());

  public static final Duration DEFAULT_NOVELTY_WINDOW = NOVELTY_WINDOW.defaultValue();

  private final String bootstrapServers;
  private final String applicationId;
  private final Path stateDir;
  private final List<Path> gazetteerFiles;
  private final Duration noveltyWindow;
  private final Duration nameMemoryWindow;
  private final int numStreamThreads;
  private final int commitIntervalMs;
  private final int replicationFactor;
  private final Duration noveltyBacklogQuiet;
  private final Duration noveltyBacklogAge;
  private final Duration noveltyMaxHold;
  private final String groupInstanceId;

  private EnrichConfig(Builder b) {
    this.bootstrapServers = b.bootstrapServers;
    this.applicationId = b.applicationId;
    this.stateDir = b.stateDir;
    this.gazetteerFiles = List.copyOf(b.gazetteerFiles);
    this.noveltyWindow = b.noveltyWindow;
    this.nameMemoryWindow = b.nameMemoryWindow;
    this.numStreamThreads = b.numStreamThreads;
    this.commitIntervalMs = b.commitIntervalMs;
    this.replicationFactor = b.replicationFactor;
    this.noveltyBacklogQuiet = b.noveltyBacklogQuiet;
    this.noveltyBacklogAge = b.noveltyBacklogAge;
    this.noveltyMaxHold = b.noveltyMaxHold;
    this.groupInstanceId = b.groupInstanceId;
  }

  /** One stream thread per core, at most one per partition of {@code news.articles} (more would idle). */
  public static int defaultStreamThreads() {
    return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), Topics.ARTICLES.partitions()));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Reads every key from the environment (every bad value reported at once, each naming its variable); the flag,
   * when given, overrides the bootstrap servers.
   */
  public static EnrichConfig fromEnvironment(String bootstrapFlag, Map<String, String> env) {
    SETTINGS.validate(env);
    Builder b = builder();
    KafkaConnection.bootstrapServers(bootstrapFlag, env).ifPresent(b::bootstrapServers);
    b.applicationId(APPLICATION_ID.get(env));
    String v = STATE_DIR.getOrNull(env);
    if (v != null) {
      b.stateDir(Path.of(v));
    }
    v = GAZETTEER_FILES.getOrNull(env);
    if (v != null) {
      for (String f : v.split(",")) {
        if (!f.isBlank()) {
          b.addGazetteerFile(Path.of(f.strip()));
        }
      }
    }
    b.noveltyWindow(NOVELTY_WINDOW.get(env));
    b.nameMemoryWindow(NAME_MEMORY_WINDOW.get(env));
    Integer threads = NUM_STREAM_THREADS.getOrNull(env);
    b.numStreamThreads(threads == null ? defaultStreamThreads() : threads);
    b.noveltyBacklogQuiet(NOVELTY_BACKLOG_QUIET.get(env));
    b.noveltyBacklogAge(NOVELTY_BACKLOG_AGE.get(env));
    b.noveltyMaxHold(NOVELTY_MAX_HOLD.get(env));
    b.groupInstanceId(GROUP_INSTANCE_ID.getOrNull(env));
    b.commitIntervalMs(COMMIT_INTERVAL_MS.get(env));
    b.replicationFactor(KafkaConnection.replicationFactor(env));
    return b.build();
  }

  /** Effective values of every enrich setting for {@code env}, for the status page (secrets masked). */
  public static List<EffectiveSetting> effective(Map<String, String> env) {
    return SETTINGS.effective(env);
  }

  public String bootstrapServers() {
    return bootstrapServers;
  }

  public String applicationId() {
    return applicationId;
  }

  public Path stateDir() {
    return stateDir;
  }

  public List<Path> gazetteerFiles() {
    return gazetteerFiles;
  }

  public Duration noveltyWindow() {
    return noveltyWindow;
  }

  public Duration nameMemoryWindow() {
    return nameMemoryWindow;
  }

  public int numStreamThreads() {
    return numStreamThreads;
  }

  public int commitIntervalMs() {
    return commitIntervalMs;
  }

  public int replicationFactor() {
    return replicationFactor;
  }

  public Duration noveltyBacklogQuiet() {
    return noveltyBacklogQuiet;
  }

  public Duration noveltyBacklogAge() {
    return noveltyBacklogAge;
  }

  public Duration noveltyMaxHold() {
    return noveltyMaxHold;
  }

  /** As configured: null (generated, kept in the state directory), {@code none}, or an id. */
  public String groupInstanceId() {
    return groupInstanceId;
  }

  /** Kafka Streams properties: exactly-once v2, low commit interval. */
  public Properties streamsProperties() {
    if (bootstrapServers == null) {
      throw new IllegalArgumentException(KafkaConnection.BOOTSTRAP_ENV + " (or --bootstrap-servers) is required");
    }
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitIntervalMs);
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, numStreamThreads);
    p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, replicationFactor);
    // A stream thread commits between polls, and an idle poll blocks for poll.ms (Streams' default: 100 ms): an
    // article judged by the novelty task just after a commit waited up to 100 ms for the next one. Poll for at most
    // a fifth of the commit interval, so that a commit is late by that much at most.
    p.put(StreamsConfig.POLL_MS_CONFIG, pollMs(commitIntervalMs));
    // Streams lingers 100 ms by default; under exactly-once a commit flushes anyway, and sending at once leaves less
    // for the commit to flush. One request in flight: see AlertsConfig (KAFKA-18202, transactions v2).
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
    p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
    GroupInstanceId.resolve(groupInstanceId, stateDir.resolve(applicationId), applicationId)
        .ifPresent(id -> p.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
    return p;
  }

  /** Streams' {@code poll.ms} for a commit interval: a fifth of it, between 1 and 100 ms. */
  public static long pollMs(long commitIntervalMs) {
    return Math.max(1, Math.min(100, commitIntervalMs / 5));
  }

  /** Builder; {@link #build()} validates. */
  public static final class Builder {
    private String bootstrapServers;
    private String applicationId = DEFAULT_APPLICATION_ID;
    private Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "news-signals-enrich");
    private final List<Path> gazetteerFiles = new ArrayList<>();
    private Duration noveltyWindow = DEFAULT_NOVELTY_WINDOW;
    private Duration nameMemoryWindow = NameMemory.DEFAULT_WINDOW;
    private int numStreamThreads = defaultStreamThreads();
    private Duration noveltyBacklogQuiet = NOVELTY_BACKLOG_QUIET.defaultValue();
    private Duration noveltyBacklogAge = NOVELTY_BACKLOG_AGE.defaultValue();
    private Duration noveltyMaxHold = NOVELTY_MAX_HOLD.defaultValue();
    private String groupInstanceId;
    private int commitIntervalMs = COMMIT_INTERVAL_MS.defaultValue();
    // 3, as declared and documented for every service (this builder once defaulted to 1)
    private int replicationFactor = KafkaConnection.REPLICATION.defaultValue();

    public Builder bootstrapServers(String v) {
      this.bootstrapServers = v;
      return this;
    }

    public Builder applicationId(String v) {
      this.applicationId = v;
      return this;
    }

    public Builder stateDir(Path v) {
      this.stateDir = v;
      return this;
    }

    public Builder addGazetteerFile(Path v) {
      this.gazetteerFiles.add(v);
      return this;
    }

    public Builder gazetteerFiles(List<Path> v) {
      this.gazetteerFiles.clear();
      this.gazetteerFiles.addAll(v);
      return this;
    }

    public Builder noveltyWindow(Duration v) {
      this.noveltyWindow = v;
      return this;
    }

    public Builder nameMemoryWindow(Duration v) {
      this.nameMemoryWindow = v;
      return this;
    }

    public Builder numStreamThreads(int v) {
      this.numStreamThreads = v;
      return this;
    }

    public Builder commitIntervalMs(int v) {
      this.commitIntervalMs = v;
      return this;
    }

    public Builder replicationFactor(int v) {
      this.replicationFactor = v;
      return this;
    }

    public Builder noveltyBacklogQuiet(Duration v) {
      this.noveltyBacklogQuiet = v;
      return this;
    }

    public Builder noveltyBacklogAge(Duration v) {
      this.noveltyBacklogAge = v;
      return this;
    }

    public Builder noveltyMaxHold(Duration v) {
      this.noveltyMaxHold = v;
      return this;
    }

    /** Null: generated once and kept in the state directory; {@code none}: dynamic membership. */
    public Builder groupInstanceId(String v) {
      this.groupInstanceId = v;
      return this;
    }

    public EnrichConfig build() {
      APPLICATION_ID.check(applicationId == null ? "" : applicationId);
      NOVELTY_WINDOW.check(noveltyWindow);
      NUM_STREAM_THREADS.check(numStreamThreads);
      COMMIT_INTERVAL_MS.check(commitIntervalMs);
      NOVELTY_BACKLOG_QUIET.check(noveltyBacklogQuiet);
      NOVELTY_BACKLOG_AGE.check(noveltyBacklogAge);
      NOVELTY_MAX_HOLD.check(noveltyMaxHold);
      KafkaConnection.REPLICATION.check(replicationFactor);
      for (Path p : gazetteerFiles) {
        if (!p.toFile().isFile()) {
          throw new IllegalArgumentException(GAZETTEER_FILES_ENV + ": no such file " + p);
        }
      }
      return new EnrichConfig(this);
    }
  }
}
