package io.newssignals.ingest;

import io.newssignals.ingest.feed.FeedItem;
import io.newssignals.ingest.feed.FeedParser;
import io.newssignals.ingest.feed.ParsedFeed;
import io.newssignals.ingest.fetch.ConditionalGetState;
import io.newssignals.ingest.fetch.FeedFetcher;
import io.newssignals.ingest.fetch.FetchResult;
import io.newssignals.schema.Article;
import io.newssignals.schema.FeedState;
import io.newssignals.schema.IngestError;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one feed once: fetch (conditional GET), parse, decide ids and revisions, map items to {@link Article}s,
 * and compute the feed's next state (validators, remembered ids, failures, next poll time). Publishes nothing:
 * the caller publishes the {@link Outcome} and keeps the new state only once that succeeded.
 */
public final class FeedPoller {
  private static final Logger LOG = LoggerFactory.getLogger(FeedPoller.class);
  /** Longest body kept per article, so one huge item cannot exceed the broker's message size. */
  public static final int MAX_BODY_CHARS = 200_000;
  /** A server's Cache-Control max-age or Retry-After is honoured up to this long. */
  static final Duration MAX_SERVER_DELAY = Duration.ofHours(24);

  /**
   * Parsing is CPU-bound and a 10 MiB feed becomes a much larger DOM: at most one parse per core at a time, however
   * many fetches are in flight, bounds both.
   */
  private static final Semaphore PARSING = new Semaphore(Math.max(1, Runtime.getRuntime().availableProcessors()));

  private final FeedFetcher fetcher;
  private final ArticleDeduplicator deduplicator;
  private final Duration maxBackoff;

  public FeedPoller(FeedFetcher fetcher, IngestConfig config) {
    this.fetcher = fetcher;
    this.deduplicator = new ArticleDeduplicator(config.recentIds());
    this.maxBackoff = config.maxBackoff();
  }

  /**
   * The result of one poll.
   *
   * @param feed the feed
   * @param state its new state (to publish and keep)
   * @param articles articles to publish: new ones and revisions
   * @param error the failure to publish, or {@code null}
   * @param notModified true when the server answered 304
   */
  public record Outcome(FeedSpec feed, FeedState state, List<Article> articles, IngestError error, boolean notModified) {}

  /** Polls {@code feed} whose current state is {@code previous}; never throws for a feed problem. */
  public Outcome poll(FeedSpec feed, FeedState previous, Instant now) throws InterruptedException {
    FeedState state = FeedStates.mutableCopy(previous);
    try {
      FetchResult result = fetcher.fetch(feed.url(), new ConditionalGetState(previous.getEtag(), previous.getLastModified()));
      List<Article> articles = List.of();
      if (!result.notModified()) {
        ParsedFeed parsed;
        PARSING.acquire();
        try {
          parsed = FeedParser.parse(result.body(), result.contentType(), result.finalUri());
        } finally {
          PARSING.release();
        }
        articles = articles(feed, parsed, deduplicator.apply(parsed.items(), state, now), now);
        if (parsed.title() != null) {
          state.setFeedTitle(parsed.title());
        }
      }
      // validators only after a successful parse: a body that failed must not be answered by a 304 next time
      state.setEtag(result.etag());
      state.setLastModified(result.lastModified());
      state.setFailures(0);
      state.setLastSuccess(now);
      state.setItemsPublished(previous.getItemsPublished() + articles.size());
      Duration wait = feed.pollInterval();
      if (result.maxAge() != null && result.maxAge().compareTo(wait) > 0) {
        wait = min(result.maxAge(), MAX_SERVER_DELAY);
      }
      // up to 10 % later, so that feeds added together drift apart instead of hitting their servers in lockstep
      long jitter = ThreadLocalRandom.current().nextLong(wait.toMillis() / 10 + 1);
      state.setNextPoll(now.plus(wait).plusMillis(jitter));
      return new Outcome(feed, state, articles, null, result.notModified());
    } catch (IngestFailure f) {
      int attempt = previous.getFailures() + 1;
      Duration wait = Backoff.delay(attempt, maxBackoff);
      if (f.retryAfter() != null) {
        wait = min(f.retryAfter().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : f.retryAfter(), MAX_SERVER_DELAY);
      }
      state.setFailures(attempt);
      state.setLastError(f.kind() + ": " + f.getMessage());
      state.setLastErrorAt(now);
      state.setLastErrorKind(f.kind().name());
      state.setNextPoll(now.plus(wait));
      LOG.warn("feed {} failed: kind={} status={} attempt={} retryIn={}s: {}", feed.key(), f.kind(), f.httpStatus(),
          attempt, wait.toSeconds(), f.getMessage());
      IngestError error = IngestError.newBuilder()
          .setFeedUrl(feed.key())
          .setKind(f.kind())
          .setHttpStatus(f.httpStatus())
          .setMessage(f.getMessage() == null ? f.kind().name() : f.getMessage())
          .setAttempt(attempt)
          .setAt(now)
          .build();
      return new Outcome(feed, state, List.of(), error, false);
    }
  }

  /** Maps decided items to articles (revisions and new ones only). */
  public static List<Article> articles(FeedSpec feed, ParsedFeed parsed, List<ArticleDeduplicator.Decision> decisions,
      Instant now) {
    List<Article> out = new ArrayList<>();
    for (ArticleDeduplicator.Decision d : decisions) {
      if (d.publish()) {
        out.add(article(feed, parsed, d, now));
      }
    }
    return out;
  }

  static Article article(FeedSpec feed, ParsedFeed parsed, ArticleDeduplicator.Decision d, Instant now) {
    FeedItem item = d.item();
    Instant published = item.published() != null ? item.published() : parsed.published() != null ? parsed.published() : now;
    String body = item.body().length() > MAX_BODY_CHARS ? item.body().substring(0, MAX_BODY_CHARS) : item.body();
    Set<String> tags = new LinkedHashSet<>(feed.tags());
    tags.addAll(item.categories());
    return Article.newBuilder()
        .setId(d.id())
        .setRevision(d.revision())
        .setFeedUrl(feed.key())
        .setSource(source(feed, parsed))
        .setUrl(d.canonicalLink() != null ? d.canonicalLink() : item.link())
        .setTitle(item.title())
        .setBody(body)
        .setPublished(published)
        .setFetched(now)
        .setAuthor(item.author())
        .setTags(new ArrayList<>(tags))
        .build();
  }

  /** The feed's configured name, else its own title, else its host. */
  static String source(FeedSpec feed, ParsedFeed parsed) {
    if (feed.name() != null) {
      return feed.name();
    }
    if (parsed.title() != null) {
      return parsed.title();
    }
    return feed.url().getHost() != null ? feed.url().getHost() : feed.key();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
