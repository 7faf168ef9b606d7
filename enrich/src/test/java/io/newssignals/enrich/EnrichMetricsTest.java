package io.newssignals.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.ops.OpsMetrics;
import io.newssignals.schema.Article;
import io.newssignals.schema.DealEvent;
import io.newssignals.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enrich meters count what the topology wrote: articles, events by type, dead letters by source topic. */
class EnrichMetricsTest {
  @TempDir Path stateDir;

  private static double count(String name, String... tags) {
    return OpsMetrics.count(OpsMetrics.registry(), name, tags);
  }

  @Test
  void shouldCountArticlesEventsAndDeadLettersAsWritten() {
    EnrichConfig cfg = EnrichConfig.builder().bootstrapServers("unused:9092").stateDir(stateDir).build();
    double articles0 = count(OpsMetrics.ENRICH_ARTICLES);
    double partnerships0 = count(OpsMetrics.ENRICH_EVENTS, "type", "PARTNERSHIP");
    double dead0 = count(OpsMetrics.DEAD_LETTERS, "source", Topics.ARTICLES.name());
    try (TopologyTestDriver driver = new TopologyTestDriver(EnrichTopology.build(cfg, TestGazetteer.pipeline()),
        cfg.streamsProperties())) {
      var in = driver.createInputTopic(Topics.ARTICLES.name(), Topics.ARTICLES.keySerde().serializer(),
          Topics.ARTICLES.valueSerde().serializer());
      var raw = driver.createInputTopic(Topics.ARTICLES.name(), Serdes.ByteArray().serializer(),
          Serdes.ByteArray().serializer());
      var deals = driver.createOutputTopic(Topics.DEALS.name(), Topics.DEALS.keySerde().deserializer(),
          Topics.DEALS.valueSerde().deserializer());
      Instant t = Instant.parse("2025-05-05T08:00:00Z");
      Article a = Articles.article("m-1", "Globex and Initech team up", "Globex has signed a partnership with Initech"
          + " to sell industrial robots in Europe, the companies said on Monday.", t);
      in.pipeInput("m-1", a, t);
      raw.pipeInput("bad".getBytes(StandardCharsets.UTF_8), "{not avro}".getBytes(StandardCharsets.UTF_8), t);
      driver.advanceWallClockTime(java.time.Duration.ofSeconds(2)); // published long ago: parked as backlog first

      List<TestRecord<String, DealEvent>> written = deals.readRecordsToList();
      long partnerships = written.stream().filter(r -> r.value().getType().name().equals("PARTNERSHIP")).count();
      assertThat(partnerships).isPositive();
      assertThat(count(OpsMetrics.ENRICH_ARTICLES) - articles0).isEqualTo(1.0);
      assertThat(count(OpsMetrics.ENRICH_EVENTS, "type", "PARTNERSHIP") - partnerships0).isEqualTo(partnerships);
      assertThat(count(OpsMetrics.DEAD_LETTERS, "source", Topics.ARTICLES.name()) - dead0).isEqualTo(1.0);
    }
  }
}
