package io.newssignals.launcher.bench;

import com.sun.net.httpserver.HttpServer;
import io.newssignals.ingest.websub.WebSubSignature;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal WebSub hub on loopback for the push benchmark, doing what a hub does for one subscriber: it takes a
 * subscription request (answered 202), verifies the intent on the callback with a challenge, and distributes
 * published content to the verified callbacks of a topic, signed {@code X-Hub-Signature: sha256=...} with each
 * subscription's secret.
 */
final class LoopbackHub implements AutoCloseable {
  private record Subscription(String topic, String callback, String secret) {}

  private final HttpServer server;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, Subscription> verified = new ConcurrentHashMap<>();
  private final long leaseSeconds;

  LoopbackHub(Duration lease) throws IOException {
    this.leaseSeconds = lease.toSeconds();
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/hub", ex -> {
      Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      ex.sendResponseHeaders(202, -1);
      ex.close();
      Subscription s = new Subscription(form.get("hub.topic"), form.get("hub.callback"), form.get("hub.secret"));
      String mode = form.getOrDefault("hub.mode", "");
      Thread t = new Thread(() -> verify(mode, s), "loopback-hub-verify"); // after the 202, as hubs do
      t.setDaemon(true);
      t.start();
    });
    server.start();
  }

  /** The hub's URL, for the feed's {@code <link rel="hub">}. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hub";
  }

  /** Verified subscribers of {@code topic}. */
  int subscribers(String topic) {
    return (int) verified.values().stream().filter(s -> s.topic().equals(topic)).count();
  }

  private void verify(String mode, Subscription s) {
    String challenge = UUID.randomUUID().toString();
    URI uri = URI.create(s.callback() + "?hub.mode=" + enc(mode) + "&hub.topic=" + enc(s.topic())
        + "&hub.challenge=" + challenge + "&hub.lease_seconds=" + leaseSeconds);
    try {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 == 2 && r.body().equals(challenge)) {
        if (mode.equals("subscribe")) {
          verified.put(s.callback(), s);
        } else {
          verified.remove(s.callback());
        }
      }
    } catch (IOException e) {
      // not verified: the subscriber asks again
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Distributes {@code content} to every verified subscriber of {@code topic}, one signed POST each, and returns
   * their HTTP statuses.
   */
  List<Integer> publish(String topic, byte[] content, String contentType) throws IOException, InterruptedException {
    List<Integer> statuses = new ArrayList<>();
    for (Subscription s : verified.values()) {
      if (!s.topic().equals(topic)) {
        continue;
      }
      HttpRequest push = HttpRequest.newBuilder(URI.create(s.callback()))
          .header("Content-Type", contentType)
          .header("X-Hub-Signature", WebSubSignature.sign(s.secret(), content))
          .POST(HttpRequest.BodyPublishers.ofByteArray(content))
          .build();
      statuses.add(client.send(push, HttpResponse.BodyHandlers.discarding()).statusCode());
    }
    return statuses;
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
