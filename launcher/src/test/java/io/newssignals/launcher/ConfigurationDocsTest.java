package io.newssignals.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.alerts.AlertsConfig;
import io.newssignals.config.OpsSettings;
import io.newssignals.config.Settings;
import io.newssignals.enrich.EnrichConfig;
import io.newssignals.ingest.FeedsConfig;
import io.newssignals.ingest.IngestConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The configuration tables of README.md and docs/ are generated from the declarations: each
 * {@code <!-- settings:ID -->} ... {@code <!-- /settings -->} block must be exactly {@link Settings#markdownTable()}
 * of its group, every group has its block, and no doc names a variable nothing declares. After changing a
 * declaration, regenerate the blocks with
 * {@code mvn -pl launcher surefire:test -Dtest=ConfigurationDocsTest -Dsettings.docs.update=true}.
 */
class ConfigurationDocsTest {
  /** Every generated table, by the id of its block. */
  static final Map<String, Settings> TABLES = tables();
  /** Read by the {@code bin/pipeline} script itself, not by Java. */
  private static final Set<String> SCRIPT_ENVIRONMENT = Set.of("PIPELINE_SKIP_BUILD");
  private static final Pattern BLOCK =
      Pattern.compile("(<!-- settings:([a-z-]+) -->\\n)(.*?)(<!-- /settings -->)", Pattern.DOTALL);
  private static final Pattern VARIABLE = Pattern.compile("\\b(?:INGEST|ENRICH|ALERTS|PIPELINE|KAFKA)_[A-Z0-9_]+\\b");

  private static Map<String, Settings> tables() {
    Map<String, Settings> m = new LinkedHashMap<>();
    m.put("ops", OpsSettings.SETTINGS);
    m.put("ingest", IngestConfig.SETTINGS);
    m.put("feeds", FeedsConfig.ENTRY_SETTINGS);
    m.put("enrich", EnrichConfig.SETTINGS);
    m.put("alerts", AlertsConfig.SETTINGS);
    return m;
  }

  @Test
  void shouldEmbedEveryGeneratedTableVerbatim() throws IOException {
    boolean update = Boolean.getBoolean("settings.docs.update");
    List<String> found = new ArrayList<>();
    for (Path doc : docs()) {
      String text = Files.readString(doc);
      Matcher m = BLOCK.matcher(text);
      StringBuilder rewritten = new StringBuilder();
      while (m.find()) {
        String id = m.group(2);
        found.add(id);
        assertThat(TABLES).as("%s: no settings group '%s'", doc, id).containsKey(id);
        String expected = TABLES.get(id).markdownTable();
        if (!update) {
          assertThat(m.group(3)).as("%s: table '%s' differs from the declarations (regenerate with "
              + "-Dsettings.docs.update=true)", doc, id).isEqualTo(expected);
        }
        m.appendReplacement(rewritten, Matcher.quoteReplacement(m.group(1) + expected + m.group(4)));
      }
      m.appendTail(rewritten);
      if (update && !rewritten.toString().equals(text)) {
        Files.writeString(doc, rewritten.toString());
      }
    }
    assertThat(found).as("settings tables in the docs").containsExactlyInAnyOrderElementsOf(TABLES.keySet());
  }

  @Test
  void shouldNameOnlyDeclaredVariables() throws IOException {
    Set<String> declared = new HashSet<>(SCRIPT_ENVIRONMENT);
    TABLES.values().forEach(g -> declared.addAll(g.envNames()));
    Set<String> undeclared = new TreeSet<>();
    for (Path doc : docs()) {
      Matcher m = VARIABLE.matcher(Files.readString(doc));
      while (m.find()) {
        if (!declared.contains(m.group())) {
          undeclared.add(doc.getFileName() + ": " + m.group());
        }
      }
    }
    assertThat(undeclared).as("variables named in the docs that no setting declares").isEmpty();
  }

  @Test
  void shouldKeepTheScriptsOwnVariablesInTheScript() throws IOException {
    String script = Files.readString(root().resolve("bin/pipeline"));
    assertThat(SCRIPT_ENVIRONMENT).allSatisfy(v -> assertThat(script).contains(v));
  }

  @Test
  void shouldCatchATableThatDriftedFromItsDeclarations() {
    // the check above is only worth something if an edited default or a missing row changes the table
    String table = IngestConfig.SETTINGS.markdownTable();
    assertThat(table).contains("| `INGEST_POLL_INTERVAL` | `15m` | a duration between 1s and 7d |");
    assertThat(table.replace("`15m`", "`10m`")).isNotEqualTo(table);
    assertThat(table.lines().filter(l -> l.startsWith("| `"))).hasSize(IngestConfig.SETTINGS.all().size());
  }

  private static List<Path> docs() throws IOException {
    Path root = root();
    List<Path> docs = new ArrayList<>();
    docs.add(root.resolve("README.md"));
    try (Stream<Path> s = Files.list(root.resolve("docs"))) {
      s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  private static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("docker-compose.yml")) && Files.isDirectory(dir.resolve("docs"))) {
        return dir;
      }
    }
    throw new IllegalStateException("repository root not found above " + Path.of("").toAbsolutePath());
  }
}
