package io.newssignals.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.alerts.AlertsConfig;
import io.newssignals.enrich.EnrichConfig;
import io.newssignals.ingest.IngestConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineStagesTest {
  private static final Path DATA = Path.of("/var/tmp/run-data");

  @Test
  void shouldPointTheServicesAtTheRunsClusterAndKeepTheirStateUnderTheDataDirectory() {
    Map<String, String> env = PipelineStages.environment(LocalPipeline.Options.local(DATA), "127.0.0.1:9092");

    assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092")
        .containsEntry("KAFKA_REPLICATION_FACTOR", "1")
        .containsEntry(EnrichConfig.STATE_DIR_ENV, DATA.resolve("state/enrich").toString())
        .containsEntry(AlertsConfig.STATE_DIR_ENV, DATA.resolve("state/alerts").toString())
        .containsEntry(EnrichConfig.APPLICATION_ID_ENV, EnrichConfig.DEFAULT_APPLICATION_ID)
        .containsEntry(AlertsConfig.APPLICATION_ID_ENV, AlertsConfig.APPLICATION_ID_DEFAULT)
        .doesNotContainKey(IngestConfig.FEEDS_FILE_ENV);
  }

  @Test
  void shouldLetTheFeedsFlagWinOverTheEnvironmentAndKeepOtherSettings() {
    LocalPipeline.Options options = LocalPipeline.Options.local(DATA)
        .withEnv(Map.of(IngestConfig.FEEDS_FILE_ENV, "/etc/feeds.yaml", AlertsConfig.STATE_DIR_ENV, "/srv/alerts",
            AlertsConfig.REORDER_QUIET_ENV, "500ms"))
        .withFeedsFile(Path.of("mine.yaml"));

    Map<String, String> env = PipelineStages.environment(options, "h:1");

    assertThat(env).containsEntry(IngestConfig.FEEDS_FILE_ENV, "mine.yaml")
        .containsEntry(AlertsConfig.STATE_DIR_ENV, "/srv/alerts")
        .containsEntry(AlertsConfig.REORDER_QUIET_ENV, "500ms")
        .containsEntry(AlertsConfig.REORDER_BACKLOG_QUIET_ENV, "3s");
  }

  @Test
  void shouldSuffixEveryGroupAndTransactionalIdWithTheInstanceId() {
    Map<String, String> env =
        PipelineStages.environment(LocalPipeline.Options.local(DATA).withInstanceId("t1"), "h:1");

    assertThat(env).containsEntry(IngestConfig.TRANSACTIONAL_ID_ENV, "news-signals-ingest-t1")
        .containsEntry(EnrichConfig.APPLICATION_ID_ENV, EnrichConfig.DEFAULT_APPLICATION_ID + "-t1")
        .containsEntry(AlertsConfig.APPLICATION_ID_ENV, AlertsConfig.APPLICATION_ID_DEFAULT + "-t1");
  }
}
