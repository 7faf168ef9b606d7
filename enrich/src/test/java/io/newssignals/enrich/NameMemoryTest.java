package io.newssignals.enrich;

import static io.newssignals.enrich.Articles.article;
import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.schema.DealEvent;
import io.newssignals.schema.EnrichedArticle;
import io.newssignals.schema.Entity;
import io.newssignals.schema.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NameMemoryTest {
  private static final Instant T = Instant.parse("2026-03-02T09:00:00Z");
  private final EnrichmentPipeline pipeline = TestGazetteer.pipeline();

  private static List<String> names(EnrichedArticle e) {
    return e.getEntities().stream().map(Entity::getName).toList();
  }

  private static List<String> partners(EnrichedArticle e) {
    return e.getEvents().stream().filter(d -> d.getType() == EventType.PARTNERSHIP)
        .map(DealEvent::getParties).map(Object::toString).toList();
  }

  @Test
  void shouldNameAShortFormByTheFullNameAnEarlierArticleIntroduced() {
    EnrichmentPipeline.Session s = pipeline.newSession();
    s.process(article("a-1", "Globex teams up with Quiver Games", "Globex has signed a partnership with Quiver"
        + " Games, a Helsinki studio, to stream its titles.", T));
    EnrichedArticle later = s.process(article("a-2", "Quiver deal ends", "Globex has ended its partnership with"
        + " Quiver, the studio said.", T.plus(Duration.ofDays(30))));
    assertThat(names(later)).contains("Quiver Games").doesNotContain("Quiver");
    assertThat(partners(later)).containsExactly("[Globex, Quiver Games]");
    // without the earlier story the short form stands (the memory, not the tagger, completed it)
    EnrichedArticle alone = pipeline.newSession().process(article("a-2", "Quiver deal ends", "Globex has ended its"
        + " partnership with Quiver, the studio said.", T.plus(Duration.ofDays(30))));
    assertThat(names(alone)).contains("Quiver");
  }

  @Test
  void shouldRenameNothingWhenTwoRememberedNamesShareTheFirstWord() {
    EnrichmentPipeline.Session s = pipeline.newSession();
    s.process(article("b-1", "Globex backs Quiver Games", "Globex has signed a partnership with Quiver Games, a"
        + " Helsinki studio.", T));
    s.process(article("b-2", "Initech and Quiver Robotics", "Initech has signed a partnership with Quiver Robotics,"
        + " a Tampere startup.", T.plusSeconds(60)));
    EnrichedArticle later = s.process(article("b-3", "Quiver deal ends", "Globex has ended its partnership with"
        + " Quiver, the studio said.", T.plusSeconds(120)));
    assertThat(names(later)).contains("Quiver");
  }

  @Test
  void shouldForgetANameNotSeenWithinTheWindow() {
    NameMemory memory = NameMemory.inMemory(Duration.ofDays(10));
    EnrichedArticle first = pipeline.enrich(article("c-1", "Globex teams up with Quiver Games", "Globex has signed"
        + " a partnership with Quiver Games, a Helsinki studio.", T));
    memory.apply(first, T.toEpochMilli());
    EnrichedArticle late = pipeline.enrich(article("c-2", "Quiver deal ends", "Globex has ended its partnership"
        + " with Quiver, the studio said.", T));
    memory.apply(late, T.plus(Duration.ofDays(11)).toEpochMilli());
    assertThat(names(late)).contains("Quiver");
    assertThat(memory.purge(T.plus(Duration.ofDays(9)).toEpochMilli())).isZero();
    assertThat(memory.purge(T.plus(Duration.ofDays(11)).toEpochMilli())).isEqualTo(1);
  }
}
