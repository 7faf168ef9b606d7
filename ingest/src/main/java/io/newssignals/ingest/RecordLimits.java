package io.newssignals.ingest;

import io.newssignals.schema.Article;
import io.newssignals.schema.FeedState;
import io.newssignals.schema.IngestErrorKind;
import io.newssignals.topics.Topics;
import java.util.List;

/**
 * The limits that keep every record ingest writes under the producer's {@value #MAX_RECORD_BYTES}-byte limit, so
 * that one item or one feed can never make a poll's transaction fail: a field over its limit is shortened (and
 * logged by the caller), and a record that would still be too large fails only its own feed.
 *
 * <p>The limits are in characters (UTF-8 takes at most 3 bytes per character, a surrogate pair 4 bytes for two).
 * At every limit at once, in 3-byte characters, an {@link Article} is about 720 KB.
 */
public final class RecordLimits {
  /** The producer's {@code max.request.size}: no record may be larger. */
  public static final int MAX_RECORD_BYTES = 1_000_000;
  /** Longest title kept; a longer one is cut and ends with an ellipsis. */
  public static final int MAX_TITLE_CHARS = 4_096;
  /** Longest body kept. */
  public static final int MAX_BODY_CHARS = 200_000;
  /** Longest article id; a longer GUID or link gives the id {@code urn:news-signals:sha256:<hash of it>}. */
  public static final int MAX_ID_CHARS = 1_024;
  /** Longest article URL kept; a longer one is dropped (the article keeps no URL). */
  public static final int MAX_URL_CHARS = 8_192;
  /** Longest author, source name (a feed's own title), etag, last-modified, feed title or error message kept. */
  public static final int MAX_SHORT_TEXT_CHARS = 1_024;
  /** Most tags per article (the feed's, then the item's categories); each at most {@value #MAX_TAG_CHARS}. */
  public static final int MAX_TAGS = 100;
  public static final int MAX_TAG_CHARS = 256;
  /** Most items read from one fetch, in document order (feeds list the newest first); the rest are ignored. */
  public static final int MAX_ITEMS_PER_FETCH = 500;
  /**
   * Bytes the remembered ids of one feed may take in its {@code FeedState} (ids, content hashes, revisions, last
   * seen times, link aliases); beyond it the least recently seen ids are forgotten, whatever INGEST_RECENT_IDS says.
   * The rest of the state (URL, validators, error, title: each at most {@value #MAX_SHORT_TEXT_CHARS} characters,
   * the URL the operator's) fits in what remains of {@value #MAX_RECORD_BYTES}.
   */
  public static final int MAX_REMEMBERED_BYTES = 768 * 1024;

  private RecordLimits() {}

  /** {@code s} cut to at most {@code max} characters, never between the two halves of a surrogate pair. */
  public static String cut(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    return s.substring(0, end);
  }

  /** {@code s} cut to at most {@code max} characters, ending with "…" when it was cut. */
  public static String cutWithEllipsis(String s, int max) {
    if (s == null || s.length() <= max) {
      return s;
    }
    return cut(s, max - 1) + "…";
  }

  /** Number of bytes of {@code s} in UTF-8 (0 for {@code null}). */
  public static int utf8Length(String s) {
    if (s == null) {
      return 0;
    }
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  /**
   * Checks that the records of one poll fit the producer's limit, serialised as they will be sent.
   *
   * @throws IngestFailure {@code TOO_LARGE} naming the first record that does not fit
   */
  public static void requireFits(List<Article> articles, FeedState state) throws IngestFailure {
    for (Article a : articles) {
      int size = Topics.ARTICLES.valueSerde().serializer().serialize(Topics.ARTICLES.name(), a).length
          + utf8Length(a.getId());
      if (size > MAX_RECORD_BYTES) {
        throw new IngestFailure(IngestErrorKind.TOO_LARGE, "article " + cut(a.getId(), 200) + " would be a record of "
            + size + " bytes, over the producer's limit of " + MAX_RECORD_BYTES + "; the feed's poll is not published");
      }
    }
    int size = Topics.FEED_STATE.valueSerde().serializer().serialize(Topics.FEED_STATE.name(), state).length
        + utf8Length(state.getFeedUrl());
    if (size > MAX_RECORD_BYTES) {
      throw new IngestFailure(IngestErrorKind.TOO_LARGE, "the feed's state would be a record of " + size
          + " bytes, over the producer's limit of " + MAX_RECORD_BYTES + "; the feed's poll is not published");
    }
  }
}
