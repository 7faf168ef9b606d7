package io.newssignals.ingest;

import io.newssignals.schema.Article;
import io.newssignals.schema.FeedState;
import io.newssignals.schema.IngestError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;

/** Keeps everything published, like the three topics would (feed state compacted by key). */
final class RecordingPublisher implements IngestPublisher {
  final List<Article> articles = new CopyOnWriteArrayList<>();
  final List<IngestError> errors = new CopyOnWriteArrayList<>();
  final Map<String, FeedState> states = new HashMap<>();
  boolean failNext;
  RuntimeException failAlwaysWith;
  /** Articles the "broker" refuses as too large, as a producer refuses a record over max.request.size. */
  Predicate<Article> tooLarge = a -> false;
  int attempts;

  @Override
  public synchronized void publish(Batch batch) {
    attempts++;
    if (failAlwaysWith != null) {
      throw failAlwaysWith;
    }
    if (failNext) {
      failNext = false;
      throw new IllegalStateException("broker unavailable (test)");
    }
    for (Article a : batch.articles()) {
      if (tooLarge.test(a)) {
        throw new KafkaException("Cannot execute transactional method because we are in an error state",
            new RecordTooLargeException("article " + a.getId() + " is too large (test)"));
      }
    }
    articles.addAll(batch.articles());
    errors.addAll(batch.errors());
    batch.states().forEach(s -> states.put(s.getFeedUrl(), FeedStates.mutableCopy(s)));
  }

  @Override
  public void close() {}
}
