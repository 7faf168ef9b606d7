package io.newssignals.launcher.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A small HTTP client for the operator endpoints, shared by the tests of this package. */
final class OpsHttp {
  private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;

  OpsHttp(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  String base() {
    return base;
  }

  /** A free port on loopback (closed again: the process under test binds it). */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Status code and body, or status -1 when nothing answers. */
  record Response(int status, String body) {}

  Response get(String path) throws InterruptedException {
    try {
      HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create(base + path))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body());
    } catch (IOException e) {
      return new Response(-1, e.toString());
    }
  }

  JsonNode json(String path) throws InterruptedException, IOException {
    return JSON.readTree(get(path).body());
  }

  /** Waits until {@code path} answers {@code status}; returns the last response. */
  Response await(String path, int status, Duration timeout, Process process) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    Response r = get(path);
    while (r.status() != status && System.nanoTime() < deadline && (process == null || process.isAlive())) {
      Thread.sleep(250);
      r = get(path);
    }
    return r;
  }

  /** The sum of a Prometheus series over all its label sets, from a scrape. */
  static double sum(String scrape, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + "(\\{[^}]*\\})? ([0-9.eE+-]+|NaN)$")
        .matcher(scrape);
    double total = 0;
    while (m.find()) {
      if (!m.group(2).equals("NaN")) {
        total += Double.parseDouble(m.group(2));
      }
    }
    return total;
  }
}
