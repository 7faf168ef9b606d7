package io.newssignals.config;

import java.util.List;
import java.util.Map;

/**
 * Settings of the operations surface shared by every command: where the status/health HTTP endpoint
 * listens.
 */
public final class OpsSettings {
  /** Port of the status/health HTTP endpoint; 0 picks a free port. */
  public static final Setting<Integer> HTTP_PORT = Setting.integer("PIPELINE_HTTP_PORT", 8080, 0, 65_535,
      "Port of the status and health HTTP endpoint (0 picks a free port).");
  /** Address the status/health HTTP endpoint binds to. */
  public static final Setting<String> HTTP_HOST = Setting.text("PIPELINE_HTTP_HOST", "127.0.0.1",
      v -> !v.isBlank() && !v.contains(" "), "a host name or IP address",
      "Address the status and health HTTP endpoint binds to (0.0.0.0 for every interface).");

  /** All of them. */
  public static final Settings SETTINGS = new Settings("Operations", List.of(HTTP_PORT, HTTP_HOST));

  private OpsSettings() {}

  public static int httpPort(Map<String, String> env) {
    return HTTP_PORT.get(env);
  }

  public static String httpHost(Map<String, String> env) {
    return HTTP_HOST.get(env);
  }

  /** Effective values for the status page. */
  public static List<EffectiveSetting> effective(Map<String, String> env) {
    return SETTINGS.effective(env);
  }
}
