package io.newssignals.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newssignals.contract.ArticleJson;
import io.newssignals.ingest.feed.FeedParser;
import io.newssignals.ingest.feed.ParsedFeed;
import io.newssignals.ingest.fetch.ConditionalGetState;
import io.newssignals.ingest.fetch.FeedFetcher;
import io.newssignals.ingest.fetch.FetchResult;
import io.newssignals.schema.Article;
import io.newssignals.schema.FeedState;
import io.newssignals.topics.KafkaConnection;
import io.newssignals.topics.TopicAdmin;
import io.newssignals.topics.Topics;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/** {@code feeds check URL|FILE} and {@code feeds status}: operator commands for feeds. */
@Command(name = "feeds", mixinStandardHelpOptions = true,
    description = "Inspect feeds: check one feed offline, or show the state of every polled feed.",
    subcommands = {FeedsCommand.Check.class, FeedsCommand.Status.class})
public final class FeedsCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: check or status");
  }

  /** Standard output as UTF-8 whatever the platform locale: JSON Lines must survive a POSIX locale. */
  static PrintStream utf8Out() {
    return new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
  }

  /** {@code feeds check}: fetch or read one feed, print its articles as JSON Lines. */
  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Fetch (http/https URL) or read (file) one feed and print the articles it yields as JSON Lines",
          "{\"id\",\"source\",\"url\",\"title\",\"body\",\"published\"} on stdout; a one-line summary goes to stderr.",
          "Exits 1 when the feed cannot be fetched or parsed. No broker needed."})
  public static final class Check implements Callable<Integer> {
    @Parameters(paramLabel = "URL|FILE", description = "http(s) URL, file: URL or path of a feed document.")
    String target;

    @Option(names = "--name", description = "Source name to use (default: the feed's title).")
    String name;

    /** Where the JSON Lines and the summary go; tests replace them. */
    PrintStream out;
    PrintStream err = System.err;

    @Override
    public Integer call() {
      IngestConfig base = IngestConfig.fromEnvironment(System.getenv()).build();
      URI uri;
      Set<String> schemes;
      if (target.matches("(?i)^https?://.*")) {
        schemes = Set.of("http", "https");
        try {
          uri = FeedsConfig.url(target, schemes);
        } catch (IllegalArgumentException e) {
          err.println("feeds check: " + e.getMessage());
          return 1;
        }
      } else {
        // the operator named a local file explicitly: file: is allowed for this command only
        schemes = Set.of("http", "https", "file");
        Path path = target.regionMatches(true, 0, "file:", 0, 5) ? Path.of(URI.create(target)) : Path.of(target);
        if (!Files.isRegularFile(path)) {
          err.println("feeds check: no such file " + path + " (or pass an http/https URL)");
          return 1;
        }
        uri = path.toAbsolutePath().normalize().toUri();
      }
      IngestConfig config = base.toBuilder().allowedSchemes(schemes).build();
      FeedSpec feed = new FeedSpec(uri, name, config.pollInterval(), List.of(), 0);
      Instant now = Instant.now();
      ParsedFeed parsed;
      try {
        FetchResult result = new FeedFetcher(config).fetch(uri, ConditionalGetState.NONE);
        parsed = FeedParser.parse(result.body(), result.contentType(), result.finalUri());
      } catch (IngestFailure f) {
        err.println("feeds check: cannot read " + target + ": " + f.kind() + ": " + f.getMessage());
        return 1;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 130;
      }
      List<ArticleDeduplicator.Decision> decisions =
          new ArticleDeduplicator(config.recentIds()).apply(parsed.items(), FeedStates.initial(feed.key()), now);
      List<Article> articles = FeedPoller.articles(feed, parsed, decisions, now);
      PrintStream out = this.out != null ? this.out : utf8Out();
      for (Article a : articles) {
        out.println(ArticleJson.write(a));
      }
      out.flush();
      int duplicates = parsed.items().size() - decisions.size();
      err.println("feeds check: " + target + ": " + parsed.type() + " \"" + FeedPoller.source(feed, parsed)
          + "\": " + articles.size() + " articles from " + parsed.items().size() + " items"
          + (duplicates > 0 ? " (" + duplicates + " repeated in the feed)" : "")
          + (parsed.malformed() != null ? " (malformed, recovered leniently: " + parsed.malformed() + ")" : ""));
      return 0;
    }
  }

  /** {@code feeds status}: the state of every feed, from the compacted feed-state topic. */
  @Command(name = "status", mixinStandardHelpOptions = true,
      description = "Per feed: last success, last error, items published, next poll (reads news.feed-state).")
  public static final class Status implements Callable<Integer> {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
        description = "Kafka cluster (default: env KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--json", description = "One JSON object per feed instead of a table.")
    boolean json;

    /** Where the table goes (null: standard output as UTF-8). */
    private final PrintStream out;

    public Status() {
      this(null);
    }

    /** A status command writing to {@code out} instead of standard output. */
    public Status(PrintStream out) {
      this.out = out;
    }

    @Override
    public Integer call() {
      String bootstrap = KafkaConnection.bootstrapServers(bootstrapServers, System.getenv()).orElse(null);
      if (bootstrap == null) {
        System.err.println("feeds status: no Kafka cluster: pass --bootstrap-servers HOST:PORT or set "
            + KafkaConnection.BOOTSTRAP_ENV);
        return 2;
      }
      Map<String, FeedState> states;
      try {
        TopicAdmin.requireReachable(bootstrap);
        states = new TreeMap<>(FeedStateStore.readAll(bootstrap, Duration.ofSeconds(30)));
      } catch (RuntimeException e) {
        System.err.println("feeds status: cannot read " + Topics.FEED_STATE.name() + " on " + bootstrap + ": "
            + e.getMessage());
        return 1;
      }
      PrintStream out = this.out != null ? this.out : utf8Out();
      if (json) {
        states.values().forEach(s -> out.println(json(s)));
      } else {
        out.print(table(states.values()));
      }
      out.flush();
      if (!json) {
        System.err.println(states.size() + " feeds");
      }
      return 0;
    }

    static String json(FeedState s) {
      ObjectNode n = ArticleJson.MAPPER.createObjectNode();
      n.put("feed", s.getFeedUrl());
      n.put("title", s.getFeedTitle());
      n.put("lastSuccess", s.getLastSuccess() == null ? null : s.getLastSuccess().toString());
      n.put("lastError", s.getLastError());
      n.put("lastErrorAt", s.getLastErrorAt() == null ? null : s.getLastErrorAt().toString());
      n.put("failures", s.getFailures());
      n.put("itemsPublished", s.getItemsPublished());
      n.put("nextPoll", s.getNextPoll().toString());
      n.put("interval", s.getPollInterval() == null ? null : s.getPollInterval() / 1000);
      n.put("intervalReason", s.getPollIntervalReason());
      n.put("websub", s.getWebsubStatus());
      return n.toString();
    }

    /** The feed's poll interval and why ("20m: a new item every 20m (last 16)"), and its WebSub status. */
    static String interval(FeedState s) {
      if (s.getPollInterval() == null) {
        return "-";
      }
      return PollSchedule.human(Duration.ofMillis(s.getPollInterval())) + ": " + s.getPollIntervalReason()
          + (s.getWebsubStatus() == null ? "" : " [WebSub " + s.getWebsubStatus() + "]");
    }

    /** A fixed-width table, one feed per line. */
    static String table(Iterable<FeedState> states) {
      List<String[]> rows = new ArrayList<>();
      rows.add(new String[] {"FEED", "LAST SUCCESS", "LAST ERROR", "FAILURES", "PUBLISHED", "NEXT POLL", "INTERVAL"});
      for (FeedState s : states) {
        String error = s.getLastError() == null ? "-"
            : (s.getLastErrorAt() == null ? "" : s.getLastErrorAt() + " ") + s.getLastError();
        rows.add(new String[] {
            s.getFeedUrl(), s.getLastSuccess() == null ? "never" : s.getLastSuccess().toString(),
            error.length() > 80 ? error.substring(0, 77) + "..." : error, String.valueOf(s.getFailures()),
            String.valueOf(s.getItemsPublished()), s.getNextPoll().toString(), interval(s)});
      }
      int[] width = new int[7];
      for (String[] r : rows) {
        for (int i = 0; i < r.length; i++) {
          width[i] = Math.max(width[i], r[i].length());
        }
      }
      StringBuilder sb = new StringBuilder();
      for (String[] r : rows) {
        for (int i = 0; i < r.length; i++) {
          sb.append(i == r.length - 1 ? r[i] : String.format("%-" + width[i] + "s  ", r[i]));
        }
        sb.append('\n');
      }
      return sb.toString();
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new FeedsCommand()).execute(args));
  }
}
