package io.newssignals.alerts;

import io.newssignals.schema.AlertKind;
import io.newssignals.schema.Evidence;
import io.newssignals.schema.PairStatus;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.schema.PartnershipState;
import io.newssignals.schema.PartnershipStatus;
import io.newssignals.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The partnership state of one unordered company pair, as a pure function: (current state, observation) → (next
 * state, alert). Used unchanged by the Streams processor ({@link PartnershipStateProcessor}) and the backtest
 * ({@link Backtest}), so the two cannot diverge.
 *
 * <p>Rules:
 * <ul>
 *   <li>FORMED and EXPANDED are ACTIVE; every other reported status maps to the pair status of the same name.</li>
 *   <li>An observation whose status differs from the pair's current status is a change: one STATUS_CHANGED alert,
 *       previous = the old status (null for the first report of a pair).</li>
 *   <li>Event time decides: an observation published before the latest one applied to the pair never changes the
 *       status (a late article does not flip the state back).</li>
 *   <li>A later (or late, but not older than the change) report of the current status from another article is a
 *       corroboration: count, sources and article ids grow, one CORROBORATED record is emitted, no second status
 *       alert. Beyond the corroboration window the report only refreshes the last event time.</li>
 *   <li>The same article seen again (redelivery, two events of one article covering the same pair) is ignored.</li>
 *   <li>A change backed only by hedged language is flagged {@code hedged}; a later firm corroboration clears it.</li>
 * </ul>
 */
public final class PartnershipStateMachine {
  /** Article ids kept per pair, to recognise redeliveries; older ids fall off. */
  static final int MAX_ARTICLE_IDS = 100;

  private final Duration corroborationWindow;

  public PartnershipStateMachine(Duration corroborationWindow) {
    this.corroborationWindow = Objects.requireNonNull(corroborationWindow, "corroborationWindow");
  }

  /** What one observation did: the state to store (null when unchanged) and the alert to emit (or null). */
  public record Outcome(PartnershipState state, PartnershipAlert alert) {
    static final Outcome UNCHANGED = new Outcome(null, null);

    public boolean changedState() {
      return state != null;
    }
  }

  public static PairStatus pairStatus(PartnershipStatus reported) {
    return switch (reported) {
      case FORMED, EXPANDED -> PairStatus.ACTIVE;
      case EXCLUSIVE -> PairStatus.EXCLUSIVE;
      case NON_EXCLUSIVE -> PairStatus.NON_EXCLUSIVE;
      case STRAINED -> PairStatus.STRAINED;
      case ENDED -> PairStatus.ENDED;
      // a status added by a later release, read here as the enum's default: no state to move to
      case UNKNOWN -> null;
    };
  }

  /**
   * Applies one observation.
   *
   * @param current the pair's stored state, or null if the pair was never seen
   * @param obs the observation
   * @param detectedAt wall-clock time of detection (goes into the alert)
   */
  public Outcome apply(PartnershipState current, PairObservation obs, Instant detectedAt) {
    PairStatus next = pairStatus(obs.status());
    if (next == null) {
      return Outcome.UNCHANGED;
    }
    if (current == null) {
      return change(null, obs, next, detectedAt);
    }
    if (current.getArticleIds().contains(obs.articleId()) && current.getStatus() == next) {
      return Outcome.UNCHANGED;
    }
    boolean late = obs.published().isBefore(current.getLastEventTime());
    if (current.getStatus() == next) {
      if (obs.published().isBefore(current.getSince())) {
        // reports an earlier period of the same status, not the change we alerted on
        return Outcome.UNCHANGED;
      }
      if (Duration.between(current.getSince(), obs.published()).compareTo(corroborationWindow) > 0) {
        if (late) {
          return Outcome.UNCHANGED;
        }
        PartnershipState refreshed = PartnershipState.newBuilder(current).setLastEventTime(obs.published()).build();
        return new Outcome(refreshed, null);
      }
      return corroborate(current, obs, late, detectedAt);
    }
    if (late) {
      return Outcome.UNCHANGED;
    }
    return change(current, obs, next, detectedAt);
  }

  private Outcome change(PartnershipState current, PairObservation obs, PairStatus next, Instant detectedAt) {
    PairStatus previous = current == null ? null : current.getStatus();
    String id = AlertIds.statusChange(obs.pairKey(), previous, next, obs.published());
    List<String> sources = new ArrayList<>(List.of(obs.source()));
    List<String> articleIds = new ArrayList<>(List.of(obs.articleId()));
    PartnershipState state = PartnershipState.newBuilder()
        .setPair(new ArrayList<>(List.of(obs.a(), obs.b())))
        .setStatus(next)
        .setPrevious(previous)
        .setSince(obs.published())
        .setLastEventTime(obs.published())
        .setAlertId(id)
        .setEvidence(copy(obs.evidence()))
        .setConfidence(obs.confidence())
        .setHedged(obs.hedged())
        .setCorroborations(0)
        .setSources(sources)
        .setArticleIds(articleIds)
        .build();
    PartnershipAlert alert = PartnershipAlert.newBuilder()
        .setId(id)
        .setKind(AlertKind.STATUS_CHANGED)
        .setPair(new ArrayList<>(List.of(obs.a(), obs.b())))
        .setPrevious(previous)
        .setCurrent(next)
        .setReportedStatus(obs.status())
        .setConfidence(obs.confidence())
        .setHedged(obs.hedged())
        .setEvidence(copy(obs.evidence()))
        .setFirstReported(obs.published())
        .setDetectedAt(detectedAt)
        .setCorroborationCount(0)
        .setSources(new ArrayList<>(sources))
        .setArticleIds(new ArrayList<>(articleIds))
        .setCorroborates(null)
        .build();
    return new Outcome(state, alert);
  }

  private Outcome corroborate(PartnershipState current, PairObservation obs, boolean late, Instant detectedAt) {
    List<String> sources = new ArrayList<>(current.getSources());
    if (!sources.contains(obs.source())) {
      sources.add(obs.source());
    }
    List<String> articleIds = new ArrayList<>(current.getArticleIds());
    articleIds.add(obs.articleId());
    while (articleIds.size() > MAX_ARTICLE_IDS) {
      articleIds.remove(0);
    }
    int count = current.getCorroborations() + 1;
    boolean hedged = current.getHedged() && obs.hedged();
    double confidence = Math.max(current.getConfidence(), obs.confidence());
    PartnershipState state = PartnershipState.newBuilder(current)
        .setLastEventTime(late ? current.getLastEventTime() : obs.published())
        .setCorroborations(count)
        .setSources(sources)
        .setArticleIds(articleIds)
        .setHedged(hedged)
        .setConfidence(confidence)
        .build();
    String statusAlertId = current.getAlertId() == null
        ? AlertIds.statusChange(Topics.pairKey(current.getPair().get(0), current.getPair().get(1)), current.getPrevious(), current.getStatus(), current.getSince())
        : current.getAlertId();
    PartnershipAlert alert = PartnershipAlert.newBuilder()
        .setId(AlertIds.corroboration(statusAlertId, obs.articleId()))
        .setKind(AlertKind.CORROBORATED)
        .setPair(new ArrayList<>(current.getPair()))
        .setPrevious(current.getPrevious())
        .setCurrent(current.getStatus())
        .setReportedStatus(obs.status())
        .setConfidence(confidence)
        .setHedged(hedged)
        .setEvidence(copy(obs.evidence()))
        .setFirstReported(current.getSince())
        .setDetectedAt(detectedAt)
        .setCorroborationCount(count)
        .setSources(new ArrayList<>(sources))
        .setArticleIds(new ArrayList<>(articleIds))
        .setCorroborates(statusAlertId)
        .build();
    return new Outcome(state, alert);
  }

  private static Evidence copy(Evidence e) {
    return Evidence.newBuilder(e).build();
  }
}
