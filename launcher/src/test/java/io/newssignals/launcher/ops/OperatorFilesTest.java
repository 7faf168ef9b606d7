package io.newssignals.launcher.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.newssignals.ops.OpsMetrics;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The files operators use beside the code stay true to it: the Prometheus alert rules name only series the
 * services serve, and every service of docker-compose.yml has a healthcheck on its /health/ready and serves HTTP
 * on every interface of its container.
 */
class OperatorFilesTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern SERIES = Pattern.compile("\\bnewssignals_[a-z_]+");

  /** The Prometheus names of the meters of {@link OpsMetrics} (counters get _total, histograms _bucket...). */
  private static Set<String> servedSeries() throws IllegalAccessException {
    Set<String> out = new HashSet<>();
    for (Field f : OpsMetrics.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        String base = ((String) f.get(null)).replace('.', '_');
        for (String suffix : List.of("", "_total", "_seconds", "_records", "_seconds_bucket", "_seconds_count",
            "_seconds_sum", "_seconds_max")) {
          out.add(base + suffix);
        }
      }
    }
    return out;
  }

  @Test
  void shouldNameOnlyServedSeriesInTheAlertRules() throws Exception {
    String rules = Files.readString(ROOT.resolve("docs/prometheus/newssignals-alerts.yml"));
    JsonNode parsed = YAML.readTree(rules);
    assertThat(parsed.at("/groups/0/rules")).hasSizeGreaterThanOrEqualTo(5);
    Set<String> named = new TreeSet<>();
    Matcher m = SERIES.matcher(rules);
    while (m.find()) {
      named.add(m.group());
    }
    assertThat(named).isNotEmpty();
    assertThat(servedSeries()).containsAll(named);
    parsed.at("/groups/0/rules").forEach(r -> assertThat(r.get("expr").asText()).as(r.get("alert").asText())
        .isNotBlank());
  }

  @Test
  void shouldCheckEveryServiceOnItsReadinessEndpoint() throws IOException {
    JsonNode services = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile()).get("services");
    int checked = 0;
    for (var it = services.fields(); it.hasNext(); ) {
      var e = it.next();
      if (!e.getValue().has("build")) {
        continue;
      }
      JsonNode s = e.getValue();
      String port = s.at("/environment/PIPELINE_HTTP_PORT").asText();
      assertThat(s.at("/environment/PIPELINE_HTTP_HOST").asText()).as(e.getKey()).isEqualTo("0.0.0.0");
      assertThat(s.at("/healthcheck/test").toString()).as("healthcheck of %s", e.getKey())
          .contains("http://127.0.0.1:" + port + "/health/ready");
      checked++;
    }
    assertThat(checked).isEqualTo(3);
  }
}
