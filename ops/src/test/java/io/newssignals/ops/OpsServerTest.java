package io.newssignals.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OpsServerTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();
  private OpsServer server;

  @BeforeEach
  void start() {
    server = OpsServer.start("test", "127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(HttpRequest.newBuilder(server.uri().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldReportReadinessAndNameWhatIsNotReady() throws Exception {
    AtomicBoolean brokerUp = new AtomicBoolean(false);
    server.addCheck(OpsServer.Check.of("broker", () -> brokerUp.get() ? Optional.empty()
        : Optional.of("broker 127.0.0.1:1 unreachable")));
    server.addCheck(OpsServer.Check.of("enrich", Optional::empty));

    assertThat(get("/health/live").statusCode()).isEqualTo(200);
    HttpResponse<String> notReady = get("/health/ready");
    assertThat(notReady.statusCode()).isEqualTo(503);
    JsonNode body = JSON.readTree(notReady.body());
    assertThat(body.get("status").asText()).isEqualTo("NOT_READY");
    assertThat(body.get("notReady").get("broker").asText()).isEqualTo("broker 127.0.0.1:1 unreachable");
    assertThat(body.get("notReady").has("enrich")).isFalse();

    brokerUp.set(true);
    HttpResponse<String> ready = get("/health/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(ready.body()).get("status").asText()).isEqualTo("READY");
  }

  @Test
  void shouldServeTheRegistryInThePrometheusTextFormat() throws Exception {
    OpsMetrics.counter(OpsMetrics.ALERTS, "kind", "OPS_SERVER_TEST").increment(3);
    HttpResponse<String> r = get("/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(r.body()).contains("newssignals_alerts_total{kind=\"OPS_SERVER_TEST\"} 3.0", "jvm_memory_used_bytes");
  }

  @Test
  void shouldCollectSectionsAndReportAFailingSectionInItsPlace() throws Exception {
    server.section("feeds", () -> List.of(Map.of("name", "Wire Desk")));
    server.section("broken", () -> {
      throw new IllegalStateException("no data yet");
    });
    JsonNode s = JSON.readTree(get("/api/status").body());
    assertThat(s.get("process").asText()).isEqualTo("test");
    assertThat(s.get("feeds").get(0).get("name").asText()).isEqualTo("Wire Desk");
    assertThat(s.get("broken").get("error").asText()).isEqualTo("no data yet");
    assertThat(s.get("throughput").has("alerts")).isTrue();
  }

  @Test
  void shouldServeThePageAndItsAssetsAndNothingElse() throws Exception {
    HttpResponse<String> page = get("/");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<script src=\"/assets/app.js\"></script>");
    assertThat(get("/assets/app.js").headers().firstValue("Content-Type").orElse("")).startsWith("text/javascript");
    assertThat(get("/assets/../../../../etc/passwd").statusCode()).isEqualTo(404);
    assertThat(get("/assets/nothing.js").statusCode()).isEqualTo(404);
    assertThat(get("/nothing").statusCode()).isEqualTo(404);
    HttpResponse<String> post = CLIENT.send(HttpRequest.newBuilder(server.uri().resolve("/health/ready"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }

  @Test
  void shouldNameTheAddressWhenThePortIsTaken() {
    int taken = server.port();
    try {
      OpsServer.start("test", "127.0.0.1", taken).close();
      throw new AssertionError("bound a port already in use");
    } catch (IllegalArgumentException e) {
      assertThat(e.getMessage()).contains("127.0.0.1:" + taken, "--http-port");
    }
    assertThat(URI.create(server.uri().toString()).getPort()).isEqualTo(taken);
  }
}
