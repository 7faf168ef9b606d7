package io.newssignals.launcher;

import io.newssignals.ops.ConsumerLagWatcher;
import io.newssignals.ops.OpsServer;
import java.util.Optional;

/** One service of the local pipeline (ingest, enrich, alerts) behind the same lifecycle. */
interface PipelineStage extends AutoCloseable {
  String name();

  /**
   * Starts the service.
   *
   * @param schedulePolls for ingest: poll feeds on their intervals (false when the caller polls once)
   */
  void start(boolean schedulePolls);

  /** Polls every feed once (ingest); other stages return 0. */
  default int pollOnce() {
    return 0;
  }

  /** The consumer group this stage reads its inputs with, if it has one. */
  Optional<ConsumerLagWatcher.Group> consumerGroup();

  /** Whether the service is processing: a Streams application in {@code RUNNING} (every task assigned). */
  default boolean isRunning() {
    return true;
  }

  /**
   * Input the service has consumed but not yet turned into output (alerts' reorder buffer): zero consumer lag
   * means the pipeline is done only when this is zero too.
   */
  default long pendingWork() {
    return 0;
  }

  /** Adds what the service shows on the status page (ingest: its feeds) to {@code server}. */
  default void expose(OpsServer server) {}

  /** Why the service has stopped working, or empty while it is healthy. */
  Optional<String> failure();

  @Override
  void close();
}
