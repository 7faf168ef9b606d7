package io.newssignals.ingest;

import io.newssignals.config.Durations;
import io.newssignals.config.EffectiveSetting;
import io.newssignals.config.Setting;
import io.newssignals.config.Settings;
import io.newssignals.ingest.fetch.RedirectGuard;
import io.newssignals.topics.KafkaConnection;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Typed configuration of the ingest service, validated once when built. Every setting is declared once below
 * ({@link Setting}: variable, type, default, valid range, doc), listed in {@link #SETTINGS}; the same
 * declarations validate the environment, check builder values, and generate {@code ingest --help} and the table
 * of docs/ingest.md. The commands' flags override the environment.
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
  public static final String MIN_POLL_INTERVAL_ENV = "INGEST_MIN_POLL_INTERVAL";
  public static final String PUBLIC_URL_ENV = "INGEST_PUBLIC_URL";
  public static final String WEBSUB_SAFETY_INTERVAL_ENV = "INGEST_WEBSUB_SAFETY_INTERVAL";
  public static final String WEBSUB_LEASE_ENV = "INGEST_WEBSUB_LEASE";

  private static final Set<String> KNOWN_SCHEMES = Set.of("http", "https", "file");

  public static final Setting<String> FEEDS_FILE = Setting.text(FEEDS_FILE_ENV, null,
      "YAML or JSON feeds file (--feeds wins), reloaded on change or SIGHUP.").defaultShownAs("bundled samples");
  public static final Setting<Duration> POLL_INTERVAL = Setting.duration(POLL_INTERVAL_ENV, "15m",
      Duration.ofSeconds(1), Duration.ofDays(7), "Poll interval of the feeds that set no 'interval' of their own.");
  public static final Setting<Long> MAX_BODY_BYTES = Setting.longInteger(MAX_BODY_BYTES_ENV, 10L * 1024 * 1024,
      1024, 1024L * 1024 * 1024,
      "Largest feed body accepted in bytes, enforced while streaming and again after gzip/deflate.");
  public static final Setting<Duration> CONNECT_TIMEOUT = Setting.duration(CONNECT_TIMEOUT_ENV, "10s",
      Duration.ofMillis(100), Duration.ofMinutes(5), "TCP/TLS connect timeout.");
  public static final Setting<Duration> READ_TIMEOUT = Setting.duration(READ_TIMEOUT_ENV, "30s",
      Duration.ofMillis(100), Duration.ofMinutes(10),
      "Time allowed for a whole response, headers and body, so a trickling server cannot hold a worker.");
  public static final Setting<String> USER_AGENT = Setting.text(USER_AGENT_ENV,
      "news-signals-ingest/0.1 (+https://github.com/news-signals)", v -> !v.isBlank(), "non-blank text",
      "User-Agent header of every request.");
  public static final Setting<Integer> PER_HOST_CONCURRENCY = Setting.integer(PER_HOST_CONCURRENCY_ENV, 2, 1, 64,
      "Simultaneous requests to one host.");
  public static final Setting<Integer> MAX_CONCURRENCY = Setting.integer(MAX_CONCURRENCY_ENV, 16, 1, 1024,
      "Simultaneous fetches overall (worker threads).");
  public static final Setting<Duration> MAX_BACKOFF = Setting.duration(MAX_BACKOFF_ENV, "6h",
      Duration.ofSeconds(1), Duration.ofDays(7),
      "Longest wait after repeated failures (a failing feed is never given up).");
  public static final Setting<Integer> RECENT_IDS = Setting.integer(RECENT_IDS_ENV, 500, 1, 1_000_000,
      "Article ids remembered per feed (never fewer than twice the items of its last fetch, never more than fit "
          + "the 768 KiB budget).");
  public static final Setting<Set<String>> ALLOWED_SCHEMES = Setting.of(ALLOWED_SCHEMES_ENV, "list",
      IngestConfig::schemes, "http,https", v -> !v.isEmpty() && KNOWN_SCHEMES.containsAll(v),
      "a comma-separated list of http, https, file",
      "URL schemes feeds may use; add file to poll local files.");
  public static final Setting<Boolean> ALLOW_PRIVATE_REDIRECTS = Setting.bool(ALLOW_PRIVATE_REDIRECTS_ENV, false,
      "true lets a redirect from a public address lead to a loopback, link-local, private or unspecified one "
          + "(configured feed URLs are always trusted).");
  public static final Setting<String> TRANSACTIONAL_ID = Setting.text(TRANSACTIONAL_ID_ENV, "news-signals-ingest",
      v -> !v.isBlank(), "non-blank text",
      "Kafka transactional id; give each ingest instance its own (a second one with the same id fences the first).");

  public static final Setting<Duration> MIN_POLL_INTERVAL = Setting.duration(MIN_POLL_INTERVAL_ENV, "5m",
      Duration.ofSeconds(1), Duration.ofDays(7),
      "Shortest interval adaptive polling may choose for a feed that publishes often (its 'interval' is the longest).");
  public static final Setting<String> PUBLIC_URL = Setting.text(PUBLIC_URL_ENV, null, IngestConfig::isHttpUrl,
      "an http or https URL", "Base URL at which WebSub hubs reach this service's HTTP port (callbacks under "
          + "/websub/); unset: WebSub is off and feeds are only polled.").defaultShownAs("unset (WebSub off)");
  public static final Setting<Duration> WEBSUB_SAFETY_INTERVAL = Setting.duration(WEBSUB_SAFETY_INTERVAL_ENV, "1h",
      Duration.ofSeconds(1), Duration.ofDays(7),
      "Poll interval of a feed its WebSub hub pushes, so that a hub outage loses nothing.");
  public static final Setting<Duration> WEBSUB_LEASE = Setting.duration(WEBSUB_LEASE_ENV, "10d",
      Duration.ofMinutes(1), Duration.ofDays(365),
      "Lease asked of WebSub hubs (hub.lease_seconds); renewed before it ends, whatever the hub grants.");

  /** Every setting of the ingest service, the shared Kafka ones first. */
  public static final Settings SETTINGS = KafkaConnection.SETTINGS.with("ingest", new Settings("ingest", List.of(
      FEEDS_FILE, POLL_INTERVAL, MAX_BODY_BYTES, CONNECT_TIMEOUT, READ_TIMEOUT, USER_AGENT, PER_HOST_CONCURRENCY,
      MAX_CONCURRENCY, MAX_BACKOFF, RECENT_IDS, ALLOWED_SCHEMES, ALLOW_PRIVATE_REDIRECTS, TRANSACTIONAL_ID,
      MIN_POLL_INTERVAL, PUBLIC_URL, WEBSUB_SAFETY_INTERVAL, WEBSUB_LEASE)));

  /** Every environment variable this service reads. */
  public static final Set<String> ENVIRONMENT = Set.copyOf(SETTINGS.envNames());

  public static final Duration DEFAULT_POLL_INTERVAL = POLL_INTERVAL.defaultValue();
  public static final long DEFAULT_MAX_BODY_BYTES = MAX_BODY_BYTES.defaultValue();
  public static final String DEFAULT_USER_AGENT = USER_AGENT.defaultValue();

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
  private final Duration minPollInterval;
  private final String publicUrl;
  private final Duration websubSafetyInterval;
  private final Duration websubLease;
  private final RedirectGuard.Resolver redirectResolver;

  private IngestConfig(Builder b) {
    this.bootstrapServers = b.bootstrapServers == null || b.bootstrapServers.isBlank() ? null : b.bootstrapServers.trim();
    this.replicationFactor = KafkaConnection.REPLICATION.check(b.replicationFactor);
    this.feedsFile = b.feedsFile;
    this.pollInterval = POLL_INTERVAL.check(b.pollInterval);
    this.maxBodyBytes = MAX_BODY_BYTES.check(b.maxBodyBytes);
    this.connectTimeout = CONNECT_TIMEOUT.check(b.connectTimeout);
    this.readTimeout = READ_TIMEOUT.check(b.readTimeout);
    this.userAgent = USER_AGENT.check(b.userAgent == null ? "" : b.userAgent.trim());
    this.perHostConcurrency = PER_HOST_CONCURRENCY.check(b.perHostConcurrency);
    this.maxConcurrency = MAX_CONCURRENCY.check(b.maxConcurrency);
    this.maxBackoff = MAX_BACKOFF.check(b.maxBackoff);
    this.recentIds = RECENT_IDS.check(b.recentIds);
    this.allowedSchemes = Set.copyOf(ALLOWED_SCHEMES.check(schemes(String.join(",", b.allowedSchemes))));
    this.transactionalId = TRANSACTIONAL_ID.check(b.transactionalId == null ? "" : b.transactionalId.trim());
    this.allowPrivateRedirects = b.allowPrivateRedirects;
    this.minPollInterval = MIN_POLL_INTERVAL.check(b.minPollInterval);
    this.publicUrl = b.publicUrl == null || b.publicUrl.isBlank() ? null : PUBLIC_URL.check(b.publicUrl.trim());
    this.websubSafetyInterval = WEBSUB_SAFETY_INTERVAL.check(b.websubSafetyInterval);
    this.websubLease = WEBSUB_LEASE.check(b.websubLease);
    this.redirectResolver = b.redirectResolver;
  }

  private static boolean isHttpUrl(String v) {
    try {
      java.net.URI u = java.net.URI.create(v.trim());
      return ("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme())) && u.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Effective values of every ingest setting for {@code env}, for the status page (secrets masked). */
  public static List<EffectiveSetting> effective(Map<String, String> env) {
    return SETTINGS.effective(env);
  }

  private static Set<String> schemes(String list) {
    Set<String> out = new LinkedHashSet<>();
    for (String s : list.split(",")) {
      if (!s.isBlank()) {
        out.add(s.trim().toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder pre-filled from environment variables; every bad value fails here, all of them in one message, each
   * naming its variable and the accepted range.
   */
  public static Builder fromEnvironment(Map<String, String> env) {
    SETTINGS.validate(env);
    Builder b = new Builder();
    KafkaConnection.bootstrapServers(null, env).ifPresent(b::bootstrapServers);
    b.replicationFactor(KafkaConnection.replicationFactor(env));
    String feeds = FEEDS_FILE.getOrNull(env);
    if (feeds != null) {
      b.feedsFile(Path.of(feeds));
    }
    return b.pollInterval(POLL_INTERVAL.get(env))
        .maxBodyBytes(MAX_BODY_BYTES.get(env))
        .connectTimeout(CONNECT_TIMEOUT.get(env))
        .readTimeout(READ_TIMEOUT.get(env))
        .userAgent(USER_AGENT.get(env))
        .perHostConcurrency(PER_HOST_CONCURRENCY.get(env))
        .maxConcurrency(MAX_CONCURRENCY.get(env))
        .maxBackoff(MAX_BACKOFF.get(env))
        .recentIds(RECENT_IDS.get(env))
        .allowedSchemes(ALLOWED_SCHEMES.get(env))
        .transactionalId(TRANSACTIONAL_ID.get(env))
        .allowPrivateRedirects(ALLOW_PRIVATE_REDIRECTS.get(env))
        .minPollInterval(MIN_POLL_INTERVAL.get(env))
        .publicUrl(PUBLIC_URL.getOrNull(env))
        .websubSafetyInterval(WEBSUB_SAFETY_INTERVAL.get(env))
        .websubLease(WEBSUB_LEASE.get(env));
  }

  /** A duration setting, read as every service reads them ({@link Durations}). */
  public static Duration parseDuration(String key, String value) {
    return Durations.parse(key, value);
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

  /** The shortest interval adaptive polling may choose. */
  public Duration minPollInterval() {
    return minPollInterval;
  }

  /** Where WebSub hubs reach this service's HTTP port; empty: WebSub is off. */
  public Optional<String> publicUrl() {
    return Optional.ofNullable(publicUrl);
  }

  /** Poll interval of a feed with an active WebSub subscription. */
  public Duration websubSafetyInterval() {
    return websubSafetyInterval;
  }

  /** Lease asked of WebSub hubs. */
  public Duration websubLease() {
    return websubLease;
  }

  /**
   * How the redirect guard resolves host names: the system resolver, except in tests that set
   * {@link Builder#redirectResolverForTests}. The HTTP client always uses the system resolver.
   */
  public RedirectGuard.Resolver redirectResolver() {
    return redirectResolver;
  }

  /** A builder holding this configuration's values, to derive a variant. */
  public Builder toBuilder() {
    return new Builder().bootstrapServers(bootstrapServers).replicationFactor(replicationFactor).feedsFile(feedsFile)
        .pollInterval(pollInterval).maxBodyBytes(maxBodyBytes).connectTimeout(connectTimeout).readTimeout(readTimeout)
        .userAgent(userAgent).perHostConcurrency(perHostConcurrency).maxConcurrency(maxConcurrency)
        .maxBackoff(maxBackoff).recentIds(recentIds).allowedSchemes(allowedSchemes).transactionalId(transactionalId)
        .allowPrivateRedirects(allowPrivateRedirects).minPollInterval(minPollInterval).publicUrl(publicUrl)
        .websubSafetyInterval(websubSafetyInterval).websubLease(websubLease)
        .redirectResolverForTests(redirectResolver);
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
    private int replicationFactor = KafkaConnection.REPLICATION.defaultValue();
    private Path feedsFile;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;
    private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    private Duration connectTimeout = CONNECT_TIMEOUT.defaultValue();
    private Duration readTimeout = READ_TIMEOUT.defaultValue();
    private String userAgent = DEFAULT_USER_AGENT;
    private int perHostConcurrency = PER_HOST_CONCURRENCY.defaultValue();
    private int maxConcurrency = MAX_CONCURRENCY.defaultValue();
    private Duration maxBackoff = MAX_BACKOFF.defaultValue();
    private int recentIds = RECENT_IDS.defaultValue();
    private Set<String> allowedSchemes = ALLOWED_SCHEMES.defaultValue();
    private String transactionalId = TRANSACTIONAL_ID.defaultValue();
    private boolean allowPrivateRedirects = ALLOW_PRIVATE_REDIRECTS.defaultValue();
    private Duration minPollInterval = MIN_POLL_INTERVAL.defaultValue();
    private String publicUrl;
    private Duration websubSafetyInterval = WEBSUB_SAFETY_INTERVAL.defaultValue();
    private Duration websubLease = WEBSUB_LEASE.defaultValue();
    private RedirectGuard.Resolver redirectResolver = InetAddress::getAllByName;

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

    public Builder minPollInterval(Duration v) {
      this.minPollInterval = v;
      return this;
    }

    /** {@code null}: WebSub off. */
    public Builder publicUrl(String v) {
      this.publicUrl = v;
      return this;
    }

    public Builder websubSafetyInterval(Duration v) {
      this.websubSafetyInterval = v;
      return this;
    }

    public Builder websubLease(Duration v) {
      this.websubLease = v;
      return this;
    }

    /**
     * For tests only, never set from the environment: the resolver the redirect guard judges hosts with (the
     * system resolver by default). Every test server is on loopback, so a test declares its origin public here
     * (e.g. {@code 127.0.0.1} resolving to {@code 93.184.216.34}) while the HTTP client still connects to loopback.
     */
    public Builder redirectResolverForTests(RedirectGuard.Resolver v) {
      this.redirectResolver = Objects.requireNonNull(v, "redirectResolver");
      return this;
    }

    /** Validates and builds; a bad value fails with a message naming its key. */
    public IngestConfig build() {
      return new IngestConfig(this);
    }
  }
}
