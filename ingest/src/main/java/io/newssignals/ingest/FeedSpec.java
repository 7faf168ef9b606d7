package io.newssignals.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One configured feed.
 *
 * @param url feed URL ({@code http}, {@code https}, {@code file} when allowed, {@code classpath:samples/...} only for
 *     the bundled samples)
 * @param name outlet name used as {@code Article.source}; {@code null} means the feed's own title
 * @param pollInterval how often to poll it
 * @param tags operator tags, copied to every article of the feed
 * @param line line of the entry in the feeds file (0 when not from a file)
 */
public record FeedSpec(URI url, String name, Duration pollInterval, List<String> tags, int line) {
  public FeedSpec {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(pollInterval, "pollInterval");
    tags = tags == null ? List.of() : List.copyOf(tags);
  }

  /** The key of this feed in the feed-state and errors topics. */
  public String key() {
    return url.toString();
  }

  /** True for a feed bundled in the jar ({@code classpath:} scheme). */
  public boolean bundled() {
    return FeedsConfig.CLASSPATH_SCHEME.equals(url.getScheme());
  }
}
