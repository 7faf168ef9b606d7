package io.newssignals.launcher.faults;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.newssignals.schema.Article;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * RSS 2.0 feeds on loopback whose items appear over time, like a newsroom publishing: article {@code n} of the
 * stream belongs to feed {@code n % feeds} and is visible once {@code n < revealPerSecond * seconds since
 * startRevealing()}. Each feed lists all its visible items, newest first, with the article id as GUID, and answers
 * {@code If-None-Match} with 304 when nothing new appeared.
 */
final class ProgressiveFeedServer implements AutoCloseable {
  private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private final List<Article> articles;
  private final int feeds;
  private final double revealPerSecond;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private volatile long revealStart = -1;
  private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

  ProgressiveFeedServer(List<Article> articles, int feeds, double revealPerSecond) {
    this.articles = List.copyOf(articles);
    this.feeds = feeds;
    this.revealPerSecond = revealPerSecond;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/feeds/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  /** Feed URLs, one per feed. */
  List<String> urls() {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < feeds; k++) {
      out.add("http://127.0.0.1:" + server.getAddress().getPort() + "/feeds/" + k + ".xml");
    }
    return out;
  }

  /** Feed requests served so far. */
  int requests() {
    return requests.get();
  }

  void startRevealing() {
    revealStart = System.nanoTime();
  }

  /** Articles visible now, over all feeds. */
  int revealed() {
    if (revealStart < 0) {
      return 0;
    }
    double seconds = (System.nanoTime() - revealStart) / 1e9;
    return (int) Math.min(articles.size(), Math.floor(seconds * revealPerSecond));
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    String path = exchange.getRequestURI().getPath();
    int feed;
    try {
      feed = Integer.parseInt(path.substring("/feeds/".length(), path.length() - ".xml".length()));
    } catch (RuntimeException e) {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
      return;
    }
    int visible = revealed();
    List<Article> items = new ArrayList<>();
    for (int n = feed; n < visible; n += feeds) {
      items.add(articles.get(n));
    }
    String etag = "\"" + feed + "-" + items.size() + "\"";
    if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
      exchange.getResponseHeaders().add("ETag", etag);
      exchange.sendResponseHeaders(304, -1);
      exchange.close();
      return;
    }
    StringBuilder xml = new StringBuilder(1024 + items.size() * 900);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel>")
        .append("<title>Fault Feed ").append(feed).append("</title><link>http://127.0.0.1/</link>")
        .append("<description>synthetic</description>\n");
    for (int i = items.size() - 1; i >= 0; i--) {
      Article a = items.get(i);
      xml.append("<item><title>").append(escape(a.getTitle())).append("</title><link>")
          .append(escape(a.getUrl())).append("</link><guid isPermaLink=\"false\">").append(escape(a.getId()))
          .append("</guid><pubDate>").append(RFC_1123.format(a.getPublished())).append("</pubDate><description>")
          .append(escape(a.getBody())).append("</description></item>\n");
    }
    xml.append("</channel></rss>\n");
    byte[] body = xml.toString().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
    exchange.getResponseHeaders().add("ETag", etag);
    exchange.sendResponseHeaders(200, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String escape(String s) {
    return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
