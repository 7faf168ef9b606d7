package io.newssignals.enrich;

import io.newssignals.schema.AcquisitionStage;
import io.newssignals.schema.Direction;
import io.newssignals.schema.EventType;
import io.newssignals.schema.PartnershipStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** A deal event read from one sentence, before it becomes a {@link io.newssignals.schema.DealEvent}. */
public final class DetectedEvent {
  EventType type;
  final List<String> parties = new ArrayList<>();
  final List<String> investors = new ArrayList<>();
  String target;
  String acquirer;
  String company;
  AmountParser.Found amount;
  Direction direction;
  Double percent;
  AcquisitionStage stage;
  PartnershipStatus status;
  String name;
  String evidence;
  double confidence = 0.9;
  boolean hedged;
  int sentence;
  boolean fromTitle;
  /** PARTNERSHIP: 2 = explicit status cue, 1 = status read by default. STOCK_MOVE: 1 = a closing figure. */
  int strength;
  /** Why the event was found: the stage and rule, or the model and its score (extract --explain). */
  String why;
  /** ACQUISITION: the two parties of a merger whose direction the sentence does not give. */
  boolean unordered;

  DetectedEvent(EventType type) {
    this.type = type;
  }

  public EventType type() {
    return type;
  }

  /** Every company the event involves, sorted. */
  public List<String> allParties() {
    TreeSet<String> s = new TreeSet<>(parties);
    s.addAll(investors);
    if (target != null) {
      s.add(target);
    }
    if (acquirer != null) {
      s.add(acquirer);
    }
    if (company != null) {
      s.add(company);
    }
    return new ArrayList<>(s);
  }

  @Override
  public String toString() {
    return type + " parties=" + allParties() + " stage=" + stage + " status=" + status + " amount="
        + (amount == null ? null : amount.value() + amount.currency()) + " dir=" + direction + " pct=" + percent
        + " hedged=" + hedged + " :: " + evidence;
  }
}
