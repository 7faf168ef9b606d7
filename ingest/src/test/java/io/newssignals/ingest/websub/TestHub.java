package io.newssignals.ingest.websub;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A WebSub hub on loopback for tests: records every subscription request, answers it 202, then verifies the intent
 * on the callback (echoed challenge expected) or, when {@link #deny} is set, tells the callback it is denied.
 */
public final class TestHub implements AutoCloseable {
  /** A request a subscriber made. */
  public record Request(String mode, String topic, String callback, String secret) {}

  /** A verification the hub made and how the callback answered it. */
  public record Verification(String mode, String callback, int status, boolean challengeEchoed) {}

  public final List<Request> requests = new CopyOnWriteArrayList<>();
  public final List<Verification> verifications = new CopyOnWriteArrayList<>();
  /** Deny every subscription ({@code hub.mode=denied}) instead of verifying it. */
  public volatile boolean deny;
  private final HttpServer server;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public TestHub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hub", ex -> {
      Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      Request r = new Request(form.get("hub.mode"), form.get("hub.topic"), form.get("hub.callback"),
          form.get("hub.secret"));
      requests.add(r);
      ex.sendResponseHeaders(202, -1);
      ex.close();
      new Thread(() -> verify(r), "test-hub-verify").start(); // after the 202, as hubs do
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hub";
  }

  private void verify(Request r) {
    String challenge = UUID.randomUUID().toString();
    String mode = deny ? "denied" : r.mode();
    String query = "?hub.mode=" + mode + "&hub.topic=" + enc(r.topic())
        + (deny ? "&hub.reason=" + enc("not allowed (test)")
            : "&hub.challenge=" + challenge + "&hub.lease_seconds=3600");
    try {
      HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(r.callback() + query)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      verifications.add(new Verification(mode, r.callback(), answer.statusCode(), answer.body().equals(challenge)));
    } catch (IOException | InterruptedException e) {
      verifications.add(new Verification(mode, r.callback(), -1, false));
    }
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
          kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return out;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
