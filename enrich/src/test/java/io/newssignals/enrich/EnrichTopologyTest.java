package io.newssignals.enrich;

import static io.newssignals.enrich.Articles.article;
import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.schema.Article;
import io.newssignals.schema.DealEvent;
import io.newssignals.schema.EnrichedArticle;
import io.newssignals.schema.EventType;
import io.newssignals.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichTopologyTest {

  @TempDir
  Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, Article> articles;
  private TestInputTopic<byte[], byte[]> rawArticles;
  private TestOutputTopic<String, EnrichedArticle> enriched;
  private TestOutputTopic<String, DealEvent> deals;
  private TestOutputTopic<byte[], byte[]> deadLetters;

  @BeforeEach
  void setUp() {
    EnrichConfig cfg = EnrichConfig.builder().bootstrapServers("unused:9092").stateDir(stateDir).build();
    Properties props = cfg.streamsProperties();
    driver = new TopologyTestDriver(EnrichTopology.build(cfg, TestGazetteer.pipeline()), props);
    articles = driver.createInputTopic(Topics.ARTICLES.name(), Topics.ARTICLES.keySerde().serializer(),
        Topics.ARTICLES.valueSerde().serializer());
    rawArticles = driver.createInputTopic(Topics.ARTICLES.name(), Serdes.ByteArray().serializer(),
        Serdes.ByteArray().serializer());
    enriched = driver.createOutputTopic(Topics.ENRICHED.name(), Topics.ENRICHED.keySerde().deserializer(),
        Topics.ENRICHED.valueSerde().deserializer());
    deals = driver.createOutputTopic(Topics.DEALS.name(), Topics.DEALS.keySerde().deserializer(),
        Topics.DEALS.valueSerde().deserializer());
    deadLetters = driver.createOutputTopic(Topics.DEAD_LETTER.name(), Serdes.ByteArray().deserializer(),
        Serdes.ByteArray().deserializer());
  }

  @AfterEach
  void tearDown() {
    driver.close();
  }

  /** Lets the novelty stage release what it parked: these articles were published long ago, a backlog. */
  private void releaseBacklog() {
    driver.advanceWallClockTime(Duration.ofSeconds(2));
  }

  private static final String BODY = "Globex has signed a partnership with Initech to sell industrial robots in "
      + "Europe, the companies said on Monday. Initech shares jumped 8% on the news. Globex will invest $50 million "
      + "in Initech as part of the agreement, and analysts expect more orders from carmakers later this year.";

  @Test
  void shouldWriteTheEnrichedArticleAndOneDealPerEventKeyedByCompanyPair() {
    Instant t = Instant.parse("2025-05-05T08:00:00Z");
    articles.pipeInput("a-1", article("a-1", "Globex and Initech team up", BODY, t), t);
    releaseBacklog();

    TestRecord<String, EnrichedArticle> e = enriched.readRecord();
    assertThat(e.key()).isEqualTo("a-1");
    assertThat(e.value().getNovelty()).isEqualTo(100);
    assertThat(e.value().getEntities()).extracting(x -> x.getName()).contains("Globex", "Initech");
    assertThat(enriched.isEmpty()).isTrue();

    List<TestRecord<String, DealEvent>> ds = deals.readRecordsToList();
    assertThat(ds).extracting(r -> r.value().getType()).containsExactlyInAnyOrder(EventType.PARTNERSHIP,
        EventType.STOCK_MOVE, EventType.INVESTMENT);
    for (TestRecord<String, DealEvent> r : ds) {
      if (r.value().getType() == EventType.STOCK_MOVE) {
        assertThat(r.key()).isEqualTo("Initech");
      } else {
        assertThat(r.key()).isEqualTo(Topics.pairKey("Initech", "Globex"));
      }
      assertThat(r.value().getArticleId()).isEqualTo("a-1");
    }
    assertThat(deadLetters.isEmpty()).isTrue();
  }

  @Test
  void shouldKeyEventsOfThreeOrMorePartiesBySortedNames() {
    Instant t = Instant.parse("2025-05-05T08:00:00Z");
    articles.pipeInput("a-3", article("a-3", "Alliance", "Initech, Hooli and Globex have agreed to form an alliance "
        + "to build charging networks, the three companies said.", t), t);
    releaseBacklog();
    assertThat(deals.readRecordsToList()).extracting(TestRecord::key).containsExactly("Globex|Hooli|Initech");
  }

  @Test
  void shouldSendUnreadableRecordsToTheDeadLetterTopicAndKeepGoing() {
    Instant t = Instant.parse("2025-05-05T08:00:00Z");
    rawArticles.pipeInput("bad-1".getBytes(StandardCharsets.UTF_8), "not avro".getBytes(StandardCharsets.UTF_8), t);
    articles.pipeInput("a-2", article("a-2", "Globex news", BODY, t), t);
    releaseBacklog();

    TestRecord<byte[], byte[]> dl = deadLetters.readRecord();
    assertThat(new String(dl.key(), StandardCharsets.UTF_8)).isEqualTo("bad-1");
    assertThat(new String(dl.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
    assertThat(header(dl, EnrichTopology.H_TOPIC)).isEqualTo(Topics.ARTICLES.name());
    assertThat(header(dl, EnrichTopology.H_PARTITION)).isEqualTo("0");
    assertThat(header(dl, EnrichTopology.H_OFFSET)).isEqualTo("0");
    assertThat(header(dl, EnrichTopology.H_REASON)).isEqualTo("deserialization");
    assertThat(header(dl, EnrichTopology.H_EXCEPTION)).isNotBlank();
    assertThat(deadLetters.isEmpty()).isTrue();
    assertThat(enriched.readRecord().key()).isEqualTo("a-2");
  }

  @Test
  void shouldMarkASyndicatedCopyAsDuplicateOfTheFirstStory() {
    Instant t = Instant.parse("2025-05-05T08:00:00Z");
    articles.pipeInput("wire-1", article("wire-1", "Globex and Initech team up", BODY, t), t);
    Instant later = t.plusSeconds(1800);
    articles.pipeInput("copy-1", article("copy-1", "Globex, Initech team up", BODY + " (Reporting by Test Wire.)",
        later), later);
    releaseBacklog();

    List<EnrichedArticle> out = enriched.readValuesToList();
    assertThat(out.get(0).getDuplicateOf()).isNull();
    assertThat(out.get(1).getDuplicateOf()).isEqualTo("wire-1");
    assertThat(out.get(1).getNovelty()).isLessThan(50);
    assertThat(deals.readValuesToList()).filteredOn(d -> d.getArticleId().equals("copy-1"))
        .allSatisfy(d -> assertThat(d.getDuplicateOf()).isEqualTo("wire-1"));
  }

  @Test
  void shouldGiveTheSameResultsAsAnInMemorySession() {
    Instant t = Instant.parse("2025-05-05T08:00:00Z");
    List<Article> input = List.of(article("s-1", "Globex and Initech team up", BODY, t),
        article("s-2", "Globex, Initech team up", BODY + " More to come.", t.plusSeconds(60)),
        article("s-3", "Hooli results", "Hooli shares fell 3% after the company cut its forecast for the year, "
            + "citing weaker demand for its cloud products in Europe and Asia.", t.plusSeconds(120)));
    EnrichmentPipeline.Session session = TestGazetteer.pipeline().newSession();
    for (Article a : input) {
      articles.pipeInput(a.getId(), a, a.getPublished());
    }
    releaseBacklog();
    List<EnrichedArticle> fromTopology = enriched.readValuesToList();
    for (int i = 0; i < input.size(); i++) {
      EnrichedArticle batch = session.process(input.get(i));
      EnrichedArticle streamed = fromTopology.get(i);
      assertThat(streamed.getNovelty()).isEqualTo(batch.getNovelty());
      assertThat(streamed.getDuplicateOf()).isEqualTo(batch.getDuplicateOf());
      assertThat(ExtractJson.write(streamed)).isEqualTo(ExtractJson.write(batch));
    }
  }

  @Test
  void shouldGiveALaterStorysShortFormTheFullNameAnEarlierStoryIntroduced() {
    Instant t = Instant.parse("2025-05-05T08:00:00Z");
    articles.pipeInput("q-1", article("q-1", "Globex teams up with Quiver Games", "Globex has signed a partnership"
        + " with Quiver Games, a Helsinki studio, to stream its titles on smart TVs.", t), t);
    Instant later = t.plusSeconds(3600);
    articles.pipeInput("q-2", article("q-2", "Globex widens Quiver deal", "Globex is expanding its partnership"
        + " with Quiver, the studio said on Tuesday, to forty countries.", later), later);
    releaseBacklog();

    List<EnrichedArticle> out = enriched.readValuesToList();
    assertThat(out.get(1).getEntities()).extracting(x -> x.getName()).contains("Quiver Games")
        .doesNotContain("Quiver");
    assertThat(deals.readValuesToList()).filteredOn(d -> d.getArticleId().equals("q-2"))
        .extracting(d -> d.getParties().toString()).containsExactly("[Globex, Quiver Games]");
  }

  @Test
  void shouldTagInALaterStoryAnOrganisationAnEarlierStoryIntroduced() {
    Instant t = Instant.parse("2025-05-05T08:00:00Z");
    articles.pipeInput("r-1", article("r-1", "Globex teams up with Tessel", "Globex has signed a partnership with"
        + " Tessel, a Tallinn exchange operator, to list its bonds. Tessel said the deal would start in May.", t), t);
    Instant later = t.plusSeconds(3600);
    articles.pipeInput("r-2", article("r-2", "Markets close higher", "European bourses closed higher on Tuesday."
        + " Tessel added 2.8% and Initech fell 1%. Bond yields eased.", later), later);
    releaseBacklog();

    assertThat(enriched.readValuesToList().get(1).getEntities()).extracting(x -> x.getName()).contains("Tessel");
    assertThat(deals.readValuesToList()).filteredOn(d -> d.getArticleId().equals("r-2"))
        .extracting(d -> d.getCompany()).contains("Tessel");
  }

  @Test
  void shouldKeepTheNoveltyIndexInOneTaskFedByANamedOnePartitionRepartitionTopic() {
    // regression: the index was partitioned by article id, so a syndicated copy on another partition than its
    // original was published as a first story live while extract and backtest marked it. Now every article goes
    // through one named repartition topic of one partition to the one task that holds the index.
    EnrichConfig cfg = EnrichConfig.builder().bootstrapServers("unused:9092").stateDir(stateDir).build();
    TopologyDescription d = EnrichTopology.build(cfg, TestGazetteer.pipeline()).describe();
    TopologyDescription.Subtopology novelty = d.subtopologies().stream()
        .filter(st -> st.nodes().stream().anyMatch(n -> n.name().equals(EnrichTopology.NOVELTY_PROCESSOR)))
        .findFirst().orElseThrow();
    assertThat(novelty.nodes()).filteredOn(n -> n instanceof TopologyDescription.Source)
        .extracting(n -> ((TopologyDescription.Source) n).topicSet().toString())
        .containsExactly("[" + EnrichTopology.NOVELTY_TOPIC + "-repartition]");
    assertThat(novelty.nodes()).filteredOn(n -> n instanceof TopologyDescription.Processor)
        .flatExtracting(n -> ((TopologyDescription.Processor) n).stores())
        .containsExactlyInAnyOrder(EnrichTopology.NOVELTY_STORE, EnrichTopology.PENDING_STORE,
            EnrichTopology.NAME_STORE);
    assertThat(d.subtopologies()).filteredOn(st -> st != novelty)
        .allSatisfy(st -> assertThat(st.nodes()).noneMatch(n -> n instanceof TopologyDescription.Processor
            && !((TopologyDescription.Processor) n).stores().isEmpty()));
  }

  @Test
  void shouldMarkACopyLiveAsTheReplayDoes() {
    Instant t = Instant.parse("2025-05-05T08:00:00Z");
    articles.pipeInput("story-0", article("story-0", "Globex and Initech team up", BODY, t), t);
    Instant later = t.plusSeconds(600);
    articles.pipeInput("story-1", article("story-1", "Globex, Initech team up", BODY + " (Reporting by Test Wire.)",
        later), later);
    releaseBacklog();

    List<EnrichedArticle> out = enriched.readValuesToList();
    assertThat(out).extracting(e -> e.getArticle().getId()).containsExactly("story-0", "story-1");
    assertThat(out.get(1).getDuplicateOf()).isEqualTo("story-0");
    assertThat(driver.producedTopicNames()).anyMatch(n -> n.endsWith(EnrichTopology.NOVELTY_TOPIC + "-repartition"));
  }

  @Test
  void shouldNotTakeAStoryAboutOtherCompaniesWrittenFromTheSameTemplateForACopy() {
    // regression: stories generated from one template about different company pairs were marked as copies of the
    // first one, and their partnership events were dropped by the alerts service
    Instant t = Instant.parse("2025-05-05T08:00:00Z");
    articles.pipeInput("tpl-1", article("tpl-1", "Globex and Initech team up", template("Globex", "Initech"), t), t);
    articles.pipeInput("tpl-2", article("tpl-2", "Hooli and Northwind team up", template("Hooli", "Northwind"),
        t.plusSeconds(60)), t.plusSeconds(60));
    releaseBacklog();

    List<EnrichedArticle> out = enriched.readValuesToList();
    assertThat(MinHashNoveltyIndex.similarity(
        MinHashNoveltyIndex.signature(EnrichmentPipeline.noveltyText(out.get(0).getArticle())),
        MinHashNoveltyIndex.signature(EnrichmentPipeline.noveltyText(out.get(1).getArticle()))))
        .as("the two texts are near-identical").isGreaterThanOrEqualTo(0.5);
    assertThat(out).extracting(EnrichedArticle::getDuplicateOf).containsOnlyNulls();
    assertThat(out).extracting(EnrichedArticle::getNovelty).containsOnly(100);
  }

  @Test
  void shouldJudgeABacklogInPublishedOrderWhateverOrderItArrivesIn() {
    Instant t = Instant.parse("2025-05-05T08:00:00Z");
    // the copy arrives first: judged on arrival, the original would have been published as a first story too
    Instant later = t.plusSeconds(600);
    articles.pipeInput("copy-2", article("copy-2", "Globex, Initech team up", BODY + " (Reporting by Test Wire.)",
        later), later);
    articles.pipeInput("wire-2", article("wire-2", "Globex and Initech team up", BODY, t), t);
    assertThat(enriched.isEmpty()).as("backlog news is parked until the quiet period is over").isTrue();
    releaseBacklog();

    List<EnrichedArticle> out = enriched.readValuesToList();
    assertThat(out).extracting(e -> e.getArticle().getId()).containsExactly("wire-2", "copy-2");
    assertThat(out).extracting(EnrichedArticle::getDuplicateOf).containsExactly(null, "wire-2");
    assertThat(driver.getKeyValueStore(EnrichTopology.PENDING_STORE).approximateNumEntries()).isZero();
  }

  @Test
  void shouldReleaseOnlyTheOlderHalfOfABacklogThatKeepsArrivingAfterTheMaximumHold() {
    Instant t = Instant.parse("2025-05-05T08:00:00Z");
    for (int i : new int[] {3, 1, 0, 2}) {
      articles.pipeInput("early-" + i, article("early-" + i, "Globex news " + i, BODY, t.plusSeconds(i)), t);
    }
    // more backlog every half second: never a quiet second, so only the maximum hold (10 s) releases anything
    int late = 0;
    while (enriched.isEmpty() && late < 40) {
      driver.advanceWallClockTime(Duration.ofMillis(500));
      Instant p = t.plusSeconds(100 + late);
      articles.pipeInput("late-" + late, article("late-" + late, "Hooli news " + late, BODY, p), p);
      late++;
    }
    List<String> released = enriched.readValuesToList().stream().map(e -> e.getArticle().getId()).toList();
    // released when the clock advanced, before that step's article arrived: half of what was parked then
    assertThat(released).hasSize((4 + late - 1) / 2).startsWith("early-0", "early-1", "early-2", "early-3");
    assertThat(driver.getKeyValueStore(EnrichTopology.PENDING_STORE).approximateNumEntries())
        .isEqualTo(4 + late - released.size());
    releaseBacklog();
    assertThat(enriched.readValuesToList()).hasSize(4 + late - released.size());
  }

  @Test
  void shouldJudgeLiveNewsOnArrival() {
    Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
    articles.pipeInput("live-1", article("live-1", "Globex and Initech team up", BODY, now), now);
    assertThat(enriched.readValuesToList()).extracting(e -> e.getArticle().getId()).containsExactly("live-1");
  }

  private static String template(String a, String b) {
    return a + " has signed a partnership with " + b + " to sell industrial robots in Europe, the companies said "
        + "on Monday. The agreement covers sales, service and training for customers in the car and electronics "
        + "industries, and the two companies expect to sign their first joint contracts before the end of the year. "
        + "Analysts said the deal would help both companies compete with larger rivals in the region, where demand "
        + "for automation has grown quickly as factories struggle to hire workers.";
  }

  private static String header(TestRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
