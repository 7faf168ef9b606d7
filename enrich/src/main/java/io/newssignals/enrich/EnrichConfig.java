package io.newssignals.enrich;

import io.newssignals.config.Durations;
import io.newssignals.topics.KafkaConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Configuration of the enrichment service. Every key can come from an environment variable (listed in
 * {@link #ENVIRONMENT}) or be set through {@link #builder()}; values are validated once, in {@link Builder#build()},
 * and a bad value fails naming its key.
 *
 * <ul>
 *   <li>{@code KAFKA_BOOTSTRAP_SERVERS}: broker list (required to run the service; the flag
 *       {@code --bootstrap-servers} wins).</li>
 *   <li>{@code ENRICH_APPLICATION_ID}: Streams application id, default {@value #DEFAULT_APPLICATION_ID}.</li>
 *   <li>{@code ENRICH_STATE_DIR}: Streams state directory, default the system temp dir + {@code /news-signals-enrich}.</li>
 *   <li>{@code ENRICH_GAZETTEER_FILES}: extra gazetteer CSV files, separated by ',' (applied in order after the bundled
 *       files; later entries override by id).</li>
 *   <li>{@code ENRICH_NOVELTY_WINDOW}: how long a story is remembered for near-duplicate detection, ISO-8601 duration
 *       (PT72H) or hours (72), default 72 hours.</li>
 *   <li>{@code ENRICH_NUM_STREAM_THREADS}: Streams threads, default 1.</li>
 *   <li>{@code ENRICH_COMMIT_INTERVAL_MS}: Streams commit interval, default 50 (an alert waits for two exactly-once commits: enrich and alerts).</li>
 *   <li>{@code KAFKA_REPLICATION_FACTOR}: replication factor of the topics the service creates, default 1.</li>
 * </ul>
 */
public final class EnrichConfig {

  public static final String APPLICATION_ID_ENV = "ENRICH_APPLICATION_ID";
  public static final String STATE_DIR_ENV = "ENRICH_STATE_DIR";
  public static final String GAZETTEER_FILES_ENV = "ENRICH_GAZETTEER_FILES";
  public static final String NOVELTY_WINDOW_ENV = "ENRICH_NOVELTY_WINDOW";
  public static final String NUM_STREAM_THREADS_ENV = "ENRICH_NUM_STREAM_THREADS";
  public static final String COMMIT_INTERVAL_ENV = "ENRICH_COMMIT_INTERVAL_MS";

  /** Every environment variable this service reads. */
  public static final Set<String> ENVIRONMENT = Set.of(KafkaConnection.BOOTSTRAP_ENV, KafkaConnection.REPLICATION_ENV,
      APPLICATION_ID_ENV, STATE_DIR_ENV, GAZETTEER_FILES_ENV, NOVELTY_WINDOW_ENV, NUM_STREAM_THREADS_ENV,
      COMMIT_INTERVAL_ENV);

  public static final String DEFAULT_APPLICATION_ID = "news-signals-enrich";
  public static final Duration DEFAULT_NOVELTY_WINDOW = EnrichmentPipeline.DEFAULT_NOVELTY_WINDOW;

  private final String bootstrapServers;
  private final String applicationId;
  private final Path stateDir;
  private final List<Path> gazetteerFiles;
  private final Duration noveltyWindow;
  private final int numStreamThreads;
  private final int commitIntervalMs;
  private final int replicationFactor;

  private EnrichConfig(Builder b) {
    this.bootstrapServers = b.bootstrapServers;
    this.applicationId = b.applicationId;
    this.stateDir = b.stateDir;
    this.gazetteerFiles = List.copyOf(b.gazetteerFiles);
    this.noveltyWindow = b.noveltyWindow;
    this.numStreamThreads = b.numStreamThreads;
    this.commitIntervalMs = b.commitIntervalMs;
    this.replicationFactor = b.replicationFactor;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads every key from the environment; the flag, when given, overrides the bootstrap servers. */
  public static EnrichConfig fromEnvironment(String bootstrapFlag, Map<String, String> env) {
    Builder b = builder();
    KafkaConnection.bootstrapServers(bootstrapFlag, env).ifPresent(b::bootstrapServers);
    String v;
    if ((v = env.get(APPLICATION_ID_ENV)) != null && !v.isBlank()) {
      b.applicationId(v.strip());
    }
    if ((v = env.get(STATE_DIR_ENV)) != null && !v.isBlank()) {
      b.stateDir(Path.of(v.strip()));
    }
    if ((v = env.get(GAZETTEER_FILES_ENV)) != null && !v.isBlank()) {
      for (String f : v.split(",")) {
        if (!f.isBlank()) {
          b.addGazetteerFile(Path.of(f.strip()));
        }
      }
    }
    if ((v = env.get(NOVELTY_WINDOW_ENV)) != null && !v.isBlank()) {
      b.noveltyWindow(parseDuration(NOVELTY_WINDOW_ENV, v.strip()));
    }
    if ((v = env.get(NUM_STREAM_THREADS_ENV)) != null && !v.isBlank()) {
      b.numStreamThreads(parseInt(NUM_STREAM_THREADS_ENV, v));
    }
    if ((v = env.get(COMMIT_INTERVAL_ENV)) != null && !v.isBlank()) {
      b.commitIntervalMs(parseInt(COMMIT_INTERVAL_ENV, v));
    }
    b.replicationFactor(KafkaConnection.replicationFactor(env));
    return b.build();
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

  public int numStreamThreads() {
    return numStreamThreads;
  }

  public int commitIntervalMs() {
    return commitIntervalMs;
  }

  public int replicationFactor() {
    return replicationFactor;
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
    return p;
  }

  private static Duration parseDuration(String key, String v) {
    return Durations.parse(key, v);
  }

  private static int parseInt(String key, String v) {
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, got '" + v + "'");
    }
  }

  /** Builder; {@link #build()} validates. */
  public static final class Builder {
    private String bootstrapServers;
    private String applicationId = DEFAULT_APPLICATION_ID;
    private Path stateDir = Path.of(System.getProperty("java.io.tmpdir"), "news-signals-enrich");
    private final List<Path> gazetteerFiles = new ArrayList<>();
    private Duration noveltyWindow = DEFAULT_NOVELTY_WINDOW;
    private int numStreamThreads = 1;
    private int commitIntervalMs = 50;
    private int replicationFactor = 1;

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

    public EnrichConfig build() {
      if (applicationId == null || applicationId.isBlank()) {
        throw new IllegalArgumentException(APPLICATION_ID_ENV + " must not be blank");
      }
      if (noveltyWindow == null || noveltyWindow.isNegative() || noveltyWindow.isZero()) {
        throw new IllegalArgumentException(NOVELTY_WINDOW_ENV + " must be positive, got " + noveltyWindow);
      }
      if (numStreamThreads < 1) {
        throw new IllegalArgumentException(NUM_STREAM_THREADS_ENV + " must be >= 1, got " + numStreamThreads);
      }
      if (commitIntervalMs < 1) {
        throw new IllegalArgumentException(COMMIT_INTERVAL_ENV + " must be >= 1, got " + commitIntervalMs);
      }
      if (replicationFactor < 1) {
        throw new IllegalArgumentException(KafkaConnection.REPLICATION_ENV + " must be >= 1, got " + replicationFactor);
      }
      for (Path p : gazetteerFiles) {
        if (!p.toFile().isFile()) {
          throw new IllegalArgumentException(GAZETTEER_FILES_ENV + ": no such file " + p);
        }
      }
      return new EnrichConfig(this);
    }
  }
}
