package io.newssignals.enrich;

import io.newssignals.schema.EventType;
import java.util.List;

/**
 * The names of the extraction stages, in the order they run. They name a stage in logs, in the {@code degraded}
 * list of an enriched article, in its {@code newssignals.degraded} header and in metrics.
 */
public final class Stages {
  /** Title and body to sentences ({@link Document}). */
  public static final String SENTENCES = "sentences";
  /** Organisations, people and products ({@link EntityTagger}). */
  public static final String ENTITIES = "entities";
  /** Organisations the rules did not know, found by a learned model ({@link OrgModelStage}). */
  public static final String ORG_MODEL = "org-model";
  /** "the Company", "the retailer", a spokesman's "we": mentions of a named company ({@link SubjectCoreference}). */
  public static final String COREFERENCE = "coreference";
  public static final String JOINT_VENTURE = "joint-venture";
  public static final String INVESTMENT = "investment";
  public static final String ACQUISITION = "acquisition";
  public static final String STOCK_MOVE = "stock-move";
  public static final String PARTNERSHIP = "partnership";
  /** The learned deal-sentence classifier, for articles whose deal the rules did not read ({@link DealModelStage}). */
  public static final String DEAL_MODEL = "deal-model";
  /** The learned partnership-status reader, reviewing the rules' partnerships ({@link PartnershipModelStage}). */
  public static final String PARTNERSHIP_MODEL = "partnership-model";
  /** One event per key per article, headline checks. */
  public static final String MERGE = "merge";

  /** Every stage, in order. */
  public static final List<String> ALL = List.of(SENTENCES, ENTITIES, ORG_MODEL, COREFERENCE, JOINT_VENTURE, INVESTMENT, ACQUISITION,
      STOCK_MOVE, PARTNERSHIP, DEAL_MODEL, MERGE, PARTNERSHIP_MODEL);

  private Stages() {}

  /** The stage that detects events of this type. */
  public static String of(EventType type) {
    return switch (type) {
      case JOINT_VENTURE -> JOINT_VENTURE;
      case INVESTMENT -> INVESTMENT;
      case ACQUISITION -> ACQUISITION;
      case STOCK_MOVE -> STOCK_MOVE;
      case PARTNERSHIP -> PARTNERSHIP;
      default -> MERGE;
    };
  }
}
