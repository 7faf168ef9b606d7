package io.newssignals.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.config.OpsSettings;
import io.newssignals.config.Setting;
import io.newssignals.config.Settings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SettingsHelpTest {
  @Test
  void shouldListEveryDeclaredSettingInTheHelpOfItsCommand() {
    CommandLine pipeline = Pipeline.commandLine();
    SettingsHelp.BY_COMMAND.forEach((name, groups) -> {
      // words only: the help wraps lines at 80 columns
      String help = pipeline.getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF)
          .replaceAll("\\s+", " ");
      assertThat(help).as("%s --help", name).contains("Environment settings");
      for (Settings group : groups) {
        for (Setting<?> s : group.all()) {
          assertThat(help).as("%s --help", name)
              .contains(" " + s.name() + " (" + s.accepted().replaceAll("\\s+", " ") + "; ")
              .contains(s.doc().replaceAll("\\s+", " "));
        }
      }
    });
  }

  @Test
  void shouldKeepEveryLineWithinTheUsageWidth() {
    // picocli would wrap a longer line flush left, losing the indentation that groups a setting with its doc
    for (String name : SettingsHelp.BY_COMMAND.keySet()) {
      String help = Pipeline.commandLine().getSubcommands().get(name).getUsageMessage(CommandLine.Help.Ansi.OFF);
      String footer = help.substring(help.indexOf("Environment settings"));
      assertThat(footer.lines()).as("%s --help", name).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80))
          .filteredOn(l -> !l.isBlank()).allSatisfy(l -> assertThat(l).matches("  .*|\\S.*:"));
    }
  }

  @Test
  void shouldShowTheDeclaredDefaultAndRange() {
    String help = Pipeline.commandLine().getSubcommands().get("alerts").getUsageMessage(CommandLine.Help.Ansi.OFF);
    assertThat(help)
        .contains("ALERTS_REORDER_MAX_HOLD  (a duration between 0s and 1h; default 10s)")
        .contains(OpsSettings.HTTP_PORT.name() + "  (an integer between 0 and 65535; default 8080)");
  }
}
