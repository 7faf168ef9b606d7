package io.newssignals.ops;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator surface of one process: a small HTTP server (the JDK's own {@code com.sun.net.httpserver}) with
 *
 * <ul>
 *   <li>{@code GET /health/live}: 200 while the process is up;</li>
 *   <li>{@code GET /health/ready}: 200 when every {@link Check} passes (broker reachable, Streams apps RUNNING,
 *       ingest state restored), else 503 with a JSON body naming what is not ready;</li>
 *   <li>{@code GET /metrics}: the process registry ({@link OpsMetrics}) in the Prometheus text format;</li>
 *   <li>{@code GET /api/status}: JSON of every {@linkplain #section section} the services registered (feeds, lag,
 *       alerts, pairs, configuration), plus readiness and throughput;</li>
 *   <li>{@code GET /}: the status page (plain HTML, CSS and JavaScript from this jar's resources, no build step),
 *       which polls {@code /api/status}.</li>
 * </ul>
 *
 * Services add their checks and sections after the server started; a section that throws is reported as an error
 * in its place and never fails the request.
 */
public final class OpsServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OpsServer.class);
  private static final Pattern ASSET = Pattern.compile("[a-z0-9][a-z0-9._-]{0,60}\\.(js|css|svg|html)");
  private static final String WEB = "/io/newssignals/ops/web/";
  static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  /** One condition of readiness. */
  public interface Check {
    String name();

    /** Why this part is not ready, or empty when it is. */
    Optional<String> notReady();

    static Check of(String name, Supplier<Optional<String>> notReady) {
      return new Check() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public Optional<String> notReady() {
          return notReady.get();
        }
      };
    }
  }

  private final String process;
  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Check> checks = new CopyOnWriteArrayList<>();
  private final Map<String, Supplier<?>> sections = new LinkedHashMap<>();
  private final Throughput throughput = new Throughput(OpsMetrics.registry());
  private final Instant started = Instant.now();

  private OpsServer(String process, HttpServer server, ExecutorService executor) {
    this.process = process;
    this.server = server;
    this.executor = executor;
  }

  /**
   * Starts serving on {@code host:port} ({@code port} 0: a free port).
   *
   * @param process what this process runs ("pipeline", "ingest", "enrich", "alerts"), shown on the page
   * @throws IllegalArgumentException naming the address when it cannot be bound (port in use)
   */
  public static OpsServer start(String process, String host, int port) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 16);
    } catch (BindException e) {
      throw new IllegalArgumentException("cannot serve HTTP on " + host + ":" + port + " (" + e.getMessage()
          + "): choose another port with --http-port or PIPELINE_HTTP_PORT (0 picks a free one)", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot serve HTTP on " + host + ":" + port, e);
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "ops-http-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    OpsServer ops = new OpsServer(process, server, executor);
    server.createContext("/", ops::handle);
    server.start();
    ops.throughput.start();
    LOG.info("status page, health and metrics on {} (/health/ready, /metrics, /api/status)", ops.uri());
    return ops;
  }

  /** The server's base address, e.g. {@code http://127.0.0.1:8080/}. */
  public URI uri() {
    InetSocketAddress a = server.getAddress();
    String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create("http://" + host + ":" + a.getPort() + "/");
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * Serves {@code path} and everything under it with {@code handler} (any method), e.g. ingest's WebSub callback.
   * The JDK server picks the longest matching path, so the operator endpoints stay as they are.
   */
  public void context(String path, HttpHandler handler) {
    if (path.equals("/") || path.startsWith("/health") || path.startsWith("/metrics") || path.startsWith("/api/status")
        || path.startsWith("/assets")) {
      throw new IllegalArgumentException("path " + path + " belongs to the operator endpoints");
    }
    server.createContext(path, handler);
  }

  public void addCheck(Check check) {
    checks.add(check);
  }

  /** Adds (or replaces) a section of {@code /api/status}; {@code supplier} is called on every request. */
  public void section(String name, Supplier<?> supplier) {
    synchronized (sections) {
      sections.put(name, supplier);
    }
  }

  /** Names and reasons of the checks that fail now; empty when ready. */
  public Map<String, String> notReady() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Check c : checks) {
      try {
        c.notReady().ifPresent(r -> out.put(c.name(), r));
      } catch (RuntimeException e) {
        out.put(c.name(), "check failed: " + e);
      }
    }
    return out;
  }

  /** What {@code /api/status} returns. */
  public Map<String, Object> status() {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("process", process);
    s.put("now", Instant.now().toString());
    s.put("started", started.toString());
    Map<String, String> notReady = notReady();
    s.put("ready", notReady.isEmpty());
    s.put("notReady", notReady);
    s.put("throughput", throughput.perMinute());
    List<Map.Entry<String, Supplier<?>>> copy;
    synchronized (sections) {
      copy = new ArrayList<>(sections.entrySet());
    }
    for (Map.Entry<String, Supplier<?>> e : copy) {
      try {
        s.put(e.getKey(), e.getValue().get());
      } catch (RuntimeException ex) {
        s.put(e.getKey(), Map.of("error", String.valueOf(ex.getMessage())));
      }
    }
    return s;
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String method = ex.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        ex.getResponseHeaders().add("Allow", "GET, HEAD");
        send(ex, 405, "text/plain; charset=utf-8", "method not allowed\n");
        return;
      }
      String path = ex.getRequestURI().getPath();
      switch (path) {
        case "/health/live" -> send(ex, 200, "application/json", "{\"status\":\"UP\"}\n");
        case "/health/ready" -> {
          Map<String, String> notReady = notReady();
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("status", notReady.isEmpty() ? "READY" : "NOT_READY");
          body.put("notReady", notReady);
          send(ex, notReady.isEmpty() ? 200 : 503, "application/json", JSON.writeValueAsString(body) + "\n");
        }
        case "/metrics" -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8",
            OpsMetrics.registry().scrape());
        case "/api/status" -> send(ex, 200, "application/json", JSON.writeValueAsString(status()));
        case "/", "/index.html" -> asset(ex, "index.html");
        default -> {
          String name = path.startsWith("/assets/") ? path.substring("/assets/".length()) : "";
          if (ASSET.matcher(name).matches()) {
            asset(ex, name);
          } else {
            send(ex, 404, "text/plain; charset=utf-8", "not found: " + path + "\n");
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("HTTP {} failed: {}", ex.getRequestURI(), e.toString());
      throw e;
    }
  }

  private static void asset(HttpExchange ex, String name) throws IOException {
    try (InputStream in = OpsServer.class.getResourceAsStream(WEB + name)) {
      if (in == null) {
        send(ex, 404, "text/plain; charset=utf-8", "not found: " + name + "\n");
        return;
      }
      String type = name.endsWith(".js") ? "text/javascript; charset=utf-8"
          : name.endsWith(".css") ? "text/css; charset=utf-8"
          : name.endsWith(".svg") ? "image/svg+xml" : "text/html; charset=utf-8";
      send(ex, 200, type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static void send(HttpExchange ex, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.getResponseHeaders().set("Cache-Control", "no-store");
    ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(code, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    throughput.close();
    server.stop(0);
    executor.shutdownNow();
  }
}
