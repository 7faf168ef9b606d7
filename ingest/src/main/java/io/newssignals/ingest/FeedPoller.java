package io.newssignals.ingest;

import io.newssignals.ingest.feed.FeedHints;
import io.newssignals.ingest.feed.FeedItem;
import io.newssignals.ingest.feed.FeedParser;
import io.newssignals.ingest.feed.ParsedFeed;
import io.newssignals.ingest.fetch.ConditionalGetState;
import io.newssignals.ingest.fetch.FeedFetcher;
import io.newssignals.ingest.fetch.FetchResult;
import io.newssignals.ingest.websub.WebSubState;
import io.newssignals.schema.Article;
import io.newssignals.schema.FeedState;
import io.newssignals.schema.IngestError;
import io.newssignals.schema.IngestErrorKind;
import java.net.URI;
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
  public static final int MAX_BODY_CHARS = RecordLimits.MAX_BODY_CHARS;
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
  private final PollSchedule schedule;

  public FeedPoller(FeedFetcher fetcher, IngestConfig config) {
    this.fetcher = fetcher;
    this.deduplicator = new ArticleDeduplicator(config.recentIds());
    this.maxBackoff = config.maxBackoff();
    this.schedule = new PollSchedule(config.minPollInterval(), config.websubSafetyInterval());
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
    try {
      return succeeded(feed, previous, now);
    } catch (IngestFailure f) {
      return failed(feed, previous, f, now);
    } catch (RuntimeException e) {
      // a bug or a library choking on odd input: still this feed's failure, with backoff and an error record, so
      // that it is neither refetched in a tight loop nor silent
      return failed(feed, previous, new IngestFailure(IngestErrorKind.OTHER, "unexpected " + e, e), now);
    }
  }

  private Outcome succeeded(FeedSpec feed, FeedState previous, Instant now) throws IngestFailure, InterruptedException {
    FeedState state = FeedStates.mutableCopy(previous);
    FetchResult result = fetcher.fetch(feed.url(), new ConditionalGetState(previous.getEtag(), previous.getLastModified()));
    List<Article> articles = List.of();
    FeedHints hints = FeedHints.NONE;
    if (!result.notModified()) {
      ParsedFeed parsed = parse(result.body(), result.contentType(), result.finalUri());
      articles = read(feed, parsed, state, now);
      hints = parsed.hints().withLinkHeaders(result.linkHeaders());
      state.setHub(hints.hub()); // at most 2,048 characters each (FeedHints)
      state.setSelfUrl(hints.self());
    }
    // validators only after a successful parse: a body that failed must not be answered by a 304 next time;
    // an absurdly long one is not kept (conditional GET is lost for that feed, nothing else)
    state.setEtag(withinLimit(result.etag()));
    state.setLastModified(withinLimit(result.lastModified()));
    state.setFailures(0);
    state.setLastSuccess(now);
    state.setItemsPublished(previous.getItemsPublished() + articles.size());
    PollSchedule.Interval interval = schedule.next(feed, state.getNewItemTimes(), hints, result.maxAge(),
        WebSubState.active(state, now), now);
    Duration wait = interval.duration();
    state.setPollInterval(wait.toMillis());
    state.setPollIntervalReason(interval.reason());
    // up to 10 % later, so that feeds added together drift apart instead of hitting their servers in lockstep
    long jitter = ThreadLocalRandom.current().nextLong(wait.toMillis() / 10 + 1);
    state.setNextPoll(now.plus(wait).plusMillis(jitter));
    RecordLimits.requireFits(articles, state);
    return new Outcome(feed, state, articles, null, result.notModified());
  }

  /**
   * The outcome of content a WebSub hub pushed for {@code feed}: parsed, de-duplicated and mapped exactly as a
   * polled body (same ids, same limits), but the poll schedule, the validators and the failure count stay as
   * they are: a push is not a poll.
   *
   * @throws IngestFailure when the content is not a readable feed or the result would not fit a record
   */
  public Outcome pushed(FeedSpec feed, FeedState previous, byte[] body, String contentType, Instant now)
      throws IngestFailure, InterruptedException {
    FeedState state = FeedStates.mutableCopy(previous);
    ParsedFeed parsed = parse(body, contentType, feed.url());
    List<Article> articles = read(feed, parsed, state, now);
    state.setItemsPublished(previous.getItemsPublished() + articles.size());
    state.setWebsubLastPush(now);
    RecordLimits.requireFits(articles, state);
    return new Outcome(feed, state, articles, null, false);
  }

  private static ParsedFeed parse(byte[] body, String contentType, URI uri)
      throws IngestFailure, InterruptedException {
    PARSING.acquire();
    try {
      return FeedParser.parse(body, contentType, uri);
    } finally {
      PARSING.release();
    }
  }

  /** The articles of a parsed document, updating {@code state}'s remembered ids, title and new-item times. */
  private List<Article> read(FeedSpec feed, ParsedFeed parsed, FeedState state, Instant now) {
    List<FeedItem> items = parsed.items();
    if (parsed.malformed() != null) {
      // published all the same: recorded as the feed's last error (failures stay 0, no backoff) for feeds status
      LOG.warn("feed {} is malformed, {} items recovered leniently: {}", feed.key(), items.size(), parsed.malformed());
      state.setLastError(IngestErrorKind.MALFORMED + ": recovered leniently: "
          + RecordLimits.cut(parsed.malformed(), RecordLimits.MAX_SHORT_TEXT_CHARS));
      state.setLastErrorAt(now);
      state.setLastErrorKind(IngestErrorKind.MALFORMED.name());
    }
    if (items.size() > RecordLimits.MAX_ITEMS_PER_FETCH) {
      LOG.warn("feed {}: {} items, only the first {} are read", feed.key(), items.size(),
          RecordLimits.MAX_ITEMS_PER_FETCH);
      items = items.subList(0, RecordLimits.MAX_ITEMS_PER_FETCH);
    }
    List<Article> articles = articles(feed, parsed, deduplicator.apply(items, state, now), now);
    if (parsed.title() != null) {
      state.setFeedTitle(RecordLimits.cut(parsed.title(), RecordLimits.MAX_SHORT_TEXT_CHARS));
    }
    state.setNewItemTimes(PollSchedule.newItemTimes(state.getNewItemTimes(), articles, now));
    return articles;
  }

  private static String withinLimit(String header) {
    return header != null && header.length() > RecordLimits.MAX_SHORT_TEXT_CHARS ? null : header;
  }

  /** The outcome of a failed poll: the previous state with one more failure, backoff, and an error record. */
  Outcome failed(FeedSpec feed, FeedState previous, IngestFailure f, Instant now) {
    FeedState state = FeedStates.mutableCopy(previous);
    String message = RecordLimits.cut(f.getMessage() == null ? f.kind().name() : f.getMessage(),
        RecordLimits.MAX_SHORT_TEXT_CHARS);
    int attempt = previous.getFailures() + 1;
    Duration wait = Backoff.delay(attempt, maxBackoff);
    if (f.retryAfter() != null) {
      wait = min(f.retryAfter().compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : f.retryAfter(), MAX_SERVER_DELAY);
    }
    state.setFailures(attempt);
    state.setLastError(f.kind() + ": " + message);
    state.setLastErrorAt(now);
    state.setLastErrorKind(f.kind().name());
    state.setNextPoll(now.plus(wait));
    LOG.warn("feed {} failed: kind={} status={} attempt={} retryIn={}s: {}", feed.key(), f.kind(), f.httpStatus(),
        attempt, wait.toSeconds(), f.getMessage());
    IngestError error = IngestError.newBuilder()
        .setFeedUrl(feed.key())
        .setKind(f.kind())
        .setHttpStatus(f.httpStatus())
        .setMessage(message)
        .setAttempt(attempt)
        .setAt(now)
        .build();
    return new Outcome(feed, state, List.of(), error, false);
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

  /**
   * The article of a decided item, every field within {@link RecordLimits}: a title or body over its limit is cut
   * (the title ends with "…"), a URL over its limit is dropped, and each such change is logged with feed and id.
   */
  static Article article(FeedSpec feed, ParsedFeed parsed, ArticleDeduplicator.Decision d, Instant now) {
    FeedItem item = d.item();
    Instant published = item.published() != null ? item.published() : parsed.published() != null ? parsed.published() : now;
    String title = RecordLimits.cutWithEllipsis(item.title(), RecordLimits.MAX_TITLE_CHARS);
    if (title != item.title()) {
      LOG.warn("feed {} article {}: title of {} characters truncated to {}", feed.key(), d.id(), item.title().length(),
          RecordLimits.MAX_TITLE_CHARS);
    }
    String body = RecordLimits.cut(item.body(), RecordLimits.MAX_BODY_CHARS);
    if (body != item.body()) {
      LOG.warn("feed {} article {}: body of {} characters truncated to {}", feed.key(), d.id(), item.body().length(),
          RecordLimits.MAX_BODY_CHARS);
    }
    String url = d.canonicalLink() != null ? d.canonicalLink() : item.link();
    if (url != null && url.length() > RecordLimits.MAX_URL_CHARS) {
      LOG.warn("feed {} article {}: link of {} characters dropped (limit {})", feed.key(), d.id(), url.length(),
          RecordLimits.MAX_URL_CHARS);
      url = null;
    }
    Set<String> tags = new LinkedHashSet<>();
    for (String tag : feed.tags()) {
      tags.add(RecordLimits.cut(tag, RecordLimits.MAX_TAG_CHARS));
    }
    for (String category : item.categories()) {
      if (tags.size() >= RecordLimits.MAX_TAGS) {
        LOG.warn("feed {} article {}: {} categories, tags limited to {}", feed.key(), d.id(), item.categories().size(),
            RecordLimits.MAX_TAGS);
        break;
      }
      tags.add(RecordLimits.cut(category, RecordLimits.MAX_TAG_CHARS));
    }
    return Article.newBuilder()
        .setId(d.id())
        .setRevision(d.revision())
        .setFeedUrl(feed.key())
        .setSource(RecordLimits.cut(source(feed, parsed), RecordLimits.MAX_SHORT_TEXT_CHARS))
        .setUrl(url)
        .setTitle(title)
        .setBody(body)
        .setPublished(published)
        .setFetched(now)
        .setAuthor(RecordLimits.cut(item.author(), RecordLimits.MAX_SHORT_TEXT_CHARS))
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
