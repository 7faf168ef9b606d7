package io.newssignals.ingest;

import io.newssignals.config.Durations;
import io.newssignals.topics.KafkaConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Typed configuration of the ingest service, validated once when built. Every key can come from an environment
 * variable (listed in {@link #ENVIRONMENT}) or be set in code through {@link #builder()}; the commands' flags
 * override the environment.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>env</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>KAFKA_BOOTSTRAP_SERVERS</td><td>(none)</td><td>cluster; required by {@code ingest}, not by {@code feeds check}</td></tr>
 *   <tr><td>KAFKA_REPLICATION_FACTOR</td><td>3</td><td>replication of topics created at start (capped at the broker count)</td></tr>
 *   <tr><td>INGEST_FEEDS_FILE</td><td>bundled samples</td><td>YAML or JSON feeds file, reloaded on change or SIGHUP</td></tr>
 *   <tr><td>INGEST_POLL_INTERVAL</td><td>PT15M</td><td>poll interval of feeds that set none (ISO-8601 or 90s/15m/2h)</td></tr>
 *   <tr><td>INGEST_MAX_BODY_BYTES</td><td>10485760</td><td>largest feed body accepted, enforced while streaming (after decompression)</td></tr>
 *   <tr><td>INGEST_CONNECT_TIMEOUT</td><td>PT10S</td><td>TCP/TLS connect timeout</td></tr>
 *   <tr><td>INGEST_READ_TIMEOUT</td><td>PT30S</td><td>time allowed for a whole response, headers and body</td></tr>
 *   <tr><td>INGEST_USER_AGENT</td><td>news-signals-ingest/0.1 (+https://github.com/news-signals)</td><td>User-Agent header</td></tr>
 *   <tr><td>INGEST_PER_HOST_CONCURRENCY</td><td>2</td><td>simultaneous requests to one host</td></tr>
 *   <tr><td>INGEST_MAX_CONCURRENCY</td><td>16</td><td>simultaneous requests overall</td></tr>
 *   <tr><td>INGEST_MAX_BACKOFF</td><td>PT6H</td><td>longest wait after repeated failures (a feed is never given up)</td></tr>
 *   <tr><td>INGEST_RECENT_IDS</td><td>500</td><td>article ids remembered per feed (at least twice the items of its last
 *       fetch, at most what fits {@link RecordLimits#MAX_REMEMBERED_BYTES})</td></tr>
 *   <tr><td>INGEST_ALLOWED_SCHEMES</td><td>http,https</td><td>URL schemes feeds may use; add {@code file} to poll local files</td></tr>
 *   <tr><td>INGEST_ALLOW_PRIVATE_REDIRECTS</td><td>false</td><td>follow a redirect from a public address to a loopback,
 *       link-local, private or unspecified one (refused by default; configured feed URLs are always trusted)</td></tr>
 *   <tr><td>INGEST_TRANSACTIONAL_ID</td><td>news-signals-ingest</td><td>Kafka transactional id (one per ingest instance)</td></tr>
 * </table>
 */
public final class IngestConfig {
  public static final String FEEDS_FILE_ENV = "INGEST_FEEDS_FILE";
  public static final String POLL_INTERVAL_ENV = "INGEST_POLL_INTERVAL";
  public static final String MAX_BODY_BYTES_ENV = "INGEST_MAX_BODY_BYTES";
  public static final String CONNECT_TIMEOUT_ENV = "INGEST_CONNECT_TIMEOUT";
  public static final String READ_TIMEOUT_ENV = "INGEST_READ_TIMEOUT";
  public static final String USER_AGENT_ENV = "INGEST_USER_AGENT";
  public static final String PER_HOST_CONCURRENCY_ENV = "INGEST_PER_HOST_CONCURRENCY";
  public static final String MAX_CONCURRENCY_ENV = "INGEST_MAX_CONCURRENCY";
  public static final String MAX_BACKOFF_ENV = "INGEST_MAX_BACKOFF";
  public static final String RECENT_IDS_ENV = "INGEST_RECENT_IDS";
  public static final String ALLOWED_SCHEMES_ENV = "INGEST_ALLOWED_SCHEMES";
  public static final String TRANSACTIONAL_ID_ENV = "INGEST_TRANSACTIONAL_ID";
  public static final String ALLOW_PRIVATE_REDIRECTS_ENV = "INGEST_ALLOW_PRIVATE_REDIRECTS";

  /** Every environment variable this service reads. */
  public static final Set<String> ENVIRONMENT = Set.of(
      KafkaConnection.BOOTSTRAP_ENV, KafkaConnection.REPLICATION_ENV, FEEDS_FILE_ENV, POLL_INTERVAL_ENV,
      MAX_BODY_BYTES_ENV, CONNECT_TIMEOUT_ENV, READ_TIMEOUT_ENV, USER_AGENT_ENV, PER_HOST_CONCURRENCY_ENV,
      MAX_CONCURRENCY_ENV, MAX_BACKOFF_ENV, RECENT_IDS_ENV, ALLOWED_SCHEMES_ENV, TRANSACTIONAL_ID_ENV,
      ALLOW_PRIVATE_REDIRECTS_ENV);

  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMinutes(15);
  public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
  public static final String DEFAULT_USER_AGENT = "news-signals-ingest/0.1 (+https://github.com/news-signals)";


  private final String bootstrapServers;
  private final int replicationFactor;
  private final Path feedsFile;
  private final Duration pollInterval;
  private final long maxBodyBytes;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final String userAgent;
  private final int perHostConcurrency;
  private final int maxConcurrency;
  private final Duration maxBackoff;
  private final int recentIds;
  private final Set<String> allowedSchemes;
  private final String transactionalId;
  private final boolean allowPrivateRedirects;

  private IngestConfig(Builder b) {
    this.bootstrapServers = b.bootstrapServers == null || b.bootstrapServers.isBlank() ? null : b.bootstrapServers.trim();
    this.replicationFactor = positive("KAFKA_REPLICATION_FACTOR", b.replicationFactor);
    this.feedsFile = b.feedsFile;
    this.pollInterval = positive(POLL_INTERVAL_ENV, b.pollInterval);
    if (b.maxBodyBytes < 1024) {
      throw new IllegalArgumentException(MAX_BODY_BYTES_ENV + " must be at least 1024, got " + b.maxBodyBytes);
    }
    this.maxBodyBytes = b.maxBodyBytes;
    this.connectTimeout = positive(CONNECT_TIMEOUT_ENV, b.connectTimeout);
    this.readTimeout = positive(READ_TIMEOUT_ENV, b.readTimeout);
    if (b.userAgent == null || b.userAgent.isBlank()) {
      throw new IllegalArgumentException(USER_AGENT_ENV + " must not be blank");
    }
    this.userAgent = b.userAgent.trim();
    this.perHostConcurrency = positive(PER_HOST_CONCURRENCY_ENV, b.perHostConcurrency);
    this.maxConcurrency = positive(MAX_CONCURRENCY_ENV, b.maxConcurrency);
    this.maxBackoff = positive(MAX_BACKOFF_ENV, b.maxBackoff);
    this.recentIds = positive(RECENT_IDS_ENV, b.recentIds);
    Set<String> schemes = new LinkedHashSet<>();
    for (String s : b.allowedSchemes) {
      String scheme = s.trim().toLowerCase(Locale.ROOT);
      if (!scheme.matches("[a-z][a-z0-9+.-]*")) {
        throw new IllegalArgumentException(ALLOWED_SCHEMES_ENV + " has an invalid scheme '" + s + "'");
      }
      if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
        throw new IllegalArgumentException(ALLOWED_SCHEMES_ENV + " may only list http, https and file, got '" + s + "'");
      }
      schemes.add(scheme);
    }
    if (schemes.isEmpty()) {
      throw new IllegalArgumentException(ALLOWED_SCHEMES_ENV + " must list at least one scheme");
    }
    this.allowedSchemes = Set.copyOf(schemes);
    if (b.transactionalId == null || b.transactionalId.isBlank()) {
      throw new IllegalArgumentException(TRANSACTIONAL_ID_ENV + " must not be blank");
    }
    this.transactionalId = b.transactionalId.trim();
    this.allowPrivateRedirects = b.allowPrivateRedirects;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder pre-filled from environment variables (bad values fail here, naming the variable). */
  public static Builder fromEnvironment(Map<String, String> env) {
    Builder b = new Builder();
    KafkaConnection.bootstrapServers(null, env).ifPresent(b::bootstrapServers);
    b.replicationFactor(KafkaConnection.replicationFactor(env));
    get(env, FEEDS_FILE_ENV).ifPresent(v -> b.feedsFile(Path.of(v)));
    get(env, POLL_INTERVAL_ENV).ifPresent(v -> b.pollInterval(parseDuration(POLL_INTERVAL_ENV, v)));
    get(env, MAX_BODY_BYTES_ENV).ifPresent(v -> b.maxBodyBytes(parseLong(MAX_BODY_BYTES_ENV, v)));
    get(env, CONNECT_TIMEOUT_ENV).ifPresent(v -> b.connectTimeout(parseDuration(CONNECT_TIMEOUT_ENV, v)));
    get(env, READ_TIMEOUT_ENV).ifPresent(v -> b.readTimeout(parseDuration(READ_TIMEOUT_ENV, v)));
    get(env, USER_AGENT_ENV).ifPresent(b::userAgent);
    get(env, PER_HOST_CONCURRENCY_ENV).ifPresent(v -> b.perHostConcurrency((int) parseLong(PER_HOST_CONCURRENCY_ENV, v)));
    get(env, MAX_CONCURRENCY_ENV).ifPresent(v -> b.maxConcurrency((int) parseLong(MAX_CONCURRENCY_ENV, v)));
    get(env, MAX_BACKOFF_ENV).ifPresent(v -> b.maxBackoff(parseDuration(MAX_BACKOFF_ENV, v)));
    get(env, RECENT_IDS_ENV).ifPresent(v -> b.recentIds((int) parseLong(RECENT_IDS_ENV, v)));
    get(env, ALLOWED_SCHEMES_ENV).ifPresent(v -> b.allowedSchemes(Set.of(v.split("\\s*,\\s*"))));
    get(env, TRANSACTIONAL_ID_ENV).ifPresent(b::transactionalId);
    get(env, ALLOW_PRIVATE_REDIRECTS_ENV).ifPresent(v -> b.allowPrivateRedirects(parseBoolean(ALLOW_PRIVATE_REDIRECTS_ENV, v)));
    return b;
  }

  private static Optional<String> get(Map<String, String> env, String key) {
    String v = env.get(key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  /** A duration setting, read as every service reads them ({@link Durations}). */
  public static Duration parseDuration(String key, String value) {
    return Durations.parse(key, value);
  }

  private static long parseLong(String key, String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be an integer, got '" + value + "'");
    }
  }

  private static boolean parseBoolean(String key, String value) {
    switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new IllegalArgumentException(key + " must be true or false, got '" + value + "'");
    }
  }

  private static int positive(String key, int v) {
    if (v < 1) {
      throw new IllegalArgumentException(key + " must be positive, got " + v);
    }
    return v;
  }

  private static Duration positive(String key, Duration d) {
    if (d == null || d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(key + " must be a positive duration, got " + d);
    }
    return d;
  }

  /** Kafka cluster, or empty when none is configured (then only {@code feeds check} can run). */
  public Optional<String> bootstrapServers() {
    return Optional.ofNullable(bootstrapServers);
  }

  public int replicationFactor() {
    return replicationFactor;
  }

  /** The feeds file, or empty when the bundled sample feeds are used. */
  public Optional<Path> feedsFile() {
    return Optional.ofNullable(feedsFile);
  }

  public Duration pollInterval() {
    return pollInterval;
  }

  public long maxBodyBytes() {
    return maxBodyBytes;
  }

  public Duration connectTimeout() {
    return connectTimeout;
  }

  public Duration readTimeout() {
    return readTimeout;
  }

  public String userAgent() {
    return userAgent;
  }

  public int perHostConcurrency() {
    return perHostConcurrency;
  }

  public int maxConcurrency() {
    return maxConcurrency;
  }

  public Duration maxBackoff() {
    return maxBackoff;
  }

  public int recentIds() {
    return recentIds;
  }

  public Set<String> allowedSchemes() {
    return allowedSchemes;
  }

  public String transactionalId() {
    return transactionalId;
  }

  /**
   * True when a redirect from a public address may lead to a loopback, link-local, private or unspecified address
   * (see {@code fetch/RedirectGuard}); false by default.
   */
  public boolean allowPrivateRedirects() {
    return allowPrivateRedirects;
  }

  /** A builder holding this configuration's values, to derive a variant. */
  public Builder toBuilder() {
    return new Builder().bootstrapServers(bootstrapServers).replicationFactor(replicationFactor).feedsFile(feedsFile)
        .pollInterval(pollInterval).maxBodyBytes(maxBodyBytes).connectTimeout(connectTimeout).readTimeout(readTimeout)
        .userAgent(userAgent).perHostConcurrency(perHostConcurrency).maxConcurrency(maxConcurrency)
        .maxBackoff(maxBackoff).recentIds(recentIds).allowedSchemes(allowedSchemes).transactionalId(transactionalId)
        .allowPrivateRedirects(allowPrivateRedirects);
  }

  @Override
  public String toString() {
    return "IngestConfig{bootstrapServers=" + bootstrapServers + ", feedsFile=" + (feedsFile == null ? "<samples>" : feedsFile)
        + ", pollInterval=" + pollInterval + ", maxBodyBytes=" + maxBodyBytes + ", connectTimeout=" + connectTimeout
        + ", readTimeout=" + readTimeout + ", perHostConcurrency=" + perHostConcurrency + ", maxConcurrency="
        + maxConcurrency + ", allowedSchemes=" + allowedSchemes + ", allowPrivateRedirects=" + allowPrivateRedirects + "}";
  }

  /** Builder with the documented defaults. */
  public static final class Builder {
    private String bootstrapServers;
    private int replicationFactor = 3;
    private Path feedsFile;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(30);
    private String userAgent = DEFAULT_USER_AGENT;
    private int perHostConcurrency = 2;
    private int maxConcurrency = 16;
    private Duration maxBackoff = Duration.ofHours(6);
    private int recentIds = 500;
    private Set<String> allowedSchemes = Set.of("http", "https");
    private String transactionalId = "news-signals-ingest";
    private boolean allowPrivateRedirects;

    private Builder() {}

    public Builder bootstrapServers(String v) {
      this.bootstrapServers = v;
      return this;
    }

    public Builder replicationFactor(int v) {
      this.replicationFactor = v;
      return this;
    }

    /** {@code null} means the bundled sample feeds. */
    public Builder feedsFile(Path v) {
      this.feedsFile = v;
      return this;
    }

    public Builder pollInterval(Duration v) {
      this.pollInterval = v;
      return this;
    }

    public Builder maxBodyBytes(long v) {
      this.maxBodyBytes = v;
      return this;
    }

    public Builder connectTimeout(Duration v) {
      this.connectTimeout = v;
      return this;
    }

    public Builder readTimeout(Duration v) {
      this.readTimeout = v;
      return this;
    }

    public Builder userAgent(String v) {
      this.userAgent = v;
      return this;
    }

    public Builder perHostConcurrency(int v) {
      this.perHostConcurrency = v;
      return this;
    }

    public Builder maxConcurrency(int v) {
      this.maxConcurrency = v;
      return this;
    }

    public Builder maxBackoff(Duration v) {
      this.maxBackoff = v;
      return this;
    }

    public Builder recentIds(int v) {
      this.recentIds = v;
      return this;
    }

    public Builder allowedSchemes(Set<String> v) {
      this.allowedSchemes = Set.copyOf(Objects.requireNonNull(v, "allowedSchemes"));
      return this;
    }

    public Builder transactionalId(String v) {
      this.transactionalId = v;
      return this;
    }

    public Builder allowPrivateRedirects(boolean v) {
      this.allowPrivateRedirects = v;
      return this;
    }

    /** Validates and builds; a bad value fails with a message naming its key. */
    public IngestConfig build() {
      return new IngestConfig(this);
    }
  }
}
