package io.newssignals.launcher;

import io.newssignals.ingest.IngestConfig;
import io.newssignals.ingest.IngestService;
import io.newssignals.ops.ConsumerLagWatcher;
import io.newssignals.ops.OpsServer;
import java.util.Optional;

/** Ingest in the local pipeline: a producer only, so it has no consumer group to wait for. */
final class IngestStage implements PipelineStage {
  private final IngestService service;

  IngestStage(IngestConfig config) {
    this.service = new IngestService(config);
  }

  @Override
  public String name() {
    return "ingest";
  }

  @Override
  public void start(boolean schedulePolls) {
    if (schedulePolls) {
      service.start();
    }
  }

  @Override
  public int pollOnce() {
    return service.pollAllOnce();
  }

  @Override
  public Optional<ConsumerLagWatcher.Group> consumerGroup() {
    return Optional.empty();
  }

  /** Ingest is running once its feeds' state is restored and its producer ready. */
  @Override
  public boolean isRunning() {
    return service.restored();
  }

  @Override
  public void expose(OpsServer server) {
    server.section("feeds", service::feedStatus);
    service.exposeWebSub(server);
  }

  @Override
  public Optional<String> failure() {
    return Optional.empty();
  }

  @Override
  public void close() {
    service.close();
  }
}
