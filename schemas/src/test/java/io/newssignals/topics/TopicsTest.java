package io.newssignals.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopicsTest {
  @Test
  void shouldNameEveryTopicOnce() {
    Set<String> names = new HashSet<>();
    Topics.all().forEach(t -> assertThat(names.add(t.name())).as("duplicate topic %s", t).isTrue());
  }

  @Test
  void shouldCompactTheStateTopics() {
    assertThat(Topics.PARTNERSHIPS.compacted()).isTrue();
    assertThat(Topics.FEED_STATE.compacted()).isTrue();
    assertThat(Topics.ARTICLES.compacted()).isFalse();
  }

  @Test
  void shouldBuildThePairKeyInNameOrder() {
    assertThat(Topics.pairKey("OpenAI", "Microsoft")).isEqualTo("Microsoft|OpenAI");
    assertThat(Topics.pairKey("Microsoft", "OpenAI")).isEqualTo("Microsoft|OpenAI");
  }

  @Test
  void shouldPreferTheFlagOverTheEnvironment() {
    Map<String, String> env = Map.of(KafkaConnection.BOOTSTRAP_ENV, "env:9092");
    assertThat(KafkaConnection.bootstrapServers("flag:9092", env)).contains("flag:9092");
    assertThat(KafkaConnection.bootstrapServers(null, env)).contains("env:9092");
    assertThat(KafkaConnection.bootstrapServers(" ", Map.of())).isEmpty();
  }
}
