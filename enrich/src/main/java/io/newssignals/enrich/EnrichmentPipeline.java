package io.newssignals.enrich;

import io.newssignals.schema.Amount;
import io.newssignals.schema.Article;
import io.newssignals.schema.DealEvent;
import io.newssignals.schema.EnrichedArticle;
import io.newssignals.schema.Entity;
import io.newssignals.schema.EntityType;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an article into the entities it is about and the deals it reports. {@link #enrich(Article)} is pure and
 * stateless (novelty 100); a {@link Session} adds near-duplicate detection with an in-memory {@link NoveltyIndex}
 * and gives the same results as the Streams topology for the same ordered input.
 */
public final class EnrichmentPipeline {

  /** Default window within which a near-identical story counts as a copy. */
  public static final Duration DEFAULT_NOVELTY_WINDOW = Duration.ofDays(3);

  /**
   * Time one article may take before its remaining sentences are skipped and it is published degraded: far below
   * Kafka's transaction timeout and poll interval, far above what a real story needs (about 1.5 ms).
   */
  public static final Duration DEFAULT_ARTICLE_BUDGET = Duration.ofSeconds(2);

  private static final Logger LOG = LoggerFactory.getLogger(EnrichmentPipeline.class);

  private final EntityTagger tagger;
  private Duration articleBudget = DEFAULT_ARTICLE_BUDGET;
  private final EventDetector detector;
  private final OrgModelStage orgModel;

  private EnrichmentPipeline(Gazetteer gazetteer) {
    this(gazetteer, new EventDetector());
  }

  private EnrichmentPipeline(Gazetteer gazetteer, EventDetector detector) {
    this.tagger = new EntityTagger(new GazetteerMatcher(gazetteer));
    this.detector = detector;
    this.orgModel = OrgModelStage.bundled();
  }

  /** A pipeline whose named detector stages throw (tests of fault isolation). */
  static EnrichmentPipeline withFailingStages(Gazetteer gazetteer, Set<String> stages) {
    return new EnrichmentPipeline(gazetteer, new EventDetector(stages));
  }

  /** A pipeline over the gazetteer shipped in the jar. */
  public static EnrichmentPipeline withBundledGazetteer() {
    return new EnrichmentPipeline(Gazetteer.bundled());
  }

  /** A pipeline over the bundled gazetteer extended (and overridden by id) by the given files, in order. */
  public static EnrichmentPipeline withGazetteerFiles(List<Path> extra) {
    Gazetteer.Builder b = Gazetteer.builder().addBundled();
    for (Path p : extra) {
      b.addFile(p);
    }
    return new EnrichmentPipeline(b.build());
  }

  /** A pipeline over exactly this gazetteer (tests, benchmarks). */
  public static EnrichmentPipeline withGazetteer(Gazetteer gazetteer) {
    return new EnrichmentPipeline(gazetteer);
  }

  /** Sets the per-article time budget (default {@link #DEFAULT_ARTICLE_BUDGET}); returns this pipeline. */
  public EnrichmentPipeline withArticleBudget(Duration budget) {
    if (budget.isNegative() || budget.isZero()) {
      throw new IllegalArgumentException("article budget must be positive: " + budget);
    }
    this.articleBudget = budget;
    return this;
  }

  public EntityTagger tagger() {
    return tagger;
  }

  /** Entities and events of one article; pure, stateless, novelty 100. */
  public EnrichedArticle enrich(Article a) {
    return enrich(a, new Degradation());
  }

  /**
   * Entities and events of one article, recording in {@code degradation} what was lost: a stage that throws loses
   * only its own output for this article (logged with the article id), a text over the caps is read up to them, and
   * reading stops when the article's time budget is spent. The result lists the degraded stages.
   */
  public EnrichedArticle enrich(Article a, Degradation degradation) {
    return enrich(a, degradation, Set.of());
  }

  /**
   * As {@link #enrich(Article, Degradation)}, with organisations remembered from earlier articles ({@link
   * NameMemory}) tagged wherever the text writes them and its own reading did not.
   */
  EnrichedArticle enrich(Article a, Degradation degradation, Set<String> remembered) {
    long deadline = System.nanoTime() + articleBudget.toNanos();
    Document doc;
    try {
      doc = Document.of(a.getTitle(), a.getBody());
    } catch (RuntimeException e) {
      degradation.failed(Stages.SENTENCES, e);
      doc = Document.of("", "");
    }
    if (doc.truncated()) {
      degradation.add(Degradation.TRUNCATED, "text over " + Document.MAX_TEXT_CHARS + " characters was cut");
    }
    Tagging tagging;
    try {
      tagging = tagger.tag(doc);
    } catch (RuntimeException e) {
      degradation.failed(Stages.ENTITIES, e);
      tagging = tagger.tag(Document.of("", ""));
    }
    if (!degradation.has(Stages.ENTITIES)) {
      try {
        tagging = ExchangeNames.drop(orgModel.extend(tagging));
      } catch (RuntimeException e) {
        degradation.failed(Stages.ORG_MODEL, e); // the rule tagger's entities stand
      }
      if (!remembered.isEmpty()) {
        try {
          tagging = ExchangeNames.drop(OrgModelStage.withRemembered(tagging, remembered));
        } catch (RuntimeException e) {
          degradation.failed(Stages.ORG_MODEL, e);
        }
      }
      try {
        tagging = SubjectCoreference.resolve(tagging);
      } catch (RuntimeException e) {
        degradation.failed(Stages.COREFERENCE, e); // the named mentions stand
      }
    }
    List<DetectedEvent> detected = degradation.has(Stages.ENTITIES) ? List.of()
        : detector.detect(tagging, deadline, degradation);
    if (!degradation.isEmpty()) {
      LOG.warn("article {} degraded: {}", a.getId(), degradation);
    }
    List<Entity> entities = new ArrayList<>();
    for (TaggedEntity te : tagging.entities()) {
      entities.add(Entity.newBuilder()
          .setId(te.id())
          .setName(te.name())
          .setType(te.type())
          .setTicker(te.type() == EntityType.ORG ? te.reportedTicker() : null)
          .setExchange(te.type() == EntityType.ORG && te.reportedTicker() != null ? te.exchange() : null)
          .setOwner(te.owner())
          .setMentions(te.mentions())
          .setRelevance(relevance(te, doc))
          .build());
    }
    List<DealEvent> events = new ArrayList<>();
    for (DetectedEvent d : detected) {
      events.add(toDealEvent(a, d, events.size()));
    }
    return EnrichedArticle.newBuilder()
        .setArticle(a)
        .setEntities(entities)
        .setEvents(events)
        .setNovelty(100)
        .setDuplicateOf(null)
        .setEnrichedAt(Instant.EPOCH)
        .setDegraded(degradation.stages())
        .build();
  }

  /** Applies a novelty verdict to an enriched article and its events (a copy; the argument is left as it is). */
  public static EnrichedArticle withNovelty(EnrichedArticle e, NoveltyIndex.Verdict v) {
    return applyNovelty(EnrichedArticle.newBuilder(e).build(), v);
  }

  /**
   * Applies a novelty verdict in place to an enriched article this caller owns (just decoded or just built) and
   * returns it: no copy of the article, its body and its events per record.
   */
  public static EnrichedArticle applyNovelty(EnrichedArticle e, NoveltyIndex.Verdict v) {
    e.setNovelty(v.novelty());
    e.setDuplicateOf(v.duplicateOf());
    for (DealEvent d : e.getEvents()) {
      d.setNovelty(v.novelty());
      d.setDuplicateOf(v.duplicateOf());
    }
    return e;
  }

  /** The text novelty is judged on. */
  public static String noveltyText(Article a) {
    return a.getTitle() + "\n" + a.getBody();
  }

  public Session newSession() {
    return newSession(DEFAULT_NOVELTY_WINDOW);
  }

  public Session newSession(Duration noveltyWindow) {
    return new Session(MinHashNoveltyIndex.inMemory(noveltyWindow), NameMemory.inMemory(NameMemory.DEFAULT_WINDOW));
  }

  /**
   * Ordered processing with the state the live novelty task keeps (in memory): names remembered across articles,
   * then novelty. For batch replays: extract and backtest.
   */
  public final class Session {
    private final NoveltyIndex novelty;
    private final NameMemory names;

    private Session(NoveltyIndex novelty, NameMemory names) {
      this.novelty = novelty;
      this.names = names;
    }

    public EnrichedArticle process(Article a) {
      EnrichedArticle e = remembering(enrich(a), names);
      NoveltyIndex.Verdict v = novelty.checkAndRecord(a.getId(), MinHashNoveltyIndex.signature(noveltyText(a)),
          NoveltyIndex.storyOf(e.getEvents()), a.getPublished().toEpochMilli());
      return applyNovelty(e, v);
    }
  }

  /**
   * The article as the name memory reads it, in the order articles are judged (the live novelty task and the batch
   * session both call this): read again when it writes organisations earlier articles introduced that its own
   * reading missed, then given the remembered full names of its short ones, then remembered itself. Returns the
   * article (a new one when read again).
   */
  EnrichedArticle remembering(EnrichedArticle e, NameMemory names) {
    Article a = e.getArticle();
    long at = a.getPublished().toEpochMilli();
    Set<String> present = new HashSet<>();
    for (Entity x : e.getEntities()) {
      present.add(x.getName());
    }
    Set<String> missed = names.rememberedIn(noveltyText(a), present, at);
    EnrichedArticle out = e;
    if (!missed.isEmpty()) {
      out = enrich(a, new Degradation(), missed);
      out.setEnrichedAt(e.getEnrichedAt());
    }
    names.apply(out, at);
    names.rememberOrganisations(out, at);
    return out;
  }

  private static int relevance(TaggedEntity te, Document doc) {
    int inTitle = 0;
    int inLead = 0;
    int lead = doc.firstBodySentence() + 1;
    for (int[] s : te.spans()) {
      Document.Sentence sent = doc.sentenceAt(s[0]);
      if (sent == null) {
        continue;
      }
      if (sent.title()) {
        inTitle++;
      } else if (sent.index() <= lead) {
        inLead++;
      }
    }
    double score = (inTitle > 0 ? 40 : 0) + (inLead > 0 ? 25 : 0) + Math.min(te.mentions(), 5) * 5;
    double position = doc.text().isEmpty() ? 0 : 1.0 - (double) te.firstStart() / doc.text().length();
    score += 10 * position;
    if (te.type() == EntityType.PRODUCT) {
      score *= 0.8;
    }
    return (int) Math.max(1, Math.min(100, Math.round(score)));
  }

  private static DealEvent toDealEvent(Article a, DetectedEvent d, int index) {
    return DealEvent.newBuilder()
        .setEventId(a.getId() + "#" + index)
        .setType(d.type)
        .setParties(d.allParties())
        .setInvestors(new ArrayList<>(d.investors))
        .setTarget(d.target)
        .setAcquirer(d.acquirer)
        .setCompany(d.company)
        .setAmount(d.amount == null ? null : new Amount(d.amount.value(), d.amount.currency()))
        .setDirection(d.direction)
        .setPercent(d.percent)
        .setStage(d.stage)
        .setStatus(d.status)
        .setName(d.name)
        .setEvidence(d.evidence == null ? "" : d.evidence)
        .setConfidence(d.confidence)
        .setHedged(d.hedged)
        .setExplanation(d.why)
        .setArticleId(a.getId())
        .setSource(a.getSource())
        .setUrl(a.getUrl())
        .setTitle(a.getTitle())
        .setPublished(a.getPublished())
        .setNovelty(100)
        .setDuplicateOf(null)
        .build();
  }
}
