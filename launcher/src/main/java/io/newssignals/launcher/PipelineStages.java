package io.newssignals.launcher;

import io.newssignals.alerts.AlertsConfig;
import io.newssignals.enrich.EnrichConfig;
import io.newssignals.ingest.IngestConfig;
import io.newssignals.topics.KafkaConnection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the stages of the local pipeline from the services the modules provide, each configured the way it is in
 * production (its config class read from the environment), with the run's flags and data directory layered on
 * top: the cluster, the replication factor, the feeds and webhooks files, the state directories and, for tests
 * sharing a broker, unique application and transactional ids.
 */
final class PipelineStages {
  private PipelineStages() {}

  /** Ingest, enrich and alerts, in pipeline order (started in this order, closed in this order). */
  static List<PipelineStage> create(LocalPipeline.Options options, String bootstrapServers) {
    Map<String, String> env = environment(options, bootstrapServers);
    IngestConfig ingest = IngestConfig.fromEnvironment(env).build();
    EnrichConfig enrich = EnrichConfig.fromEnvironment(bootstrapServers, env);
    AlertsConfig alerts = AlertsConfig.fromEnvironment(env, bootstrapServers, options.webhooksFile().orElse(null));
    return List.of(new IngestStage(ingest), new EnrichStage(enrich), new AlertsStage(alerts));
  }

  /** The services' environment with the run's settings applied (flags win over the environment). */
  static Map<String, String> environment(LocalPipeline.Options options, String bootstrapServers) {
    Map<String, String> env = new HashMap<>(options.env());
    env.put(KafkaConnection.BOOTSTRAP_ENV, bootstrapServers);
    env.put(KafkaConnection.REPLICATION_ENV, String.valueOf(options.replicationFactor()));
    options.feedsFile().ifPresent(f -> env.put(IngestConfig.FEEDS_FILE_ENV, f.toString()));
    env.put(IngestConfig.TRANSACTIONAL_ID_ENV,
        options.id(env.getOrDefault(IngestConfig.TRANSACTIONAL_ID_ENV, "news-signals-ingest")));
    env.put(AlertsConfig.APPLICATION_ID_ENV,
        options.id(env.getOrDefault(AlertsConfig.APPLICATION_ID_ENV, AlertsConfig.APPLICATION_ID_DEFAULT)));
    env.put(EnrichConfig.APPLICATION_ID_ENV,
        options.id(env.getOrDefault(EnrichConfig.APPLICATION_ID_ENV, EnrichConfig.DEFAULT_APPLICATION_ID)));
    env.putIfAbsent(EnrichConfig.STATE_DIR_ENV, options.stateDir("enrich").toString());
    env.putIfAbsent(AlertsConfig.STATE_DIR_ENV, options.stateDir("alerts").toString());
    // alerts' reorder buffer for backlog news (off by default in the service): run waits for it to empty
    // (pendingWork), so the deal events of a backlog are turned into alerts in publication order. Live news is
    // applied on arrival: enrich's one novelty task hands a pair's live events over in the order it judged them.
    env.putIfAbsent(AlertsConfig.REORDER_BACKLOG_QUIET_ENV, "3s");
    return env;
  }
}
