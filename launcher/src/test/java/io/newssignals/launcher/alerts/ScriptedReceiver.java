package io.newssignals.launcher.alerts;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook subscriber on loopback that records every request and answers with a scripted status: the script maps
 * the attempt number of a webhook-id (1, 2, ...) to the HTTP status to return (0 = never answer). Signatures are
 * checked here with an implementation independent of the service's (plain JCA over the spec's "id.timestamp.body").
 */
final class ScriptedReceiver implements AutoCloseable {
  /** One request as it arrived. */
  record Request(String webhookId, String timestamp, String signature, byte[] body, long arrivedNanos,
      boolean signatureValid) {
    String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final IntUnaryOperator script;
  private final byte[] key;

  ScriptedReceiver(String secret, IntUnaryOperator script) {
    this.script = script;
    this.key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  private void handle(HttpExchange exchange) throws IOException {
    long now = System.nanoTime();
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String id = exchange.getRequestHeaders().getFirst("webhook-id");
    String ts = exchange.getRequestHeaders().getFirst("webhook-timestamp");
    String sig = exchange.getRequestHeaders().getFirst("webhook-signature");
    requests.add(new Request(id, ts, sig, body, now, valid(id, ts, sig, body)));
    int attempt = attempts.computeIfAbsent(String.valueOf(id), k -> new AtomicInteger()).incrementAndGet();
    int status = script.applyAsInt(attempt);
    if (status == 0) {
      return; // never answer: the sender's timeout decides
    }
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private boolean valid(String id, String ts, String header, byte[] body) {
    if (id == null || ts == null || header == null) {
      return false;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] signed = (id + "." + ts + ".").getBytes(StandardCharsets.UTF_8);
      byte[] all = new byte[signed.length + body.length];
      System.arraycopy(signed, 0, all, 0, signed.length);
      System.arraycopy(body, 0, all, signed.length, body.length);
      String expected = Base64.getEncoder().encodeToString(mac.doFinal(all));
      for (String part : header.split(" ")) {
        String[] vs = part.split(",", 2);
        if (vs.length == 2 && vs[0].equals("v1") && vs[1].equals(expected)) {
          return true;
        }
      }
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
