package io.newssignals.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LagCommandTest {
  private static final TopicPartition A0 = new TopicPartition("news.articles", 0);
  private static final TopicPartition A1 = new TopicPartition("news.articles", 1);
  private static final TopicPartition R0 = new TopicPartition("news-signals-enrich-x-repartition", 0);

  @Test
  void shouldSumTheLagOfATopicsPartitions() {
    List<LagCommand.Row> rows = LagCommand.rows("news-signals-enrich", "STABLE", Map.of(A0, 10L, A1, 5L, R0, 7L),
        Map.of(A0, 0L, A1, 0L, R0, 0L), Map.of(A0, 12L, A1, 5L, R0, 7L));

    assertThat(rows).containsExactly(
        new LagCommand.Row("news-signals-enrich", "STABLE", "news-signals-enrich-x-repartition", 1, 7, 7, 0),
        new LagCommand.Row("news-signals-enrich", "STABLE", "news.articles", 2, 15, 17, 2));
  }

  @Test
  void shouldCountAPartitionNeverCommittedOnFromItsOldestRetainedRecord() {
    List<LagCommand.Row> rows = LagCommand.rows("g", "EMPTY", Map.of(A0, 10L), Map.of(A0, 0L, A1, 3L),
        Map.of(A0, 10L, A1, 8L));

    assertThat(rows).containsExactly(new LagCommand.Row("g", "EMPTY", "news.articles", 2, 13, 18, 5));
  }

  @Test
  void shouldPrintAnAlignedTable() {
    String table = LagCommand.table(List.of(
        new LagCommand.Row("news-signals-alerts", "STABLE", "signals.deals", 6, 120, 123, 3),
        new LagCommand.Row("news-signals-enrich", "EMPTY", "news.articles", 6, 1000, 1000, 0)));

    assertThat(table).isEqualTo(""
        + "GROUP                STATE   TOPIC          PARTITIONS  POSITION   END  LAG\n"
        + "news-signals-alerts  STABLE  signals.deals           6       120   123    3\n"
        + "news-signals-enrich  EMPTY   news.articles           6      1000  1000    0\n");
  }

  @Test
  void shouldSayWhenTheClusterHasNoConsumerGroup() {
    assertThat(LagCommand.table(List.of())).isEqualTo("no consumer groups\n");
  }

  @Test
  void shouldWriteOneJsonObjectPerGroupAndTopic() {
    assertThat(LagCommand.json(new LagCommand.Row("g", "STABLE", "signals.deals", 6, 120, 123, 3))).isEqualTo(
        "{\"group\":\"g\",\"state\":\"STABLE\",\"topic\":\"signals.deals\",\"partitions\":6,\"position\":120,"
            + "\"end\":123,\"lag\":3}");
  }
}
