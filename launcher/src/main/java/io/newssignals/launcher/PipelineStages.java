package io.newssignals.launcher;

import java.util.List;

/** Builds the stages of the local pipeline from the services the modules provide. */
final class PipelineStages {
  private PipelineStages() {}

  /** Ingest, enrich and alerts, in pipeline order (started in this order, closed in this order). */
  static List<PipelineStage> create(LocalPipeline.Options options, String bootstrapServers) {
    // the services are wired here as the ingest, enrich and alerts modules provide them
    return List.of();
  }
}
