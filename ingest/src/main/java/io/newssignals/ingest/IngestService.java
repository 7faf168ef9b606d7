package io.newssignals.ingest;

import io.micrometer.core.instrument.Gauge;
import io.newssignals.ingest.fetch.FeedFetcher;
import io.newssignals.ingest.fetch.RedirectGuard;
import io.newssignals.ingest.websub.HubClient;
import io.newssignals.ingest.websub.WebSubState;
import io.newssignals.ingest.websub.WebSubSubscriber;
import io.newssignals.ops.OpsMetrics;
import io.newssignals.ops.OpsServer;
import io.newssignals.schema.Article;
import io.newssignals.schema.FeedState;
import io.newssignals.schema.IngestError;
import io.newssignals.schema.IngestErrorKind;
import io.newssignals.topics.TopicAdmin;
import io.newssignals.topics.Topics;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service: polls the configured feeds on their schedules and publishes what is new.
 *
 * <ul>
 *   <li>Output {@code news.articles}: key article id (String), value {@link Article} (new articles and revisions).</li>
 *   <li>Output and input {@code news.feed-state} (compacted): key feed URL, value {@link FeedState}; read from the
 *       beginning at start so that a restart republishes nothing.</li>
 *   <li>Output {@code news.ingest.errors}: key feed URL, value {@link IngestError}.</li>
 * </ul>
 *
 * Feeds are fetched concurrently; completed polls are committed together, their articles and their feeds' new
 * states in one transaction ({@link KafkaIngestPublisher}), and a feed's state in memory advances only once that
 * commit succeeded. The feeds file is reloaded when it changes or on SIGHUP; a bad entry is logged with its
 * line and the others keep running.
 */
public final class IngestService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
  private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(120);
  private static final long COMMIT_WAIT_MILLIS = 500;

  private final IngestConfig config;
  private final Clock clock;
  private final IngestHeartbeat heartbeat;
  private final FeedFetcher fetcher;
  private final FeedPoller poller;
  private final ExecutorService workers;
  private final Map<String, FeedState> states = new ConcurrentHashMap<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean reloadRequested = new AtomicBoolean();
  private final AtomicBoolean paused = new AtomicBoolean();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private final BlockingQueue<FeedPoller.Outcome> completed = new LinkedBlockingQueue<>();
  private final Object pollLock = new Object();
  private volatile List<FeedSpec> feeds = List.of();
  private IngestPublisher publisher;
  private boolean ready;
  private Thread loop;
  private FileTime feedsFileTime;
  private long feedsFileSize = -1;
  /** The WebSub subscriber, or {@code null} when {@code INGEST_PUBLIC_URL} is unset. */
  private final WebSubSubscriber websub;
  private final AtomicBoolean websubOffLogged = new AtomicBoolean();
  /** Set once the callbacks are served: a hub asked before then would find no callback to verify. */
  private volatile boolean websubCallbacksServed;

  /** The production service: Kafka publisher, state restored from {@code news.feed-state}. Needs bootstrap servers. */
  public IngestService(IngestConfig config) {
    this(config, null, null, Clock.systemUTC());
    if (config.bootstrapServers().isEmpty()) {
      throw new IllegalArgumentException("the ingest service needs Kafka: set --bootstrap-servers or KAFKA_BOOTSTRAP_SERVERS");
    }
  }

  /**
   * A service publishing to {@code publisher} and starting from {@code initialStates} (key: feed URL) instead of
   * Kafka: the benchmark and tests.
   */
  public IngestService(IngestConfig config, IngestPublisher publisher, Map<String, FeedState> initialStates) {
    this(config, Objects.requireNonNull(publisher, "publisher"), Objects.requireNonNull(initialStates, "initialStates"),
        Clock.systemUTC());
  }

  private IngestService(IngestConfig config, IngestPublisher publisher, Map<String, FeedState> initialStates, Clock clock) {
    this.config = config;
    this.clock = clock;
    this.heartbeat = new IngestHeartbeat(IngestHeartbeat.EVERY, clock.instant());
    this.fetcher = new FeedFetcher(config);
    this.poller = new FeedPoller(fetcher, config);
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(config.maxConcurrency(), r -> {
      Thread t = new Thread(r, "ingest-fetch-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.websub = config.publicUrl().map(url -> new WebSubSubscriber(new WebSubHost(), new HubClient(
        config.connectTimeout(), config.readTimeout(), RedirectGuard.of(config), config.userAgent()), url,
        config.websubLease(), config.maxBodyBytes(), clock)).orElse(null);
    if (publisher != null) {
      this.publisher = publisher;
      FeedUrls.withCanonicalKeys(initialStates).forEach((k, v) -> states.put(k, FeedStates.mutableCopy(v)));
      this.ready = true;
    }
  }

  /** Ensures topics, restores feed state and creates the producer, once. */
  private synchronized void ensureReady() {
    if (ready) {
      return;
    }
    String bootstrap = config.bootstrapServers().orElseThrow();
    TopicAdmin.ensureTopics(bootstrap, List.of(Topics.ARTICLES, Topics.FEED_STATE, Topics.INGEST_ERRORS),
        config.replicationFactor());
    // the producer first: its initTransactions() fences a previous instance with the same transactional id and
    // aborts the transaction that instance may have left open, so the restore below is not held back by it
    KafkaIngestPublisher kafka = new KafkaIngestPublisher(bootstrap, config.transactionalId());
    try {
      kafka.init();
      Map<String, FeedState> restored = FeedStateStore.readAll(bootstrap, RESTORE_TIMEOUT);
      FeedUrls.withCanonicalKeys(restored).forEach((k, v) -> states.put(k, FeedStates.mutableCopy(v)));
      LOG.info("restored state of {} feeds from {}", restored.size(), Topics.FEED_STATE.name());
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    publisher = kafka;
    ready = true;
  }

  /** Loads (or reloads) the feeds; a file that cannot be read at all keeps the previous feeds. */
  private void loadFeeds(boolean initial) {
    try {
      FeedsConfig.Loaded loaded = FeedsConfig.load(config);
      loaded.problems().forEach(p -> LOG.warn("feeds file: {} (entry skipped)", p));
      List<FeedSpec> before = feeds;
      feeds = interleaveByHost(loaded.feeds());
      registerFeedGauges(feeds);
      if (initial) {
        LOG.info("polling {} feeds from {}", feeds.size(), config.feedsFile().map(Path::toString).orElse("bundled samples"));
      } else {
        LOG.info("feeds reloaded: {} feeds (was {})", feeds.size(), before.size());
      }
    } catch (IOException | IllegalArgumentException e) {
      if (initial) {
        throw new IllegalArgumentException("cannot load feeds: " + why(e), e);
      }
      LOG.error("feeds file not reloaded, keeping {} feeds: {}", feeds.size(), why(e));
    }
    rememberFeedsFileStamp();
  }

  /** Why the feeds file cannot be read: the file-system exceptions' messages are only the path. */
  static String why(Exception e) {
    if (e instanceof NoSuchFileException f) {
      return "feeds file " + f.getFile() + " does not exist";
    } else if (e instanceof AccessDeniedException f) {
      return "feeds file " + f.getFile() + " is not readable (permission denied)";
    } else if (e instanceof FileSystemException f && f.getReason() == null) {
      return "cannot read feeds file " + f.getFile() + " (" + f.getClass().getSimpleName() + ")";
    }
    return e.getMessage();
  }

  private void rememberFeedsFileStamp() {
    config.feedsFile().ifPresent(p -> {
      try {
        feedsFileTime = Files.getLastModifiedTime(p);
        feedsFileSize = Files.size(p);
      } catch (IOException e) {
        feedsFileTime = null;
        feedsFileSize = -1;
      }
    });
  }

  private boolean feedsFileChanged() {
    Path p = config.feedsFile().orElse(null);
    if (p == null) {
      return false;
    }
    try {
      return !Files.getLastModifiedTime(p).equals(feedsFileTime) || Files.size(p) != feedsFileSize;
    } catch (IOException e) {
      return feedsFileTime != null;
    }
  }

  /**
   * True while the background loop polls. It becomes false after {@link #close()}, or when another instance fenced
   * this one's transactional id (health checks can report that).
   */
  public boolean isRunning() {
    return running.get() && loop != null && loop.isAlive();
  }

  /** Asks the polling loop to reload the feeds file (what SIGHUP does). */
  public void requestReload() {
    reloadRequested.set(true);
  }

  /** The feeds currently configured. */
  public List<FeedSpec> feeds() {
    return feeds;
  }

  /** The current state of a feed, if it was ever polled or restored. */
  public FeedState state(String feedUrl) {
    return states.get(feedUrl);
  }

  /**
   * Polls every configured feed once, now, publishes the results in one batch and returns the number of articles
   * published (new ones and revisions). Used by {@code run --once} and tests.
   */
  public int pollAllOnce() {
    ensureReady();
    if (feeds.isEmpty() || !running.get()) {
      loadFeeds(feeds.isEmpty());
    }
    paused.set(true);
    try {
      // when the loop runs, let its polls in flight be committed first, so no feed is polled twice at once
      while (running.get() && !inFlight.isEmpty()) {
        Thread.sleep(20);
      }
      return pollRound(feeds);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while polling", e);
    } finally {
      paused.set(false);
    }
  }

  /** Restores state, ensures topics and starts the background polling loop. */
  public void start() {
    if (!running.compareAndSet(false, true)) {
      return;
    }
    ensureReady();
    loadFeeds(true);
    installSighup();
    loop = new Thread(this::runLoop, "ingest-scheduler");
    loop.setDaemon(true);
    loop.start();
  }

  private void installSighup() {
    if (config.feedsFile().isEmpty()) {
      return;
    }
    try {
      sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sig -> {
        LOG.info("SIGHUP: reloading feeds file");
        requestReload();
      });
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      LOG.info("SIGHUP not available ({}); the feeds file is still reloaded when it changes", e.getMessage());
    }
  }

  /**
   * The background loop: submits each due feed that is not already being polled, and every
   * {@value #COMMIT_WAIT_MILLIS} ms or so commits the outcomes completed meanwhile as one batch. A slow feed
   * therefore delays neither the others' publication nor their next polls.
   */
  private void runLoop() {
    while (running.get()) {
      try {
        if (reloadRequested.getAndSet(false) || feedsFileChanged()) {
          loadFeeds(false);
        }
        if (!paused.get()) {
          submitDue(clock.instant());
          maintainWebSub();
        }
        commitCompleted();
        heartbeat.due(clock.instant(), feeds.size()).ifPresent(LOG::info);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (ProducerFencedException | InvalidProducerEpochException e) {
        // another instance took over this transactional id: two pollers would publish everything twice
        LOG.error("another ingest instance with transactional id {} took over; this one stops polling: {}",
            config.transactionalId(), e.toString());
        running.set(false);
        return;
      } catch (RuntimeException e) {
        if (!running.get()) {
          return; // closing: the workers refuse new polls
        }
        LOG.error("publishing polled feeds failed, retrying in 5 s: {}", e.toString());
        try {
          Thread.sleep(5_000);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  /**
   * The feeds in an order that alternates between hosts, so that the worker threads are not all parked on the
   * per-host limit of one big host while other hosts' feeds wait in the queue.
   */
  static List<FeedSpec> interleaveByHost(List<FeedSpec> feeds) {
    Map<String, ArrayDeque<FeedSpec>> byHost = new LinkedHashMap<>();
    for (FeedSpec f : feeds) {
      String host = f.url().getHost() == null ? "" : f.url().getHost().toLowerCase(Locale.ROOT);
      byHost.computeIfAbsent(host, h -> new ArrayDeque<>()).add(f);
    }
    List<FeedSpec> out = new ArrayList<>(feeds.size());
    while (out.size() < feeds.size()) {
      for (ArrayDeque<FeedSpec> queue : byHost.values()) {
        FeedSpec f = queue.poll();
        if (f != null) {
          out.add(f);
        }
      }
    }
    return out;
  }

  private void submitDue(Instant now) {
    for (FeedSpec f : feeds) {
      FeedState s = states.get(f.key());
      if ((s == null || !s.getNextPoll().isAfter(now)) && inFlight.add(f.key())) {
        FeedState previous = s != null ? s : FeedStates.initial(f.key());
        workers.submit(() -> {
          try {
            completed.add(poller.poll(f, previous, now));
          } catch (InterruptedException e) {
            inFlight.remove(f.key());
            Thread.currentThread().interrupt();
          } catch (RuntimeException e) {
            // a bug, not a feed problem: logged, and the feed is tried again on the next tick
            LOG.error("polling feed {} crashed: {}", f.key(), e.toString());
            inFlight.remove(f.key());
          }
        });
      }
    }
  }

  /** Waits briefly for completed polls and commits them together; their feeds leave the in-flight set. */
  private void commitCompleted() throws InterruptedException {
    FeedPoller.Outcome first = completed.poll(COMMIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    if (first == null) {
      return;
    }
    List<FeedPoller.Outcome> outcomes = new ArrayList<>();
    outcomes.add(first);
    completed.drainTo(outcomes);
    try {
      synchronized (pollLock) {
        publish(outcomes);
      }
    } finally {
      // published or not, the feeds may be polled again: on failure their old state makes the retry complete
      outcomes.forEach(o -> inFlight.remove(o.feed().key()));
    }
  }

  /**
   * Publishes the outcomes as one batch, then keeps their states; returns the number of articles. When the batch is
   * refused because of one of its records (too large, not serialisable), the outcomes are published one feed at a
   * time instead, so that the feed at fault fails alone ({@link #publishEach}).
   */
  private int publish(List<FeedPoller.Outcome> outcomes) {
    try {
      return publishBatch(outcomes);
    } catch (RuntimeException e) {
      if (!causedByARecord(e)) {
        throw e;
      }
      LOG.warn("a record of {} polled feeds was refused ({}); publishing them one feed at a time", outcomes.size(),
          e.toString());
      return publishEach(outcomes);
    }
  }

  /** True when {@code e} comes from one record (its size or its serialisation), not from the broker or producer. */
  static boolean causedByARecord(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof RecordTooLargeException || c instanceof RecordBatchTooLargeException
          || c instanceof SerializationException) {
        return true;
      }
    }
    return false;
  }

  /**
   * Publishes each outcome on its own. A feed whose outcome is refused again gets a failure instead (kind
   * {@code TOO_LARGE} or {@code OTHER}, backoff, an error record), and should even that be refused, the failure is
   * kept in memory only, so that the feed still backs off rather than being polled again at once.
   */
  private int publishEach(List<FeedPoller.Outcome> outcomes) {
    int published = 0;
    for (FeedPoller.Outcome o : outcomes) {
      try {
        published += publishBatch(List.of(o));
      } catch (RuntimeException e) {
        if (!causedByARecord(e)) {
          throw e;
        }
        String key = o.feed().key();
        Throwable cause = e;
        while (cause.getCause() != null && causedByARecord(cause.getCause())) {
          cause = cause.getCause(); // the record's own exception says which record and why
        }
        IngestErrorKind kind = cause instanceof RecordTooLargeException ? IngestErrorKind.TOO_LARGE : IngestErrorKind.OTHER;
        FeedPoller.Outcome failed = poller.failed(o.feed(), states.getOrDefault(key, FeedStates.initial(key)),
            new IngestFailure(kind, "publishing the feed's poll failed: " + cause, e), clock.instant());
        try {
          publishBatch(List.of(failed));
        } catch (RuntimeException again) {
          if (!causedByARecord(again)) {
            throw again;
          }
          LOG.error("feed {}: even its failure cannot be published ({}); backing off without a record", key,
              again.toString());
          states.put(key, failed.state());
        }
      }
    }
    return published;
  }

  private int publishBatch(List<FeedPoller.Outcome> outcomes) {
    List<Article> articles = new ArrayList<>();
    List<FeedState> newStates = new ArrayList<>();
    List<IngestError> errors = new ArrayList<>();
    int notModified = 0;
    Map<String, String> batchSeen = new HashMap<>();
    int carriedElsewhere = 0;
    Map<String, Integer> publishedPerFeed = new HashMap<>();
    for (FeedPoller.Outcome o : outcomes) {
      FeedState current = states.get(o.feed().key());
      if (current != null) {
        // the subscription may have changed while the feed was polled (a hub's verification): keep the latest
        WebSubState.copySubscription(current, o.state());
      }
      for (Article a : o.articles()) {
        String hash = o.state().getSeen().get(a.getId());
        if (hash != null && (hash.equals(batchSeen.get(a.getId()))
            || publishedByAnotherFeed(o.feed().key(), a.getId(), hash))) {
          carriedElsewhere++; // the same item, same content, carried by two feeds: published once
          continue;
        }
        if (hash != null) {
          batchSeen.put(a.getId(), hash);
        }
        articles.add(a);
        publishedPerFeed.merge(feedLabel(o.feed()), 1, Integer::sum);
      }
      newStates.add(o.state());
      if (o.error() != null) {
        errors.add(o.error());
      }
      if (o.notModified()) {
        notModified++;
      }
    }
    publisher.publish(new IngestPublisher.Batch(articles, newStates, errors));
    heartbeat.record(outcomes.size(), articles.size(), notModified, errors.size());
    for (FeedPoller.Outcome o : outcomes) {
      states.put(o.feed().key(), o.state());
    }
    countCommitted(outcomes, publishedPerFeed);
    if (!articles.isEmpty() || !errors.isEmpty()) {
      LOG.info("polled {} feeds: {} articles published, {} not modified, {} failed", outcomes.size(), articles.size(),
          notModified, errors.size());
    }
    if (carriedElsewhere > 0) {
      LOG.info("{} items already published from another feed with the same id and content were not published again",
          carriedElsewhere);
    }
    return articles.size();
  }

  /** Counts what the committed batch published: articles per feed, failed polls per feed and reason. */
  private static void countCommitted(List<FeedPoller.Outcome> outcomes, Map<String, Integer> publishedPerFeed) {
    for (FeedPoller.Outcome o : outcomes) {
      if (o.error() != null) {
        OpsMetrics.counter(OpsMetrics.INGEST_FETCH_ERRORS, "feed", feedLabel(o.feed()), "reason",
            String.valueOf(o.error().getKind()).toLowerCase(Locale.ROOT)).increment();
      }
    }
    publishedPerFeed.forEach((feed, n) -> OpsMetrics.counter(OpsMetrics.INGEST_PUBLISHED, "feed", feed).increment(n));
  }

  /** The {@code feed} label of the metrics: the feed's name, or its URL when it has none. */
  static String feedLabel(FeedSpec f) {
    return f.name() == null || f.name().isBlank() ? f.key() : f.name();
  }

  /** Registers the last-success gauge of each configured feed (once per feed). */
  private void registerFeedGauges(List<FeedSpec> configured) {
    for (FeedSpec f : configured) {
      String key = f.key();
      Gauge.builder(OpsMetrics.INGEST_LAST_SUCCESS, this, s -> {
        FeedState st = s.states.get(key);
        return st == null || st.getLastSuccess() == null ? Double.NaN : st.getLastSuccess().toEpochMilli() / 1000.0;
      }).baseUnit("seconds").description("When the feed was last polled successfully (Unix time)")
          .tags("feed", feedLabel(f)).register(OpsMetrics.registry());
    }
  }

  /** Whether the feeds' state has been restored and the producer is ready (readiness). */
  public synchronized boolean restored() {
    return ready;
  }

  /** What the status page shows of each configured feed. */
  public List<Map<String, Object>> feedStatus() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (FeedSpec f : feeds) {
      FeedState s = states.get(f.key());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", f.name() == null || f.name().isBlank() ? s != null && s.getFeedTitle() != null
          ? s.getFeedTitle() : f.key() : f.name());
      m.put("url", f.url().toString());
      m.put("lastSuccess", s == null || s.getLastSuccess() == null ? null : s.getLastSuccess().toString());
      m.put("lastError", s == null ? null : s.getLastError());
      m.put("lastErrorKind", s == null || s.getLastErrorKind() == null ? null : s.getLastErrorKind().toString());
      m.put("lastErrorAt", s == null || s.getLastErrorAt() == null ? null : s.getLastErrorAt().toString());
      m.put("failures", s == null ? 0 : s.getFailures());
      m.put("articlesPublished", s == null ? 0 : s.getItemsPublished());
      m.put("nextPoll", s == null || s.getNextPoll() == null ? null : s.getNextPoll().toString());
      m.put("pollInterval", s == null || s.getPollInterval() == null ? null : s.getPollInterval() / 1000);
      m.put("pollIntervalReason", s == null ? null : s.getPollIntervalReason());
      m.put("websub", s == null ? null : s.getWebsubStatus());
      out.add(m);
    }
    return out;
  }

  /** Whether a feed other than {@code feedKey} remembers this id with this content: it has published the item. */
  private boolean publishedByAnotherFeed(String feedKey, String id, String hash) {
    for (Map.Entry<String, FeedState> e : states.entrySet()) {
      if (!e.getKey().equals(feedKey) && hash.equals(e.getValue().getSeen().get(id))) {
        return true;
      }
    }
    return false;
  }

  /** Polls {@code due} concurrently, publishes one batch, then keeps the new states. */
  private int pollRound(List<FeedSpec> due) throws InterruptedException {
    synchronized (pollLock) {
      Instant now = clock.instant();
      List<Future<FeedPoller.Outcome>> futures = new ArrayList<>(due.size());
      for (FeedSpec f : due) {
        FeedState previous = states.getOrDefault(f.key(), FeedStates.initial(f.key()));
        futures.add(workers.submit(() -> poller.poll(f, previous, now)));
      }
      List<FeedPoller.Outcome> outcomes = new ArrayList<>(due.size());
      for (Future<FeedPoller.Outcome> future : futures) {
        try {
          outcomes.add(future.get());
        } catch (ExecutionException e) {
          // a bug, not a feed problem: the other feeds still publish
          LOG.error("polling a feed crashed: {}", String.valueOf(e.getCause()));
        }
      }
      return publish(outcomes);
    }
  }

  /**
   * Serves the WebSub callbacks ({@value WebSubSubscriber#PATH}) on {@code server} when {@code INGEST_PUBLIC_URL}
   * is set; otherwise WebSub is off and nothing is added. No feed is subscribed before this is called: {@code run}
   * starts the services before it serves their endpoints, and a hub verifying at once would find no callback.
   */
  public void exposeWebSub(OpsServer server) {
    if (websub != null) {
      server.context(WebSubSubscriber.PATH, websub);
      websubCallbacksServed = true;
      LOG.info("WebSub callbacks on {} (hubs reach them at {}{})", server.uri().resolve(WebSubSubscriber.PATH),
          config.publicUrl().orElseThrow().replaceAll("/+$", ""), WebSubSubscriber.PATH);
    }
  }

  /** Subscribes, renews and unsubscribes WebSub subscriptions; says once that WebSub is off when a feed has a hub. */
  private void maintainWebSub() {
    if (websub != null) {
      if (websubCallbacksServed) {
        websub.maintain();
      }
    } else if (!websubOffLogged.get()) {
      states.values().stream().filter(st -> st.getHub() != null).findFirst().ifPresent(st -> {
        if (websubOffLogged.compareAndSet(false, true)) {
          LOG.info("feed {} advertises the WebSub hub {}, but WebSub is off ({} is unset): polling only",
              st.getFeedUrl(), st.getHub(), IngestConfig.PUBLIC_URL_ENV);
        }
      });
    }
  }

  /** What the WebSub subscriber reads and changes of this service. */
  private final class WebSubHost implements WebSubSubscriber.Host {
    @Override
    public List<FeedSpec> feeds() {
      return feeds;
    }

    @Override
    public Map<String, FeedState> states() {
      return states;
    }

    @Override
    public void updateState(String feedKey, Consumer<FeedState> change) {
      synchronized (pollLock) {
        FeedState s = FeedStates.mutableCopy(states.getOrDefault(feedKey, FeedStates.initial(feedKey)));
        change.accept(s);
        publisher.publish(new IngestPublisher.Batch(List.of(), List.of(s), List.of()));
        states.put(feedKey, s);
      }
    }

    /**
     * Pushed content goes where a poll's outcome goes: the feed is taken in flight (waiting for a poll of it to be
     * committed first, so that both never start from the same remembered ids), and the outcome is committed by
     * the scheduler's next commit, in its transaction.
     */
    @Override
    public void push(String feedKey, byte[] body, String contentType) throws IngestFailure, InterruptedException {
      FeedSpec feed = feeds.stream().filter(f -> f.key().equals(feedKey)).findFirst()
          .orElseThrow(() -> new IngestFailure(IngestErrorKind.OTHER, "feed " + feedKey + " is no longer configured"));
      long deadline = System.nanoTime() + config.readTimeout().toNanos();
      while (!inFlight.add(feedKey)) {
        if (System.nanoTime() > deadline) {
          throw new IngestFailure(IngestErrorKind.TIMEOUT, "feed " + feedKey + " stayed busy");
        }
        Thread.sleep(5);
      }
      try {
        FeedState previous = states.getOrDefault(feedKey, FeedStates.initial(feedKey));
        completed.add(poller.pushed(feed, previous, body, contentType, clock.instant()));
      } catch (IngestFailure | RuntimeException e) {
        inFlight.remove(feedKey);
        throw e;
      }
    }
  }

  @Override
  public void close() {
    boolean wasRunning = running.getAndSet(false);
    if (websub != null) {
      websub.close();
    }
    // fetches in flight are abandoned (their feeds are polled again after a restart); a commit in progress is not
    // interrupted, so no transaction is left open to hold back read_committed readers
    workers.shutdownNow();
    if (loop != null) {
      try {
        loop.join(TimeUnit.SECONDS.toMillis(30));
        if (loop.isAlive()) {
          loop.interrupt();
          loop.join(TimeUnit.SECONDS.toMillis(5));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      if (publisher != null) {
        publisher.close();
      }
    }
    if (wasRunning) {
      LOG.info("ingest stopped");
    }
  }
}
