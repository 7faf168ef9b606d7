package io.newssignals.launcher.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.schema.PartnershipStatus;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticArticlesTest {

  @Test
  void shouldGenerateTheSameStreamForTheSameSeed() {
    List<SyntheticArticles.Generated> a = SyntheticArticles.forArticles(7, 200).next("x-", 50);
    List<SyntheticArticles.Generated> b = SyntheticArticles.forArticles(7, 200).next("x-", 50);
    List<SyntheticArticles.Generated> c = SyntheticArticles.forArticles(8, 200).next("x-", 50);

    assertThat(a).isEqualTo(b);
    assertThat(a).isNotEqualTo(c);
  }

  @Test
  void shouldWriteArticlesOfTwoToFiveKilobytes() {
    for (SyntheticArticles.Generated g : SyntheticArticles.forArticles(1, 500).next("x-", 500)) {
      int bytes = g.article().getBody().getBytes(StandardCharsets.UTF_8).length;
      assertThat(bytes).as(g.article().getId()).isBetween(SyntheticArticles.MIN_BODY_CHARS,
          SyntheticArticles.MAX_BODY_CHARS);
    }
  }

  @Test
  void shouldChangeEachPairsStatusInEveryArticleOverManyPairs() {
    Map<String, String> state = new HashMap<>();
    Set<String> pairs = new HashSet<>();
    long previous = Long.MIN_VALUE;
    for (SyntheticArticles.Generated g : SyntheticArticles.forArticles(3, 2_000).next("x-", 2_000)) {
      SyntheticArticles.Change change = g.change();
      String now = pairState(change.status());
      String before = state.put(change.pairKey(), now);
      assertThat(now).as(g.article().getId()).isNotEqualTo(before);
      if (before == null) {
        assertThat(change.status()).isEqualTo(PartnershipStatus.FORMED);
      }
      pairs.add(change.pairKey());
      String lead = g.article().getBody().substring(0, g.article().getBody().indexOf('.') + 1);
      assertThat(lead).contains(change.first()).contains(change.second());
      long published = g.article().getPublished().toEpochMilli();
      assertThat(published).isGreaterThan(previous);
      previous = published;
    }
    assertThat(pairs).hasSizeGreaterThan(300);
    assertThat(state.values()).contains("ACTIVE", "EXCLUSIVE", "NON_EXCLUSIVE", "STRAINED", "ENDED");
  }

  @Test
  void shouldWriteShortArticlesForFaultTests() {
    for (SyntheticArticles.Generated g : SyntheticArticles.small(1, 100).next("x-", 100)) {
      assertThat(g.article().getBody().length()).isBetween(300, 800);
    }
  }

  private static String pairState(PartnershipStatus s) {
    return s == PartnershipStatus.FORMED || s == PartnershipStatus.EXPANDED ? "ACTIVE" : s.name();
  }
}
