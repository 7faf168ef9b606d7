package io.newssignals.alerts;

import io.newssignals.enrich.EnrichmentPipeline;
import io.newssignals.schema.AlertKind;
import io.newssignals.schema.Article;
import io.newssignals.schema.DealEvent;
import io.newssignals.schema.EnrichedArticle;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.schema.PartnershipState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays articles in published order through the same enrichment ({@link EnrichmentPipeline.Session}, with
 * in-memory novelty) and the same {@link PartnershipStateMachine} as the live topology, keeping pair states in
 * memory. Detection time is the article's published time (there is no wall clock in a replay).
 */
public final class Backtest {
  private final EnrichmentPipeline enrichment;
  private final PartnershipStateMachine machine;

  public Backtest(EnrichmentPipeline enrichment, Duration corroborationWindow) {
    this.enrichment = enrichment;
    this.machine = new PartnershipStateMachine(corroborationWindow);
  }

  /** Every alert record (STATUS_CHANGED and CORROBORATED) the articles would have raised, in replay order. */
  public List<PartnershipAlert> run(List<Article> articles) {
    return run(articles, () -> {});
  }

  /** As {@link #run(List)}, calling {@code afterEach} after each article is enriched (progress reports). */
  public List<PartnershipAlert> run(List<Article> articles, Runnable afterEach) {
    List<Article> ordered = new ArrayList<>(articles);
    ordered.sort(Comparator.comparing(Article::getPublished).thenComparing(Article::getId));
    EnrichmentPipeline.Session session = enrichment.newSession();
    List<DealEvent> events = new ArrayList<>();
    for (Article a : ordered) {
      EnrichedArticle enriched = session.process(a);
      events.addAll(enriched.getEvents());
      afterEach.run();
    }
    return replay(events, machine);
  }

  /** Only the status changes: what the {@code backtest} command prints. */
  public static List<PartnershipAlert> statusChanges(List<PartnershipAlert> alerts) {
    return alerts.stream().filter(a -> a.getKind() == AlertKind.STATUS_CHANGED).toList();
  }

  /** The state machine over deal events in the given order, states in memory. */
  static List<PartnershipAlert> replay(List<DealEvent> events, PartnershipStateMachine machine) {
    Map<String, PartnershipState> states = new LinkedHashMap<>();
    List<PartnershipAlert> alerts = new ArrayList<>();
    for (DealEvent e : events) {
      for (PairObservation obs : PairObservation.fanOut(e)) {
        PartnershipStateMachine.Outcome o = machine.apply(states.get(obs.pairKey()), obs, obs.published());
        if (o.changedState()) {
          states.put(obs.pairKey(), o.state());
        }
        if (o.alert() != null) {
          alerts.add(o.alert());
        }
      }
    }
    return alerts;
  }
}
