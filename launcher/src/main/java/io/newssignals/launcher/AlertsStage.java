package io.newssignals.launcher;

import io.newssignals.alerts.AlertsConfig;
import io.newssignals.alerts.AlertsService;
import io.newssignals.ops.ConsumerLagWatcher;
import io.newssignals.topics.Topics;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KafkaStreams;

/** Alerts in the local pipeline: its Streams application id is its consumer group, reading {@code signals.deals}. */
final class AlertsStage implements PipelineStage {
  private final AlertsConfig config;
  private final AlertsService service;

  AlertsStage(AlertsConfig config) {
    this.config = config;
    this.service = new AlertsService(config);
  }

  @Override
  public String name() {
    return "alerts";
  }

  @Override
  public void start(boolean schedulePolls) {
    service.start();
  }

  @Override
  public Optional<ConsumerLagWatcher.Group> consumerGroup() {
    return Optional.of(new ConsumerLagWatcher.Group(config.applicationId(), Set.of(Topics.DEALS.name())));
  }

  @Override
  public boolean isRunning() {
    return service.state() == KafkaStreams.State.RUNNING;
  }

  @Override
  public long pendingWork() {
    return service.parkedEvents();
  }

  @Override
  public Optional<String> failure() {
    return StreamsHealth.failure("alerts", service.state());
  }

  @Override
  public void close() {
    service.close();
  }
}
