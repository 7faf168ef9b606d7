package io.newssignals.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newssignals.config.Setting;
import io.newssignals.config.Settings;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class OpsOptionsTest {
  private static final Setting<Integer> THREADS = Setting.integer("TEST_THREADS", 1, 1, 64, "Stream threads.");
  private static final Setting<String> SECRET = Setting.text("TEST_WEBHOOK_SECRET", "changeme", "Signing secret.")
      .secret();
  private static final Settings SERVICE = new Settings("service", List.of(THREADS, SECRET));

  @Test
  void shouldShowEachDeclaredSettingOnceAsInEffectWithSecretsMasked() throws Exception {
    OpsOptions options = new OpsOptions();
    new CommandLine(options).parseArgs("--http-port", "0");
    Map<String, String> env = Map.of("TEST_THREADS", "4", "TEST_WEBHOOK_SECRET", "s3cret");
    OpsServer server = options.startServer("test", env, SERVICE::effective, SERVICE::effective);
    try {
      HttpResponse<String> status = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(server.uri().resolve("/api/status")).build(), HttpResponse.BodyHandlers.ofString());
      JsonNode config = new ObjectMapper().readTree(status.body()).get("config");
      List<String> names = new ArrayList<>();
      config.forEach(c -> names.add(c.get("name").asText()));
      assertThat(names).contains("PIPELINE_HTTP_PORT", "TEST_THREADS", "TEST_WEBHOOK_SECRET").doesNotHaveDuplicates();
      JsonNode threads = find(config, "TEST_THREADS");
      assertThat(threads.get("value").asText()).isEqualTo("4");
      assertThat(threads.get("set").asBoolean()).isTrue();
      assertThat(find(config, "PIPELINE_HTTP_PORT").get("value").asText()).as("the flag wins").isEqualTo("0");
      assertThat(status.body()).doesNotContain("s3cret").doesNotContain("changeme");
    } finally {
      server.close();
    }
  }

  private static JsonNode find(JsonNode config, String name) {
    for (JsonNode c : config) {
      if (c.get("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no setting " + name + " in " + config);
  }
}
