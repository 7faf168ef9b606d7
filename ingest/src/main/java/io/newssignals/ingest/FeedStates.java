package io.newssignals.ingest;

import io.newssignals.schema.FeedState;
import java.time.Instant;
import java.util.HashMap;

/** Creating and copying {@link FeedState} records. */
public final class FeedStates {
  private FeedStates() {}

  /** The state of a feed never polled: due now. */
  public static FeedState initial(String feedUrl) {
    return FeedState.newBuilder()
        .setFeedUrl(feedUrl)
        .setSeen(new HashMap<>())
        .setRevisions(new HashMap<>())
        .setLastSeen(new HashMap<>())
        .setAliases(new HashMap<>())
        .setNextPoll(Instant.EPOCH)
        .build();
  }

  /** A deep copy with mutable maps, to update without touching the original. */
  public static FeedState mutableCopy(FeedState s) {
    FeedState c = FeedState.newBuilder(s).build();
    c.setSeen(new HashMap<>(s.getSeen()));
    c.setRevisions(new HashMap<>(s.getRevisions()));
    c.setLastSeen(new HashMap<>(s.getLastSeen()));
    c.setAliases(new HashMap<>(s.getAliases()));
    return c;
  }
}
