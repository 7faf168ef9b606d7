package io.newssignals.launcher.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A webhook subscriber on loopback that records every request it receives (webhook-id, alert id, arrival time).
 * A hanging receiver reads the request and never answers, until closed.
 */
final class WebhookReceiver implements AutoCloseable {
  /** One request as it arrived. */
  record Delivery(String webhookId, String alertId, String type, long arrivedNanos) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private final CountDownLatch released = new CountDownLatch(1);
  private final AtomicInteger hanging = new AtomicInteger();
  private final boolean hang;

  private WebhookReceiver(boolean hang) {
    this.hang = hang;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Answers 204 to every delivery. */
  static WebhookReceiver answering() {
    return new WebhookReceiver(false);
  }

  /** Accepts connections, reads requests, never answers. */
  static WebhookReceiver hanging() {
    return new WebhookReceiver(true);
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
  }

  List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** Requests currently held open by a hanging receiver. */
  int hangingRequests() {
    return hanging.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    long now = System.nanoTime();
    String alertId = null;
    String type = null;
    try {
      JsonNode n = JSON.readTree(body);
      type = n.path("type").asText(null);
      alertId = n.path("data").path("id").asText(null);
    } catch (IOException e) {
      // recorded with a null alert id: the test then fails on it
    }
    deliveries.add(new Delivery(exchange.getRequestHeaders().getFirst("webhook-id"), alertId, type, now));
    if (hang) {
      hanging.incrementAndGet();
      try {
        released.await(10, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        hanging.decrementAndGet();
      }
      exchange.close();
      return;
    }
    exchange.sendResponseHeaders(204, -1);
    exchange.close();
  }

  @Override
  public void close() {
    released.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
