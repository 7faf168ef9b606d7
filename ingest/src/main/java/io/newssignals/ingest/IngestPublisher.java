package io.newssignals.ingest;

import io.newssignals.schema.Article;
import io.newssignals.schema.FeedState;
import io.newssignals.schema.IngestError;
import java.util.List;

/**
 * Where a poll's results go. {@link KafkaIngestPublisher} writes them to Kafka in one transaction; the benchmark
 * and tests use in-memory sinks.
 */
public interface IngestPublisher extends AutoCloseable {

  /**
   * The results of polling a set of feeds, published together: the articles (key: id) to
   * {@code Topics.ARTICLES}, the feeds' new states (key: feed URL) to {@code Topics.FEED_STATE} and the failures
   * (key: feed URL) to {@code Topics.INGEST_ERRORS}.
   */
  record Batch(List<Article> articles, List<FeedState> states, List<IngestError> errors) {
    public Batch {
      articles = List.copyOf(articles);
      states = List.copyOf(states);
      errors = List.copyOf(errors);
    }
  }

  /**
   * Publishes a batch: all of it or, on failure, none of it (then the caller keeps its previous feed states and
   * polls again, so nothing is lost). Returns once the batch is durable.
   *
   * @throws RuntimeException when the batch could not be published
   */
  void publish(Batch batch);

  @Override
  void close();
}
