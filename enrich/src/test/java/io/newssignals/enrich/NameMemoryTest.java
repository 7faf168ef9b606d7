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
import java.util.Set;
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

  private static final String INTRO_TITLE = "Globex teams up with Tessel";
  private static final String INTRO = "Globex has signed a partnership with Tessel, a Tallinn exchange operator, to"
      + " list its bonds. Tessel said the deal would start in May.";
  private static final String WRAP = "European bourses closed higher on Tuesday. Tessel added 2.8% and Initech fell"
      + " 1%. Bond yields eased.";

  @Test
  void shouldTagAnOrganisationAnEarlierArticleIntroducedWhereALaterOneWritesItWithoutCues() {
    EnrichmentPipeline.Session s = pipeline.newSession();
    s.process(article("d-1", INTRO_TITLE, INTRO, T));
    EnrichedArticle wrap = s.process(article("d-2", "Markets close higher", WRAP, T.plus(Duration.ofDays(1))));
    assertThat(names(wrap)).contains("Tessel");
    assertThat(wrap.getEvents()).filteredOn(d -> d.getType() == EventType.STOCK_MOVE)
        .extracting(DealEvent::getCompany).contains("Tessel");
    // the market wrap alone does not name it: the memory, not the tagger, found it
    EnrichedArticle alone = pipeline.newSession().process(article("d-2", "Markets close higher", WRAP,
        T.plus(Duration.ofDays(1))));
    assertThat(names(alone)).doesNotContain("Tessel");
  }

  @Test
  void shouldRememberOnlyOrganisationsNamedTwiceOrMadeAPartyAndOnlyWithinTheWindow() {
    NameMemory memory = NameMemory.inMemory(Duration.ofDays(10));
    EnrichedArticle intro = pipeline.enrich(article("e-1", INTRO_TITLE, INTRO, T));
    memory.rememberOrganisations(intro, T.toEpochMilli());
    long day = Duration.ofDays(1).toMillis();
    assertThat(memory.rememberedIn(WRAP, Set.of(), T.toEpochMilli() + day)).containsExactly("Tessel");
    // a name the article's own entities already give is not looked up again
    assertThat(memory.rememberedIn(WRAP, Set.of("Tessel"), T.toEpochMilli() + day)).isEmpty();
    // lower case is not a name, and the window forgets
    assertThat(memory.rememberedIn("the tessel rose", Set.of(), T.toEpochMilli() + day)).isEmpty();
    assertThat(memory.rememberedIn(WRAP, Set.of(), T.toEpochMilli() + 11 * day)).isEmpty();
    // an event party's place is not an organisation: "Tallinn" is never remembered
    assertThat(memory.rememberedIn("Tallinn rose", Set.of(), T.toEpochMilli() + day)).isEmpty();
  }
}
