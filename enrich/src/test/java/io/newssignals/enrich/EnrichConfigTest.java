package io.newssignals.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class EnrichConfigTest {

  @Test
  void shouldUseDefaultsAndExactlyOnceWithALowCommitInterval() {
    EnrichConfig c = EnrichConfig.fromEnvironment("broker:9092", Map.of());
    assertThat(c.applicationId()).isEqualTo("news-signals-enrich");
    assertThat(c.noveltyWindow()).isEqualTo(Duration.ofHours(72));
    Properties p = c.streamsProperties();
    assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
    assertThat(p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(20);
    assertThat(p.get(StreamsConfig.POLL_MS_CONFIG)).as("an idle poll delays the next commit").isEqualTo(4L);
    assertThat(p.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG)).isEqualTo("broker:9092");
    assertThat(c.numStreamThreads()).isEqualTo(Math.min(Runtime.getRuntime().availableProcessors(), 6));
  }

  @Test
  void shouldJoinWithAStaticMemberIdKeptInTheStateDirectory(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    EnrichConfig c = EnrichConfig.builder().bootstrapServers("broker:9092").stateDir(dir).build();
    String key = StreamsConfig.consumerPrefix(org.apache.kafka.clients.consumer.ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    Object first = c.streamsProperties().get(key);
    assertThat(first).asString().startsWith("news-signals-enrich-");
    assertThat(EnrichConfig.builder().bootstrapServers("broker:9092").stateDir(dir).build().streamsProperties()
        .get(key)).as("the same instance, restarted").isEqualTo(first);
    assertThat(EnrichConfig.builder().bootstrapServers("broker:9092").stateDir(dir.resolve("other")).build()
        .streamsProperties().get(key)).as("another instance").isNotEqualTo(first);
    assertThat(EnrichConfig.builder().bootstrapServers("broker:9092").stateDir(dir).groupInstanceId("none").build()
        .streamsProperties()).doesNotContainKey(key);
    assertThat(EnrichConfig.fromEnvironment("broker:9092", Map.of("ENRICH_GROUP_INSTANCE_ID", "enrich-a",
        "ENRICH_STATE_DIR", dir.toString())).streamsProperties().get(key)).isEqualTo("enrich-a");
  }

  @Test
  void shouldReadEveryKeyFromTheEnvironment() {
    EnrichConfig c = EnrichConfig.fromEnvironment(null, Map.of("KAFKA_BOOTSTRAP_SERVERS", "k:1",
        "ENRICH_APPLICATION_ID", "enrich-b", "ENRICH_NOVELTY_WINDOW", "PT6H", "ENRICH_NUM_STREAM_THREADS", "3"));
    assertThat(c.bootstrapServers()).isEqualTo("k:1");
    assertThat(c.applicationId()).isEqualTo("enrich-b");
    assertThat(c.noveltyWindow()).isEqualTo(Duration.ofHours(6));
    assertThat(c.numStreamThreads()).isEqualTo(3);
    assertThat(EnrichConfig.ENVIRONMENT).contains("ENRICH_APPLICATION_ID", "ENRICH_GAZETTEER_FILES",
        "ENRICH_NOVELTY_WINDOW", "ENRICH_NUM_STREAM_THREADS", "ENRICH_STATE_DIR", "KAFKA_BOOTSTRAP_SERVERS");
  }

  @Test
  void shouldFailFastNamingTheBadKey() {
    assertThatThrownBy(() -> EnrichConfig.fromEnvironment("b:1", Map.of("ENRICH_NUM_STREAM_THREADS", "many")))
        .hasMessageContaining("ENRICH_NUM_STREAM_THREADS");
    assertThatThrownBy(() -> EnrichConfig.fromEnvironment("b:1", Map.of("ENRICH_NOVELTY_WINDOW", "soon")))
        .hasMessageContaining("ENRICH_NOVELTY_WINDOW");
    assertThatThrownBy(() -> EnrichConfig.fromEnvironment("b:1", Map.of("ENRICH_GAZETTEER_FILES", "/no/such.csv")))
        .hasMessageContaining("ENRICH_GAZETTEER_FILES");
  }

  @Test
  void shouldReadABareNoveltyWindowAsSecondsAndRejectOneWrittenInHours() {
    // regression: the docs said a bare number was hours while it was read as seconds; it is seconds, as for
    // every duration, and the 1h floor makes '72' (meant as hours) fail at start-up instead of meaning 72 s
    assertThat(EnrichConfig.fromEnvironment("b:1", Map.of("ENRICH_NOVELTY_WINDOW", "7200")).noveltyWindow())
        .isEqualTo(Duration.ofHours(2));
    assertThatThrownBy(() -> EnrichConfig.fromEnvironment("b:1", Map.of("ENRICH_NOVELTY_WINDOW", "72")))
        .hasMessage("ENRICH_NOVELTY_WINDOW='72': must be a duration between 1h and 30d");
  }

  @Test
  void shouldDefaultTheReplicationFactorTo3FromTheBuilderAsFromTheEnvironment() {
    // regression: this builder defaulted to 1 (and said so) while the environment default was 3
    assertThat(EnrichConfig.builder().bootstrapServers("b:1").build().replicationFactor()).isEqualTo(3);
    assertThat(EnrichConfig.fromEnvironment("b:1", Map.of()).replicationFactor()).isEqualTo(3);
  }

  @Test
  void shouldDeclareTheDefaultsThePipelineUses() {
    assertThat(EnrichConfig.DEFAULT_NOVELTY_WINDOW).isEqualTo(EnrichmentPipeline.DEFAULT_NOVELTY_WINDOW);
    assertThat(EnrichConfig.ENVIRONMENT).containsExactlyInAnyOrderElementsOf(EnrichConfig.SETTINGS.envNames());
    assertThat(EnrichConfig.effective(Map.of())).extracting(e -> e.name())
        .containsExactlyElementsOf(EnrichConfig.SETTINGS.envNames());
  }
}
