package io.newssignals.ops;

import io.newssignals.config.Durations;
import io.newssignals.config.EffectiveSetting;
import io.newssignals.config.OpsSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The operator-surface options every long-running command shares ({@code run}, {@code ingest}, {@code enrich},
 * {@code alerts}), as a picocli mixin. Flags win over the environment ({@code PIPELINE_HTTP_PORT},
 * {@code PIPELINE_HTTP_HOST}, declared in {@link OpsSettings}); both are validated by the declarations.
 */
public final class OpsOptions {
  @Option(names = "--http-port", paramLabel = "PORT",
      description = "Port of the status page, /health/* and /metrics (default: env PIPELINE_HTTP_PORT, else 8080;"
          + " 0 picks a free port).")
  String port;

  @Option(names = "--http-host", paramLabel = "HOST",
      description = "Address the HTTP server binds to (default: env PIPELINE_HTTP_HOST, else 127.0.0.1).")
  String host;

  @Option(names = "--exit-after-broker-outage", paramLabel = "DURATION",
      description = "Exit with status 3 once the Kafka broker has been unreachable this long (e.g. 5m), so that an"
          + " orchestrator restarts the service (default: wait for it forever).")
  String exitAfterOutage;

  /** The environment with the flags applied on top, validated by the declarations. */
  Map<String, String> effectiveEnv(Map<String, String> env) {
    Map<String, String> e = new HashMap<>(env);
    if (port != null) {
      e.put(OpsSettings.HTTP_PORT.env(), port);
    }
    if (host != null) {
      e.put(OpsSettings.HTTP_HOST.env(), host);
    }
    return e;
  }

  /** Whether a port was chosen explicitly (flag or environment), rather than defaulted. */
  public boolean portGiven(Map<String, String> env) {
    return port != null || env.containsKey(OpsSettings.HTTP_PORT.env());
  }

  /**
   * Starts the HTTP server of this process ({@code process}: what it runs, shown on the page). Its "config" section
   * lists the shared settings, then those of each declaration in {@code declared} (a service's
   * {@code effective(env)}), as they are in effect in {@code env}; secrets masked.
   */
  @SafeVarargs
  public final OpsServer startServer(String process, Map<String, String> env,
      Function<Map<String, String>, List<EffectiveSetting>>... declared) {
    Map<String, String> e = effectiveEnv(env);
    OpsServer server = OpsServer.start(process, OpsSettings.httpHost(e), OpsSettings.httpPort(e));
    Map<String, EffectiveSetting> settings = new LinkedHashMap<>();
    OpsSettings.effective(e).forEach(s -> settings.putIfAbsent(s.name(), s));
    for (Function<Map<String, String>, List<EffectiveSetting>> d : declared) {
      d.apply(e).forEach(s -> settings.putIfAbsent(s.name(), s)); // shared ones (the cluster) declared by each
    }
    List<EffectiveSetting> shown = List.copyOf(settings.values());
    server.section("config", () -> shown);
    return server;
  }

  /** {@code --exit-after-broker-outage}, when given. */
  public Optional<Duration> exitAfterOutage() {
    return exitAfterOutage == null ? Optional.empty()
        : Optional.of(Durations.parse("--exit-after-broker-outage", exitAfterOutage));
  }
}
