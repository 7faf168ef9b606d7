package io.newssignals.launcher;

import io.newssignals.alerts.AlertsConfig;
import io.newssignals.config.OpsSettings;
import io.newssignals.config.Settings;
import io.newssignals.enrich.EnrichConfig;
import io.newssignals.ingest.FeedsConfig;
import io.newssignals.ingest.IngestConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The environment settings of each service command, as declared: the footer of {@code ingest --help},
 * {@code enrich --help} and {@code alerts --help} is generated from them, so it cannot drift from what is read.
 */
public final class SettingsHelp {
  /** The declared settings of each service command, in the order the help lists them. */
  public static final Map<String, List<Settings>> BY_COMMAND = byCommand();

  private SettingsHelp() {}

  private static Map<String, List<Settings>> byCommand() {
    Map<String, List<Settings>> m = new LinkedHashMap<>();
    m.put("ingest", List.of(IngestConfig.SETTINGS, FeedsConfig.ENTRY_SETTINGS, OpsSettings.SETTINGS));
    m.put("enrich", List.of(EnrichConfig.SETTINGS, OpsSettings.SETTINGS));
    m.put("alerts", List.of(AlertsConfig.SETTINGS, OpsSettings.SETTINGS));
    return m;
  }

  /** Sets the footer of every service command of {@code pipeline} to its settings. */
  public static void addFooters(CommandLine pipeline) {
    BY_COMMAND.forEach((name, groups) -> {
      CommandLine command = pipeline.getSubcommands().get(name);
      if (command != null) {
        command.getCommandSpec().usageMessage().footer(footer(groups));
      }
    });
  }

  /** The footer lines of one command: each group under a heading, flags winning over the environment. */
  static String[] footer(List<Settings> groups) {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("Environment settings (a flag wins over its variable; bad values stop start-up):");
    for (Settings g : groups) {
      for (String line : g.helpLines()) {
        // picocli formats usage sections: a literal % must be doubled
        lines.add(line.replace("%", "%%"));
      }
    }
    return lines.toArray(String[]::new);
  }
}
