package io.newssignals.ingest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A loopback HTTP server for fetcher and service tests; records the requests it saw. */
final class TestFeedServer implements AutoCloseable {
  /** One recorded request. */
  record Seen(String path, String ifNoneMatch, String ifModifiedSince, String userAgent, String acceptEncoding) {}

  private final HttpServer server;
  private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();
  final List<Seen> requests = new CopyOnWriteArrayList<>();

  TestFeedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(8));
    server.createContext("/", ex -> {
      var h = ex.getRequestHeaders();
      requests.add(new Seen(ex.getRequestURI().getPath(), h.getFirst("If-None-Match"), h.getFirst("If-Modified-Since"),
          h.getFirst("User-Agent"), h.getFirst("Accept-Encoding")));
      HttpHandler handler = handlers.get(ex.getRequestURI().getPath());
      try (ex) {
        if (handler == null) {
          ex.sendResponseHeaders(404, -1);
        } else {
          handler.handle(ex);
        }
      } catch (IOException e) {
        // client went away (timeouts, oversize): fine
      }
    });
    server.start();
  }

  void on(String path, HttpHandler handler) {
    handlers.put(path, handler);
  }

  /** Serves {@code body} with an ETag; answers 304 when If-None-Match matches. */
  void serveWithEtag(String path, byte[] body, String etag) {
    on(path, ex -> {
      if (etag.equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
        ex.getResponseHeaders().add("ETag", etag);
        ex.sendResponseHeaders(304, -1);
        return;
      }
      ex.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=UTF-8");
      ex.getResponseHeaders().add("ETag", etag);
      ex.getResponseHeaders().add("Last-Modified", "Mon, 06 Jan 2025 10:00:00 GMT");
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    });
  }

  static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
    if (contentType != null) {
      ex.getResponseHeaders().add("Content-Type", contentType);
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  long count(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).count();
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
