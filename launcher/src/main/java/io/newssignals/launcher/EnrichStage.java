package io.newssignals.launcher;

import io.newssignals.enrich.EnrichConfig;
import io.newssignals.enrich.EnrichService;
import io.newssignals.ops.ConsumerLagWatcher;
import io.newssignals.topics.Topics;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;

/** Enrich in the local pipeline: its Streams application id is its consumer group, reading {@code news.articles}. */
final class EnrichStage implements PipelineStage {
  private final EnrichConfig config;
  private final EnrichService service;

  EnrichStage(EnrichConfig config) {
    this.config = config;
    this.service = new EnrichService(config);
  }

  @Override
  public String name() {
    return "enrich";
  }

  @Override
  public void start(boolean schedulePolls) {
    service.start();
  }

  @Override
  public Optional<ConsumerLagWatcher.Group> consumerGroup() {
    return Optional.of(new ConsumerLagWatcher.Group(config.applicationId(), Set.of(Topics.ARTICLES.name())));
  }

  @Override
  public long pendingWork() {
    return service.parkedArticles();
  }

  @Override
  public boolean isRunning() {
    return service.streams() != null && service.streams().state() == KafkaStreams.State.RUNNING;
  }

  @Override
  public Optional<String> failure() {
    return service.streams() == null ? Optional.empty() : StreamsHealth.failure("enrich", service.streams().state());
  }

  @Override
  public void close() {
    service.close();
  }
}
