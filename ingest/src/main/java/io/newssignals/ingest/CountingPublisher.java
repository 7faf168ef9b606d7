package io.newssignals.ingest;

import java.util.concurrent.atomic.AtomicLong;

/** A publisher that only counts what it is given: the benchmark's sink, so a poll cycle runs without a broker. */
public final class CountingPublisher implements IngestPublisher {
  private final AtomicLong articles = new AtomicLong();
  private final AtomicLong states = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  @Override
  public void publish(Batch batch) {
    articles.addAndGet(batch.articles().size());
    states.addAndGet(batch.states().size());
    errors.addAndGet(batch.errors().size());
  }

  public long articles() {
    return articles.get();
  }

  public long states() {
    return states.get();
  }

  public long errors() {
    return errors.get();
  }

  @Override
  public void close() {}
}
