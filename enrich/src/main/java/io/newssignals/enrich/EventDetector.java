package io.newssignals.enrich;

import io.newssignals.schema.AcquisitionStage;
import io.newssignals.schema.Direction;
import io.newssignals.schema.EntityType;
import io.newssignals.schema.EventType;
import io.newssignals.schema.PartnershipStatus;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads deal events sentence by sentence from a tagged document: INVESTMENT, ACQUISITION, STOCK_MOVE, PARTNERSHIP and
 * JOINT_VENTURE. Denials, negations, hypotheticals and reported talks are handled per the labelling guide (see
 * docs/enrich.md): they give no event, except that rumoured acquisitions become RUMORED and unconfirmed strain
 * becomes STRAINED, both with {@code hedged = true}.
 */
public final class EventDetector {

  private static final int CI = Pattern.CASE_INSENSITIVE;
  // the cue lexicons: one rule file per event type, loaded and checked when this class loads
  private static final RuleFile COMMON_RULES = RuleFile.load("/enrich/rules/common.rules");
  private static final RuleFile INVESTMENT_RULES = RuleFile.load("/enrich/rules/investment.rules");
  private static final RuleFile ACQUISITION_RULES = RuleFile.load("/enrich/rules/acquisition.rules");
  private static final RuleFile STOCK_MOVE_RULES = RuleFile.load("/enrich/rules/stock-move.rules");
  private static final RuleFile PARTNERSHIP_RULES = RuleFile.load("/enrich/rules/partnership.rules");
  private static final RuleFile JOINT_VENTURE_RULES = RuleFile.load("/enrich/rules/joint-venture.rules");
  /** A funding round (investment.rules): the learned deal-sentence stage makes no takeover of one. */
  static final Pattern FUNDING_ROUND = INVESTMENT_RULES.pattern("FUNDING_ROUND");
  /** A formation told as the time of other news (partnership.rules): the learned stage adds no FORMED there. */
  static final Pattern PAST_FORMATION = PARTNERSHIP_RULES.pattern("PAST_FORMATION");

  // ------------------------------------------------------------------ shared cues
  static final Pattern DENIAL = COMMON_RULES.pattern("DENIAL");
  static final Pattern RUMOUR = COMMON_RULES.pattern("RUMOUR");
  /** Every {@link #DENIAL} match contains one of these (lower case). */
  static final List<String> DENIAL_NEEDS = List.of("den", "dismiss", "reject", "refut", "rebuff", "push", "not a",
      "neither");
  /** Every {@link #RUMOUR} match contains one of these (lower case). */
  static final List<String> RUMOUR_NEEDS = List.of("talks", "discussions", "negotiations", "said to", "reportedly",
      "people ", "source", "according to", "weigh", "consider", "mull", "exploring", "approached", "nearing a deal",
      "close to a deal", "rumo", "speculat", "been reported", "media report");

  static boolean containsAny(String lower, List<String> needles) {
    for (String n : needles) {
      if (lower.contains(n)) {
        return true;
      }
    }
    return false;
  }

  static final Pattern TALKS = COMMON_RULES.pattern("TALKS");
  static final Pattern MODAL_BEFORE = COMMON_RULES.pattern("MODAL_BEFORE");
  static final Pattern NEGATION_BEFORE = COMMON_RULES.pattern("NEGATION_BEFORE");
  static final Pattern PERSON_MODIFIER = COMMON_RULES.pattern("PERSON_MODIFIER");
  static final Pattern DESCRIPTOR = COMMON_RULES.pattern("DESCRIPTOR");

  // ------------------------------------------------------------------ INVESTMENT
  static final Pattern INVEST_VERB = INVESTMENT_RULES.pattern("INVEST_VERB");
  /** Every {@link #INVEST_VERB} match contains one of these (lower case). */
  static final List<String> INVEST_VERB_NEEDS = List.of("invest", "put", "pour", "inject", "plough", "plow", "commit",
      "pledg");
  static final Pattern INVEST_NOUN = INVESTMENT_RULES.pattern("INVEST_NOUN");
  /** Every {@link #INVEST_NOUN} match contains one of these (lower case). */
  static final List<String> INVEST_NOUN_NEEDS = List.of("stake", "investment", "commitment", "backing");
  static final Pattern RAISE = INVESTMENT_RULES.pattern("RAISE");
  /** Every {@link #RAISE} match contains one of these and one of {@link #ROUND_NEEDS} (lower case). */
  static final List<String> RAISE_NEEDS = List.of("rais", "secur", "clos", "land", "bag", "receiv", "get", "got",
      "attract", "announc", "complet");
  /** Every {@link #RAISE} match contains one of these (its look-ahead), as does every {@link #PARTICIPATED_IN} and
   * {@link #LED_ROUND} match (lower case). */
  static final List<String> ROUND_NEEDS = List.of("round", "funding", "financing", "series ", "seed", "investment",
      "capital", "from", "raise");
  private static final Pattern ROUND_INVESTORS = INVESTMENT_RULES.pattern("ROUND_INVESTORS");
  private static final Pattern DISPOSAL = INVESTMENT_RULES.pattern("DISPOSAL");
  static final Pattern PARTICIPATED_IN = INVESTMENT_RULES.pattern("PARTICIPATED_IN");
  /** Every {@link #PARTICIPATED_IN} match contains one of these (lower case). */
  static final List<String> PARTICIPATED_IN_NEEDS = List.of("particip", "took part", "takes part", "join");
  static final Pattern LED_ROUND = INVESTMENT_RULES.pattern("LED_ROUND");
  /** Every {@link #LED_ROUND} match contains one of these (lower case). */
  static final List<String> LED_ROUND_NEEDS = List.of("led", "lead");
  private static final Pattern LED_POSSESSED_ROUND = INVESTMENT_RULES.pattern("LED_POSSESSED_ROUND");
  private static final Pattern PARTICIPATION = INVESTMENT_RULES.pattern("PARTICIPATION");
  private static final Pattern LED_THE_ROUND = INVESTMENT_RULES.pattern("LED_THE_ROUND");
  private static final Pattern WITH_PARTICIPANTS = INVESTMENT_RULES.pattern("WITH_PARTICIPANTS");
  private static final Pattern NOT_AN_INVESTMENT_AMOUNT = INVESTMENT_RULES.pattern("NOT_AN_INVESTMENT_AMOUNT");

  // ------------------------------------------------------------------ ACQUISITION
  static final Pattern ACQ_ACTIVE = ACQUISITION_RULES.pattern("ACQ_ACTIVE");
  /** Every {@link #ACQ_ACTIVE} match contains one of these (lower case). */
  static final List<String> ACQ_ACTIVE_NEEDS = List.of("acqui", "takeover", "buyout", "purchas", "buy", "bought",
      "take over", "takes over", "took over", "taking over", "snap", "swallow", "bid for", "offer for", "paid", "approach");
  /** Every {@link #ACQ_PASSIVE} match contains one of these (lower case). */
  static final List<String> ACQ_PASSIVE_NEEDS = List.of("acquired", "bought", "purchase", "taken over", "snapped up",
      "acquisition", "takeover", "sale", "sold", "sell");
  private static final Pattern ACQ_NOUN_BEFORE = ACQUISITION_RULES.pattern("ACQ_NOUN_BEFORE");
  static final Pattern ACQ_PASSIVE = ACQUISITION_RULES.pattern("ACQ_PASSIVE");
  private static final Pattern ABANDONED = ACQUISITION_RULES.pattern("ABANDONED");
  private static final Pattern COMPLETED = ACQUISITION_RULES.pattern("COMPLETED");
  private static final Pattern SHARE_PRICE_AFTER = ACQUISITION_RULES.pattern("SHARE_PRICE_AFTER");
  /** "walked away from Globex's $2 billion takeover offer"; group 1 is where the possessive "'s" starts. */
  static final Pattern WALKED_FROM_OFFER = ACQUISITION_RULES.pattern("WALKED_FROM_OFFER");
  /** Every {@link #WALKED_FROM_OFFER} match contains one of these and one of {@link #DEAL_NOUN_NEEDS} (lower case). */
  static final List<String> WALKED_FROM_NEEDS = List.of("walk", "pull", "call", "abandon", "scrap", "terminat");
  static final List<String> DEAL_NOUN_NEEDS = List.of("takeover", "acquisition", "buyout", "purchase");
  /** From the buying verb over the target to its price: " server maker Hooli for about ". */
  private static final Pattern PRICE_AFTER_TARGET = ACQUISITION_RULES.pattern("PRICE_AFTER_TARGET");
  /** A sentence whose subject refers back to a company: "The company, which ...", "It agreed to buy". */
  private static final Pattern SUBJECT_ANAPHOR = ACQUISITION_RULES.pattern("SUBJECT_ANAPHOR");
  /** After the company bought: its stock, not the company ("buy Globex common stock", "buying Globex shares"). */
  private static final Pattern BLOCK_OF_SHARES_AFTER = ACQUISITION_RULES.pattern("BLOCK_OF_SHARES_AFTER");
  private static final Pattern FEE_BEFORE = ACQUISITION_RULES.pattern("FEE_BEFORE");

  // ------------------------------------------------------------------ STOCK_MOVE
  /** Starts only where a number starts and never gives digits back: linear in the sentence (a run of digits made
   * the plain {@code \\d+} form quadratic). */
  static final Pattern PERCENT = STOCK_MOVE_RULES.pattern("PERCENT");
  /** Every {@link #PERCENT} match contains one of these (lower case). */
  static final List<String> PERCENT_NEEDS = List.of("%", "percent", "per cent", "pct");
  private static final Pattern MOVE_BEFORE = STOCK_MOVE_RULES.pattern("MOVE_BEFORE");
  /** How far before and after a percent figure the stock-move rules look for its verb and qualifiers. */
  private static final int MOVE_WINDOW = 200;
  private static final Pattern MOVE_AFTER = STOCK_MOVE_RULES.pattern("MOVE_AFTER");
  private static final Pattern UP_MOVE = STOCK_MOVE_RULES.pattern("UP_MOVE");
  /** A signed figure in a movers list: "Starbucks (SBUX) +4.4%", "Ford (F) -3.2% - the automaker recalled". */
  private static final Pattern SIGNED_BEFORE = STOCK_MOVE_RULES.pattern("SIGNED_BEFORE");
  private static final Pattern NOUN_MOVE_BEFORE = STOCK_MOVE_RULES.pattern("NOUN_MOVE_BEFORE");
  private static final Pattern NOT_A_MOVE_AFTER = STOCK_MOVE_RULES.pattern("NOT_A_MOVE_AFTER");
  private static final Pattern NOT_A_MOVE_SEGMENT = STOCK_MOVE_RULES.pattern("NOT_A_MOVE_SEGMENT");
  /** Where the next move's words begin after a percent: "and have gained", ", up". */
  private static final Pattern NEXT_MOVE = STOCK_MOVE_RULES.pattern("NEXT_MOVE");
  private static final Pattern SHARES_WORD = STOCK_MOVE_RULES.pattern("SHARES_WORD");
  private static final Pattern CLOSE_WORD = STOCK_MOVE_RULES.pattern("CLOSE_WORD");
  private static final Pattern INTRADAY = STOCK_MOVE_RULES.pattern("INTRADAY");
  private static final Pattern MOVE_BOUNDARY = STOCK_MOVE_RULES.pattern("MOVE_BOUNDARY");

  // ------------------------------------------------------------------ PARTNERSHIP
  static final Pattern PARTNERSHIP_WORD = PARTNERSHIP_RULES.pattern("PARTNERSHIP_WORD");
  static final Pattern STRONG_PARTNERSHIP_WORD = PARTNERSHIP_RULES.pattern("STRONG_PARTNERSHIP_WORD");
  /** Every {@link #STRONG_PARTNERSHIP_WORD} match contains one of these (lower case). */
  static final List<String> STRONG_PARTNERSHIP_NEEDS = List.of("partner", "allian", "collaborat", "tie-up", "tieup",
      "tie up", "ties up", "tied up", "team", "join", "pact", "develop", "cooperat", "co-operat", "memorand", "together",
      "joint", "work", "relation", "consorti", "sharing", "associat");
  /** Every {@link #PARTNERSHIP_WORD} match contains one of these (lower case). */
  static final List<String> PARTNERSHIP_NEEDS = List.of("partner", "allian", "collaborat", "tie-up", "tieup", "tie up",
      "ties up", "tied up", "team", "join", "pact", "develop", "cooperat", "co-operat", "memorand", "together",
      "arrangement", "agreement", "deal", "relationship", "pilot", "contract", "joint", "work", "relation", "consorti",
      "sharing", "associat");
  private static final Pattern ENDED = PARTNERSHIP_RULES.pattern("ENDED");
  private static final Pattern STRAINED = PARTNERSHIP_RULES.pattern("STRAINED");
  private static final Pattern NON_EXCLUSIVE = PARTNERSHIP_RULES.pattern("NON_EXCLUSIVE");
  private static final Pattern EXCLUSIVE = PARTNERSHIP_RULES.pattern("EXCLUSIVE");
  private static final Pattern EXCLUSIVE_STATE_BEFORE = PARTNERSHIP_RULES.pattern("EXCLUSIVE_STATE_BEFORE");
  private static final Pattern EXCLUSIVE_CHANGE = PARTNERSHIP_RULES.pattern("EXCLUSIVE_CHANGE");
  private static final Pattern EXPANDED = PARTNERSHIP_RULES.pattern("EXPANDED");
  private static final Pattern FORMED = PARTNERSHIP_RULES.pattern("FORMED");
  /** A conditional clause before the trigger: "If X and Y were to form ...". */
  private static final Pattern CONDITIONAL = PARTNERSHIP_RULES.pattern("CONDITIONAL");
  private static final Pattern QUESTION = PARTNERSHIP_RULES.pattern("QUESTION");
  /** Speculation before an ending: "could end", "is considering ending", "threatened to pull out of". */
  private static final Pattern SPECULATIVE_BEFORE = PARTNERSHIP_RULES.pattern("SPECULATIVE_BEFORE");
  private static final Pattern BACKGROUND_BEFORE = PARTNERSHIP_RULES.pattern("BACKGROUND_BEFORE");
  private static final Pattern BACKGROUND_AFTER = PARTNERSHIP_RULES.pattern("BACKGROUND_AFTER");

  // ------------------------------------------------------------------ JOINT_VENTURE
  static final Pattern JV = JOINT_VENTURE_RULES.pattern("JV");
  /** Every {@link #JV} match contains one of these (lower case). */
  static final List<String> JV_NEEDS = List.of("joint", "jv", "venture");
  private static final Pattern JV_NAME_CUE = JOINT_VENTURE_RULES.pattern("JV_NAME_CUE");
  private static final Pattern JV_AMOUNT_BEFORE = JOINT_VENTURE_RULES.pattern("JV_AMOUNT_BEFORE");

  private static final Pattern CLAUSE_BOUNDARY = Pattern.compile(
      ";|\\bwhile\\b|\\bwhereas\\b|\\bbut\\b|\\balthough\\b|\\bthough\\b|,\\s+(?:which|who)\\b|\\bafter\\b|"
          + "\\bbefore\\b|\\bbecause\\b|\\bas\\b(?= [A-Z])|,\\s+(?:and|as)\\s+(?=[a-z])", CI);

  /** Stages made to throw after they ran, to test fault isolation; empty in production. */
  private final Set<String> failing;

  private final DealModelStage dealModel;
  private final PartnershipModelStage partnershipModel;

  /** A detector with the bundled deal-sentence model (read once; a missing or broken model fails here). */
  public EventDetector() {
    this(Set.of());
  }

  /** A detector whose named stages throw on every sentence (tests of fault isolation). */
  EventDetector(Set<String> failing) {
    this.failing = Set.copyOf(failing);
    this.dealModel = new DealModelStage(DealSentenceModel.bundled());
    this.partnershipModel = new PartnershipModelStage(PartnershipStatusModel.bundled());
  }

  /** Detects all events in a tagged document, merged per the one-event-per-key rules; no time budget. */
  public List<DetectedEvent> detect(Tagging tagging) {
    return detect(tagging, Long.MAX_VALUE, new Degradation());
  }

  /** A detector of one event type over one sentence: one stage of the extraction. */
  @FunctionalInterface
  private interface SentenceStage {
    void run(Ctx c, List<DetectedEvent> out);
  }

  /**
   * Detects all events in a tagged document. Each detector is a stage isolated from the others: when it throws on an
   * article, its output for that article is dropped and recorded in {@code degradation}, and the other stages go on.
   * Sentences are read until {@code deadlineNanos} ({@link System#nanoTime()}); the rest is recorded as
   * {@link Degradation#BUDGET}.
   */
  public List<DetectedEvent> detect(Tagging tagging, long deadlineNanos, Degradation degradation) {
    Document doc = tagging.document();
    List<DetectedEvent> raw = new ArrayList<>();
    for (Document.Sentence s : doc.sentences()) {
      if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
        degradation.add(Degradation.BUDGET, "time budget spent at sentence " + s.index() + " of "
            + doc.sentences().size());
        break;
      }
      Ctx c = new Ctx(tagging, s);
      int before = raw.size();
      if (c.orgs.isEmpty()) {
        stage(Stages.STOCK_MOVE, c, raw, degradation, this::detectStockMoves); // "Its shares rose 5%" names no company
        stage(Stages.JOINT_VENTURE, c, raw, degradation, (x, out) -> detectAnaphoricJointVenture(tagging, s, x.text, out));
        stage(Stages.PARTNERSHIP, c, raw, degradation, this::detectPartnership); // "The companies are expanding ..."
      } else {
        boolean[] jvSentence = new boolean[1];
        stage(Stages.JOINT_VENTURE, c, raw, degradation, (x, out) -> jvSentence[0] = detectJointVenture(x, out));
        // a joint-venture stage that failed on this article cannot tell: leave the sentence to no partnership
        boolean jv = jvSentence[0] || degradation.has(Stages.JOINT_VENTURE);
        stage(Stages.INVESTMENT, c, raw, degradation, this::detectInvestments);
        stage(Stages.ACQUISITION, c, raw, degradation, this::detectAcquisitions);
        stage(Stages.ACQUISITION, c, raw, degradation, this::detectEndedMerger);
        stage(Stages.STOCK_MOVE, c, raw, degradation, this::detectStockMoves);
        if (!jv) {
          stage(Stages.PARTNERSHIP, c, raw, degradation, (x, out) -> detectPartnershipInClauses(tagging, s, x, out));
        }
      }
      for (int i = before; i < raw.size(); i++) {
        DetectedEvent e = raw.get(i);
        e.sentence = s.index();
        e.fromTitle = s.title();
        e.evidence = c.text;
        if (e.fromTitle) {
          e.confidence = Math.min(e.confidence, 0.6);
        }
      }
    }
    for (String failed : degradation.stages()) {
      raw.removeIf(e -> Stages.of(e.type).equals(failed));
    }
    if (!degradation.has(Degradation.BUDGET)
        && raw.stream().noneMatch(e -> e.type == EventType.ACQUISITION || e.type == EventType.INVESTMENT)) {
      int before = raw.size();
      try {
        dealModel.detect(tagging, raw);
        if (failing.contains(Stages.DEAL_MODEL)) {
          throw new IllegalStateException("injected fault in stage " + Stages.DEAL_MODEL);
        }
      } catch (RuntimeException e) {
        raw.subList(before, raw.size()).clear();
        degradation.failed(Stages.DEAL_MODEL, e);
      }
    }
    List<DetectedEvent> merged;
    try {
      // a leaver's pairs are split off before the model reads the parties, so that it judges each pair
      merged = leaversApart(tagging, dropStakesInVentures(tagging, dropUnconfirmedHeadlines(tagging, merge(raw))));
    } catch (RuntimeException e) {
      degradation.failed(Stages.MERGE, e);
      return List.of();
    }
    if (!degradation.has(Stages.PARTNERSHIP)) {
      try {
        merged = partnershipModel.review(tagging, merged);
        if (failing.contains(Stages.PARTNERSHIP_MODEL)) {
          throw new IllegalStateException("injected fault in stage " + Stages.PARTNERSHIP_MODEL);
        }
      } catch (RuntimeException e) {
        degradation.failed(Stages.PARTNERSHIP_MODEL, e);
      }
    }
    return withoutClaims(withoutCrowds(withoutReporters(tagging, withoutPublicBodyPartners(tagging, merged))));
  }

  private static final Pattern QUOTED_CLAIM_BULLET = COMMON_RULES.pattern("QUOTED_CLAIM_BULLET");
  private static final Pattern QUOTED_DEAL = COMMON_RULES.pattern("QUOTED_DEAL");
  private static final Pattern CLAIM_WORD = COMMON_RULES.pattern("CLAIM_WORD");

  /**
   * Deals that are claims quoted from forums and posts ('- "AMD is buying Sable."', 'the "GameStop will buy
   * Pixelvault outright" post'), not news: acquisitions, investments and partnerships read from such a sentence go.
   */
  private static List<DetectedEvent> withoutClaims(List<DetectedEvent> events) {
    events.removeIf(e -> (e.type == EventType.ACQUISITION || e.type == EventType.INVESTMENT
        || e.type == EventType.PARTNERSHIP) && e.evidence != null
        && (QUOTED_CLAIM_BULLET.matcher(e.evidence).find()
            || QUOTED_DEAL.matcher(e.evidence).find() && CLAIM_WORD.matcher(e.evidence).find()));
    return events;
  }

  /**
   * Most companies one partnership joins: of 1,305 labelled partnerships (every set in {@code eval/}) one has four
   * parties and none more. A "partnership" of five or more companies named in one sentence is a recap or a list of
   * other matters ("things the forums announced that never happened: Palantir buying Bluecrest, Microsoft partnering
   * with Qubitron, Meta taking ..."), and its pairs would each raise an alert.
   */
  static final int MAX_PARTNERSHIP_PARTIES = 4;

  private static List<DetectedEvent> withoutCrowds(List<DetectedEvent> events) {
    for (DetectedEvent e : events) {
      if (e.type == EventType.PARTNERSHIP) {
        // "Arm (Nasdaq: ARM)": one company written twice is one party, under its name rather than its capitals
        e.parties.removeIf(p -> p.equals(p.toUpperCase(Locale.ROOT))
            && e.parties.stream().anyMatch(q -> !q.equals(p) && q.equalsIgnoreCase(p)));
      }
    }
    events.removeIf(e -> e.type == EventType.PARTNERSHIP
        && (e.parties.size() > MAX_PARTNERSHIP_PARTIES || e.parties.size() < 2));
    return events;
  }

  /**
   * "Eutelsat has withdrawn from its alliance with Airbus and Marlowe Satellite": one member leaving a partnership
   * of three or more ends its pairs with each of the others, not the others' pair with each other. An ended
   * partnership of three or more whose sentence has a leaving verb right after the first party becomes one ended
   * partnership per pair of that party and another.
   */
  private static List<DetectedEvent> leaversApart(Tagging tagging, List<DetectedEvent> events) {
    List<DetectedEvent> out = new ArrayList<>(events.size());
    for (DetectedEvent e : events) {
      String leaver = e.type == EventType.PARTNERSHIP && e.status == PartnershipStatus.ENDED && e.parties.size() >= 3
          ? leaver(tagging, e) : null;
      if (leaver == null) {
        out.add(e);
        continue;
      }
      for (String other : e.parties) {
        if (other.equals(leaver)) {
          continue;
        }
        DetectedEvent pair = new DetectedEvent(EventType.PARTNERSHIP);
        pair.parties.addAll(new TreeSet<>(List.of(leaver, other)));
        pair.status = e.status;
        pair.strength = e.strength;
        pair.hedged = e.hedged;
        pair.confidence = e.confidence;
        pair.sentence = e.sentence;
        pair.fromTitle = e.fromTitle;
        pair.evidence = e.evidence;
        pair.why = e.why + "; " + leaver + " leaves the others";
        out.add(pair);
      }
    }
    return out;
  }

  /** The party named first in the event's sentence when a leaving verb follows it, before any other party. */
  private static String leaver(Tagging tagging, DetectedEvent e) {
    Document doc = tagging.document();
    if (e.sentence < 0 || e.sentence >= doc.sentences().size()) {
      return null;
    }
    Document.Sentence s = doc.sentences().get(e.sentence);
    String text = doc.sentenceText(s);
    Matcher leave = LEAVING.matcher(text);
    if (!leave.find()) {
      return null;
    }
    String first = null;
    for (Tagging.Mention m : tagging.mentionsIn(s.start(), s.end(), EntityType.ORG)) {
      String name = m.entity().name();
      if (!e.parties.contains(name)) {
        continue;
      }
      if (first == null) {
        first = name;
        if (m.end() - s.start() > leave.start()) {
          return null; // the first party is named after the verb: not its subject
        }
      } else if (!name.equals(first) && m.start() - s.start() < leave.start()) {
        return null; // "Airbus and Eutelsat have withdrawn": two subjects
      }
    }
    return first;
  }

  private static final Pattern LEAVING = Pattern.compile(
      "\\b(?:withdr(?:ew|awn|aws|awing) from|pull(?:ed|s|ing)? out of|exit(?:ed|s|ing)?|leav(?:e|es|ing)|left|"
          + "quit(?:s|ting)?|walk(?:ed|s|ing)? away from|drop(?:ped|s)? out of|step(?:ped|s)? (?:away|back) from)\\b", CI);

  /**
   * Courts, regulators and ministries hear, review or approve partnerships; they are not partners ("sued Wrenfield in
   * the Delaware Court of Chancery", "a consent decree filed by the Department of Justice"). Removed from every
   * partnership; one left with fewer than two parties is dropped.
   */
  private static List<DetectedEvent> withoutPublicBodyPartners(Tagging tagging, List<DetectedEvent> events) {
    Set<String> bodies = new java.util.HashSet<>();
    for (TaggedEntity te : tagging.entities()) {
      if (te.type() == EntityType.ORG && ("public_body".equals(te.category()) || "regulator".equals(te.category())
          || te.id() == null && PUBLIC_BODY_NAME.matcher(te.name()).find() && !PORT_NAME.matcher(te.name()).find())) {
        bodies.add(te.name());
      }
    }
    if (bodies.isEmpty()) {
      return events;
    }
    List<DetectedEvent> out = new ArrayList<>(events.size());
    for (DetectedEvent e : events) {
      if (e.type == EventType.PARTNERSHIP && e.parties.removeIf(bodies::contains) && e.parties.size() < 2) {
        continue;
      }
      out.add(e);
    }
    return out;
  }

  /** After a news outlet's name: "Reuters reported that", "Nikkei Asia has reported". */
  private static final Pattern REPORTS_AFTER = Pattern.compile(
      "^(?:'s|\u2019s)?\\s+(?:first\\s+|has\\s+|had\\s+|also\\s+)?(?:reported|reports|reporting|wrote|said in a report)\\b",
      CI);
  /** Before a news outlet's name: "a report published by", "reported by", "a story in". */
  private static final Pattern REPORTS_BEFORE = Pattern.compile(
      "\\b(?:report(?:ed)?(?:\\s+(?:published|issued|carried))?\\s+(?:by|in)|story\\s+(?:by|in)|according\\s+to\\s+"
          + "(?:a\\s+report\\s+(?:by|in|from)\\s+)?)\\s+(?:the\\s+)?$", CI);

  /** After a company named as a modifier: "the Andreessen Horowitz-backed studio", "a SoftBank-owned chipmaker". */
  private static final Pattern BACKER_AFTER = Pattern.compile(
      "^-(?:backed|owned|funded|led|controlled|affiliated|supported|financed)\\b", CI);

  /**
   * "Tessaly sank after Reuters reported that it was in a dispute with Nvidia": the outlet that reports a
   * partnership is not a party of it, nor is a backer named as a modifier ("the Andreessen Horowitz-backed studio").
   * A party every mention of which in the event's sentence is of these kinds is dropped.
   */
  private static List<DetectedEvent> withoutReporters(Tagging tagging, List<DetectedEvent> events) {
    List<DetectedEvent> out = new ArrayList<>(events.size());
    String text = tagging.document().text();
    for (DetectedEvent e : events) {
      if (e.type != EventType.PARTNERSHIP || e.sentence < 0 || e.sentence >= tagging.document().sentences().size()) {
        out.add(e);
        continue;
      }
      Document.Sentence s = tagging.document().sentences().get(e.sentence);
      Set<String> reporters = new java.util.HashSet<>();
      Set<String> actors = new java.util.HashSet<>();
      for (Tagging.Mention m : tagging.mentionsIn(s.start(), s.end(), EntityType.ORG)) {
        String name = m.entity().name();
        boolean reports = REPORTS_AFTER.matcher(text).region(m.end(), Math.min(text.length(), m.end() + 40)).lookingAt()
            || REPORTS_BEFORE.matcher(text).region(Math.max(s.start(), m.start() - 50), m.start()).find()
            || BACKER_AFTER.matcher(text).region(m.end(), Math.min(text.length(), m.end() + 20)).lookingAt();
        (reports ? reporters : actors).add(name);
      }
      reporters.removeAll(actors);
      if (!reporters.isEmpty() && e.parties.removeIf(reporters::contains) && e.parties.size() < 2) {
        continue;
      }
      out.add(e);
    }
    return out;
  }

  /** Names of courts, regulators and government bodies the gazetteer does not know. */
  private static final Pattern PUBLIC_BODY_NAME = Pattern.compile(
      "\\b(?:Court|Tribunal|Commission|Ministry|Department|Regulator|Government|Authority|Chamber of Commerce|"
          + "Arbitration|Competition Bureau|Attorney General)\\b");

  /** Ports run terminals and sign partnerships like companies: "Port of Rotterdam Authority" is a partner. */
  private static final Pattern PORT_NAME = Pattern.compile("^(?:Port of\\b|.*\\bPort Authority\\b)");

  /** Runs one stage on one sentence unless it already failed on this article; a throw drops what it added. */
  private void stage(String name, Ctx c, List<DetectedEvent> out, Degradation degradation, SentenceStage st) {
    if (degradation.has(name)) {
      return;
    }
    int before = out.size();
    try {
      st.run(c, out);
      if (failing.contains(name)) {
        throw new IllegalStateException("injected fault in stage " + name);
      }
      for (DetectedEvent e : out.subList(before, out.size())) {
        if (e.why == null) {
          e.why = "rules " + name + ", sentence " + c.sentence.index()
              + (e.type == EventType.PARTNERSHIP ? ", status " + e.status + (e.strength >= 2 ? " by an explicit cue"
                  : " by default") : "");
        }
      }
    } catch (RuntimeException e) {
      out.subList(before, out.size()).clear();
      degradation.failed(name, e);
    }
  }

  /** "X has ended its partnership with Y and teamed up with Z": group 1 starts the second, forming clause. */
  static final Pattern SWITCH = Pattern.compile(
      "\\b(?:ended|ends|ending|(?:would|will|to) end|terminated|terminates|terminating|scrapped|scrapping|dropped|"
          + "dropping|exited|exiting|quit|quitting|ditched|cut ties with|cutting ties with|walked away from|"
          + "parting ways with|parted ways with|pulled out of|pulls out of|pulling out of|dissolved|no longer exclusive)"
          + "\\b[^;]*?(,?\\s+and(?:,\\s+[^,;]{1,60},)?\\s+(?:that\\s+(?:it|they)\\s+)?(?:has\\s+|have\\s+|will\\s+|then\\s+|"
          + "instead\\s+)?"
          + "(?:formed|forged|teamed up|struck|signed|entered|agreed|inked|chose|picked|turned to|partnered|"
          + "launched|switched to|moved to|signs|forms|teams up|strikes|enters|signing|forming|teaming up|striking|"
          + "entering|partnering|inking|begin a new|begins a new|beginning a new|start a new|starts a new))\\b", CI);

  /** A supply, purchase or customer contract: commerce between a customer and a vendor, not a partnership. */
  static final Pattern COMMERCIAL_CONTRACT = Pattern.compile(
      "\\b(?:supply|purchase|purchasing|procurement|customer|leasing)\\s+"
          + "(?:contract|deal|agreement|order)s?\\b|\\bcontract\\s+to\\s+(?:supply|buy|deliver|provide)\\b", CI);

  /** Every {@link #SWITCH} match contains one of these (lower case). */
  static final List<String> SWITCH_NEEDS = List.of("end", "terminat", "scrapp", "dropp", "exit", "quit", "ditched",
      "ties with", "walked away from", "ways with", "out of", "dissolved", "no longer exclusive");

  /**
   * One partnership ending in the same sentence as another forming: the ending is read from the first clause, and
   * the second is a new partnership between the sentence's subject and the companies its clause names.
   */
  private boolean detectSwitch(Tagging tagging, Document.Sentence s, Ctx c, List<DetectedEvent> raw) {
    Matcher m = SWITCH.matcher(c.text);
    if (!containsAny(c.lower, SWITCH_NEEDS) || !m.find()) {
      return false;
    }
    int split = m.start(1);
    Ctx first = new Ctx(tagging, new Document.Sentence(s.index(), s.start(), s.start() + split, s.title()));
    Ctx second = new Ctx(tagging, new Document.Sentence(s.index(), s.start() + split, s.end(), s.title()));
    if (first.orgs.size() < 2 || second.orgs.isEmpty() || first.denial || c.denial) {
      return false;
    }
    String subject = first.name(0);
    Set<String> newParties = new TreeSet<>();
    newParties.add(subject);
    // the new partner is named in the clause's own phrase: "... and teamed up with Z instead, the retailer said, a
    // month after W closed its takeover of Y" names W and Y outside it
    int clauseEnd = second.text.length();
    if (!second.orgSpans.isEmpty()) {
      Matcher stop = Rx.pattern("[,;]").matcher(second.text);
      if (stop.find(second.orgSpans.get(0)[1])) {
        clauseEnd = stop.start();
      }
    }
    for (int i = 0; i < second.orgs.size(); i++) {
      if (second.orgSpans.get(i)[0] < clauseEnd) {
        newParties.add(second.name(i));
      }
    }
    if (newParties.size() < 2) {
      return false;
    }
    String own = second.text.substring(0, clauseEnd);
    detectPartnership(first, raw);
    if (COMMERCIAL_CONTRACT.matcher(own).find() && !STRONG_PARTNERSHIP_WORD.matcher(own).find()) {
      return true; // "... and signed a five-year supply contract with Z": a customer, not a partner
    }
    raw.add(explicitPartnership(newParties, Rx.matches(own, "(?is).*\\bnon[- ]?exclusiv\\w*.*")
        ? PartnershipStatus.NON_EXCLUSIVE
        : Rx.matches(own, "(?is).*\\bexclusiv\\w*.*") ? PartnershipStatus.EXCLUSIVE : PartnershipStatus.FORMED,
        "rules partnership: an ending and a new partnership in one sentence (switch)"));
    return true;
  }

  /** A partnership a rule read from an explicit cue, its parties sorted, with the rule that read it. */
  private static DetectedEvent explicitPartnership(Collection<String> parties, PartnershipStatus status, String why) {
    DetectedEvent e = new DetectedEvent(EventType.PARTNERSHIP);
    e.parties.addAll(new TreeSet<>(parties));
    e.status = status;
    e.strength = 2;
    e.why = why;
    return e;
  }

  private static final Pattern SECOND_PARTNER_BEFORE = PARTNERSHIP_RULES.pattern("SECOND_PARTNER_BEFORE");
  private static final Pattern SECOND_PARTNER_AFTER = PARTNERSHIP_RULES.pattern("SECOND_PARTNER_AFTER");
  private static final Pattern SECOND_SUPPLIER_ROLE = PARTNERSHIP_RULES.pattern("SECOND_SUPPLIER_ROLE");

  /**
   * A second partner brought in where another held exclusivity, in one sentence: "Northgate Bank is adding Aviva as a
   * second protection provider, bringing to an end the exclusivity that Legal & General has enjoyed". The company
   * nearest the exclusivity cue is the old partner (non-exclusive now), the one brought in the new partner (formed),
   * the sentence's first other company the one both deal with.
   */
  private boolean detectSecondPartner(Ctx c, List<DetectedEvent> raw) {
    if (c.orgs.size() < 3 || c.sentence.title() || c.denial || c.question
        || !c.lower.contains("exclusiv") && !c.lower.contains("solely")
        && !c.lower.contains("first refusal")) {
      return false;
    }
    int cue = firstCurrent(NON_EXCLUSIVE, c.text);
    if (cue < 0 || speculated(NON_EXCLUSIVE, c.text) || backgroundBefore(c.text.substring(0, cue))) {
      return false;
    }
    Matcher cm = NON_EXCLUSIVE.matcher(c.text);
    cm.find(cue);
    int cueEnd = cm.end();
    String added = null;
    boolean supplier = false;
    for (int i = 0; i < c.orgs.size() && added == null; i++) {
      int[] sp = c.orgSpans.get(i);
      if (SECOND_PARTNER_AFTER.matcher(c.text).region(sp[1], c.text.length()).lookingAt()) {
        added = c.name(i);
        supplier = SECOND_SUPPLIER_ROLE.matcher(c.text).region(sp[1], c.text.length()).lookingAt();
      }
    }
    for (int i = 0; i < c.orgs.size() && added == null; i++) {
      int[] sp = c.orgSpans.get(i);
      if (SECOND_PARTNER_BEFORE.matcher(c.text).region(0, sp[0]).find()) {
        added = c.name(i);
      }
    }
    if (added == null) {
      return false;
    }
    String old = null;
    int best = Integer.MAX_VALUE;
    for (int i = 0; i < c.orgs.size(); i++) {
      int[] sp = c.orgSpans.get(i);
      if (c.name(i).equals(added)) {
        continue;
      }
      int d = sp[1] <= cue ? cue - sp[1] : sp[0] >= cueEnd ? sp[0] - cueEnd : 0;
      if (d < best) {
        best = d;
        old = c.name(i);
      }
    }
    String hub = null;
    for (int i = 0; i < c.orgs.size() && hub == null; i++) {
      if (!c.name(i).equals(added) && !c.name(i).equals(old)) {
        hub = c.name(i);
      }
    }
    if (old == null || hub == null) {
      return false;
    }
    raw.add(explicitPartnership(List.of(hub, old), PartnershipStatus.NON_EXCLUSIVE,
        "rules partnership: a second partner brought in where one held exclusivity (old pair)"));
    if (!supplier) { // "bring in Nokia as a second supplier": a vendor, not a partner
      raw.add(explicitPartnership(List.of(hub, added), PartnershipStatus.FORMED,
          "rules partnership: a second partner brought in where one held exclusivity (new pair)"));
    }
    return true;
  }

  private void detectPartnershipInClauses(Tagging tagging, Document.Sentence s, Ctx c, List<DetectedEvent> raw) {
    if (detectSwitch(tagging, s, c, raw) || detectSecondPartner(c, raw)) {
      return;
    }
    List<Document.Sentence> parts = partnershipClauses(s, c.text);
    if (parts.size() < 2) {
      detectPartnership(c, raw);
      return;
    }
    List<Ctx> withWord = new ArrayList<>();
    for (Document.Sentence part : parts) {
      Ctx pc = new Ctx(tagging, part);
      if (containsAny(pc.lower, STRONG_PARTNERSHIP_NEEDS) && STRONG_PARTNERSHIP_WORD.matcher(pc.text).find()) {
        withWord.add(pc);
      }
    }
    if (withWord.size() >= 2) {
      for (Ctx pc : withWord) {
        if (!pc.orgs.isEmpty()) {
          detectPartnership(pc, raw);
        }
      }
    } else if (withWord.size() == 1 && distinctOrgs(withWord.get(0)) >= 2
        && distinctOrgs(c) > distinctOrgs(withWord.get(0))) {
      // "Lineage has completed its acquisition of Vantage: Kroger and Vantage have parted ways": the clause that
      // holds the partnership word and names two companies says whose partnership it is, not the others' companies
      detectPartnership(withWord.get(0), raw);
    } else if (withWord.isEmpty() || !withWord.get(0).orgs.isEmpty()
        || !OTHER_GROUP_SUBJECT.matcher(withWord.get(0).text).find()) {
      // "X completed its purchase of Y, and other lenders have announced tie-ups of their own": the
      // partnership word of a clause naming no company says nothing about the companies of the others
      detectPartnership(c, raw);
    }
  }

  private static int distinctOrgs(Ctx c) {
    Set<String> names = new HashSet<>();
    for (TaggedEntity o : c.orgs) {
      names.add(o.name());
    }
    return names.size();
  }

  /** A second predicate of the same subject: "... and has held talks with". */
  private static final Pattern SECOND_PREDICATE = Pattern.compile(
      "\\s+and\\s+(?:has|have|had|is|are|was|were|will|would|also)\\s+(?!been\\b)", CI);
  /** A clause about other companies: "several smaller insurers have ...", "a string of lenders ...". */
  private static final Pattern OTHER_GROUP_SUBJECT = Pattern.compile(
      "^(?:a|an|several|many|some|most|other|rival|few)\\s", CI);
  /**
   * Splits at ", and", ";" or a colon between clauses: after a lower-case word and before a capitalised one ("did not
   * survive the handoff: Kroger and Vantage have parted ways"; not "(NASDAQ: SHOP)").
   */
  private static final Pattern COORDINATED_CLAUSE = Pattern.compile(
      ",\\s+and\\s+(?=\\p{Lu}|(?:a|an|the|other|several|many|some|most|rival)\\s)|;\\s+|"
          + "(?<=\\p{Ll}):\\s+(?=\\p{Lu}\\p{Ll})");
  /** Fewer words than this before a colon are a label of what follows ("Not a partnership:", "Update:"). */
  private static final int MIN_WORDS_BEFORE_COLON = 5;

  /**
   * "X and Y have agreed to end their partnership, and Z has formed a new partnership with Y": one sentence, two
   * partnerships. Returns the coordinated clauses, or nothing when the sentence has only one.
   */
  private static List<Document.Sentence> partnershipClauses(Document.Sentence s, String t) {
    List<Integer> cuts = new ArrayList<>();
    cuts.add(0);
    Matcher m = COORDINATED_CLAUSE.matcher(t);
    while (m.find()) {
      if (t.charAt(m.start()) == ':'
          && Rx.split(t.substring(cuts.get(cuts.size() - 1), m.start()).strip(), "\\s+").length < MIN_WORDS_BEFORE_COLON) {
        continue;
      }
      cuts.add(m.start());
    }
    cuts.add(t.length());
    List<Document.Sentence> parts = new ArrayList<>();
    for (int i = 0; i + 1 < cuts.size(); i++) {
      int from = cuts.get(i);
      if (i > 0) {
        Matcher skip = COORDINATED_CLAUSE.matcher(t);
        skip.find(from);
        from = skip.end();
      }
      int to = cuts.get(i + 1);
      parts.add(new Document.Sentence(s.index(), s.start() + from, s.start() + to, s.title()));
    }
    return parts.size() >= 2 ? parts : List.of();
  }

  // ================================================================== sentence context

  /** A wire dateline or press-release lead-in: "PARIS, May 20 (Continental Press) - ", "BOSTON, Jan. 5, 2026 /PRNewswire/ --". */
  static final Pattern DATELINE = Pattern.compile(
      "^[\\p{Lu}][\\p{Lu}\\p{L}.'\\- ]{1,40}(?:,\\s*[\\p{Lu}][\\p{L}.]*){0,2},\\s+"
          + "(?:[A-Z][a-z]{2,8}\\.?\\s+\\d{1,2}|\\d{1,2}\\s+[A-Z][a-z]{2,8})(?:,\\s+\\d{4})?\\s*"
          + "(?:\\([^)]{1,60}\\)|/[^/]{1,40}/)?\\s*(?:--|-|\u2013|\u2014)\\s*");

  /**
   * Whether {@link #DATELINE} can match: its place name (at most 41 code points, so 82 chars, without a comma) ends at
   * the text's first comma, and a dash closes it. Most sentences start with a capital, where the pattern would
   * otherwise backtrack through its optional groups before failing.
   */
  static boolean maybeDateline(String text) {
    int comma = text.indexOf(',');
    return comma >= 2 && comma <= 82 && (text.indexOf('-', comma) >= 0 || text.indexOf('\u2013', comma) >= 0
        || text.indexOf('\u2014', comma) >= 0);
  }

  /** One sentence with its organisation mentions (offsets relative to the sentence). */
  static final class Ctx {
    final Tagging tagging;
    final Document.Sentence sentence;
    final String text;
    /** text lower-cased, only for the cheap word checks in front of the case-insensitive patterns. */
    final String lower;
    final List<int[]> orgSpans = new ArrayList<>();
    final List<TaggedEntity> orgs = new ArrayList<>();
    final boolean denial;
    final boolean rumour;
    /** A direct question: it states no partnership ({@code QUESTION}). */
    final boolean question;

    Ctx(Tagging tagging, Document.Sentence s) {
      this.tagging = tagging;
      this.sentence = s;
      this.text = tagging.document().sentenceText(s);
      Matcher dl = DATELINE.matcher(text);
      int datelineEnd = maybeDateline(text) && dl.find() ? dl.end() : 0;
      for (Tagging.Mention m : tagging.mentionsIn(s.start(), s.end(), EntityType.ORG)) {
        if (m.start() - s.start() < datelineEnd) {
          continue; // "PARIS, May 20 (Continental Press) -": the agency reports the story, it is not in it
        }
        String after = text.substring(m.end() - s.start());
        if (PERSON_MODIFIER.matcher(after).find()) {
          continue; // "Former UniCredit boss Jean-Pierre Mustier": the company describes a person, it does not act
        }
        orgSpans.add(new int[] {m.start() - s.start(), m.end() - s.start()});
        orgs.add(m.entity());
      }
      // both patterns are ASCII case-insensitive alternations tried at every position: skip them when the sentence
      // lacks every word they need (lower-casing never hides an ASCII letter match)
      this.lower = text.toLowerCase(Locale.ROOT);
      this.denial = containsAny(lower, DENIAL_NEEDS) && DENIAL.matcher(text).find();
      this.rumour = containsAny(lower, RUMOUR_NEEDS) && RUMOUR.matcher(text).find();
      this.question = isQuestion(text);
    }

    private List<int[]> clauseBoundaries;

    /** [start, end] of every {@link #CLAUSE_BOUNDARY} match in the sentence, found once: the rules ask many times. */
    private List<int[]> clauseBoundaries() {
      if (clauseBoundaries == null) {
        clauseBoundaries = new ArrayList<>();
        Matcher m = CLAUSE_BOUNDARY.matcher(text);
        while (m.find()) {
          clauseBoundaries.add(new int[] {m.start(), m.end()});
        }
      }
      return clauseBoundaries;
    }

    /** Index of the first org mention starting at or after pos, or -1. */
    int firstOrgAfter(int pos, int limit) {
      for (int i = 0; i < orgSpans.size(); i++) {
        if (orgSpans.get(i)[0] >= pos && orgSpans.get(i)[0] < limit) {
          return i;
        }
      }
      return -1;
    }

    /** Index of the last org mention ending at or before pos and starting at or after from, or -1. */
    int lastOrgBefore(int pos, int from) {
      int best = -1;
      for (int i = 0; i < orgSpans.size(); i++) {
        if (orgSpans.get(i)[1] <= pos && orgSpans.get(i)[0] >= from) {
          best = i;
        }
      }
      return best;
    }

    int firstOrgBetween(int from, int to) {
      for (int i = 0; i < orgSpans.size(); i++) {
        if (orgSpans.get(i)[0] >= from && orgSpans.get(i)[1] <= to) {
          return i;
        }
      }
      return -1;
    }

    /** Start of the clause containing pos. */
    int clauseStart(int pos) {
      int start = 0;
      for (int[] b : clauseBoundaries()) {
        if (b[1] > pos) {
          break;
        }
        if (!insideOrg(b[0])) {
          start = b[1];
        }
      }
      return start;
    }

    /** End of the clause containing pos. */
    int clauseEnd(int pos) {
      for (int[] b : clauseBoundaries()) {
        if (b[0] >= pos && !insideOrg(b[0])) {
          return b[0];
        }
      }
      return text.length();
    }

    boolean clauseIsRelative(int clauseStart) {
      String pre = text.substring(0, clauseStart);
      return Rx.matches(pre, "(?s).*,\\s+(?:which|who)$");
    }

    boolean insideOrg(int pos) {
      for (int[] s : orgSpans) {
        if (pos >= s[0] && pos < s[1]) {
          return true;
        }
      }
      return false;
    }

    private String text(Document doc, int from, int to) {
      return doc.text().substring(from, to);
    }

    /** Index of the sentence holding the entity's last mention before {@code before}, or -1. */
    private int indexOfLastMention(TaggedEntity e, int before) {
      int idx = -1;
      for (Tagging.Mention m : tagging.mentions()) {
        if (m.start() < before && m.entity() == e) {
          Document.Sentence s = tagging.document().sentenceAt(m.start());
          idx = s == null ? idx : s.index();
        }
      }
      return idx;
    }

    String name(int orgIndex) {
      return orgs.get(orgIndex).name();
    }

    /** Resolves "the startup", "the chipmaker" at pos to an earlier org other than the excluded names. */
    String descriptorTarget(int pos, Set<String> exclude) {
      Matcher d = DESCRIPTOR.matcher(text.substring(pos));
      if (!d.find()) {
        return null;
      }
      int abs = sentence.start() + pos;
      TaggedEntity best = null;
      TaggedEntity subject = null; // the last candidate that opened a sentence (its grammatical subject)
      Document doc = tagging.document();
      for (Tagging.Mention m : tagging.mentions()) {
        if (m.start() >= abs) {
          break;
        }
        if (m.entity().type() == EntityType.ORG && !exclude.contains(m.entity().name())
            && m.start() >= doc.bodyStart()) {
          best = m.entity();
          Document.Sentence ms = doc.sentenceAt(m.start());
          if (ms != null && text(doc, ms.start(), m.start()).isBlank()) {
            subject = m.entity();
          }
        }
      }
      // "X's alliance with Y has ended ... Z held talks about acquiring the Zurich company": the subject X is meant
      if (subject != null && best != subject && !best.name().equals(subject.name())
          && doc.sentenceAt(abs) != null && doc.sentenceAt(abs).index() - 1 == indexOfLastMention(subject, abs)) {
        return subject.name();
      }
      return best == null ? null : best.name();
    }
  }

  // ================================================================== INVESTMENT

  private void detectInvestments(Ctx c, List<DetectedEvent> out) {
    if (c.denial) {
      return;
    }
    String t = c.text;
    // funding rounds: "X raised $N in a round led by Y"
    Matcher r = RAISE.matcher(t);
    boolean maybeRaise = containsAny(c.lower, RAISE_NEEDS) && containsAny(c.lower, ROUND_NEEDS);
    while (maybeRaise && r.find()) {
      int cs = c.clauseStart(r.start());
      int targetIdx = c.lastOrgBefore(r.start(), cs);
      if (targetIdx < 0) {
        targetIdx = c.firstOrgBetween(0, r.start());
      }
      if (targetIdx < 0 || hedged(t, r.start()) || negated(t, r.start())) {
        continue;
      }
      String target = c.name(targetIdx);
      DetectedEvent e = new DetectedEvent(EventType.INVESTMENT);
      e.target = target;
      Matcher inv = ROUND_INVESTORS.matcher(t);
      while (inv.find()) {
        if (inv.start() < r.start()) {
          continue;
        }
        addOrgList(c, inv.end(), e.investors, target);
      }
      // "a SoftBank-led round"
      for (int i = 0; i < c.orgSpans.size(); i++) {
        if (c.orgSpans.get(i)[0] > r.start() && t.startsWith("-led", c.orgSpans.get(i)[1])
            && !c.name(i).equals(target) && !e.investors.contains(c.name(i))) {
          e.investors.add(0, c.name(i));
        }
      }
      e.amount = amountNear(t, r.end(), t.length(), r.start());
      addParticipants(c, e);
      if (!e.investors.isEmpty() || e.amount != null) {
        e.confidence = e.investors.isEmpty() ? 0.6 : 0.9;
        if (!e.investors.isEmpty()) {
          out.add(e);
        }
      }
    }
    // "X participated in Y's $20 million round"
    Matcher part = PARTICIPATED_IN.matcher(t);
    boolean maybeRound = containsAny(c.lower, ROUND_NEEDS);
    boolean maybePart = maybeRound && containsAny(c.lower, PARTICIPATED_IN_NEEDS);
    while (maybePart && part.find()) {
      addInvestment(c, out, part.start(), part.end(), c.clauseEnd(part.end()), 0.8);
    }
    // "X led a $50 million round in Y"
    Matcher led = LED_ROUND.matcher(t);
    boolean maybeLed = maybeRound && containsAny(c.lower, LED_ROUND_NEEDS);
    while (maybeLed && led.find()) {
      DetectedEvent e = addInvestment(c, out, led.start(), led.end(), c.clauseEnd(led.end()), 0.85);
      if (e != null) {
        addParticipants(c, e);
      }
    }
    // "Peak XV Partners, which led Voltrek's Series B round in February": a past round named by whose it is
    Matcher lp = LED_POSSESSED_ROUND.matcher(t);
    while (maybeLed && lp.find()) {
      int before = out.size();
      DetectedEvent e = addInvestment(c, out, lp.start(), lp.end(), c.clauseEnd(lp.end()), 0.85);
      if (e != null && out.subList(0, before).stream().anyMatch(o -> o.type == EventType.INVESTMENT
          && java.util.Objects.equals(o.target, e.target))) {
        out.remove(out.size() - 1); // the same round read by another pattern
      } else if (e != null) {
        addParticipants(c, e);
      }
    }
    // verbs: "X will invest $N in Y", "X put $N into Y", "X has committed $N to Y"
    Matcher v = INVEST_VERB.matcher(t);
    boolean maybeVerb = containsAny(c.lower, INVEST_VERB_NEEDS);
    while (maybeVerb && v.find()) {
      String verb = v.group(1).toLowerCase();
      int ce = c.clauseEnd(v.end());
      Matcher prep = Rx.pattern("\\b(in|into|to)\\s+", CI).matcher(t);
      prep.region(v.end(), Math.min(ce, v.end() + 80));
      boolean found = false;
      while (prep.find()) {
        String rest = t.substring(prep.end());
        if (Rx.matches(rest, "(?s)^(?:[$€£¥]|US\\$|USD|EUR|GBP|\\d).*")
            || t.substring(Math.max(0, prep.start() - 3), prep.start()).equalsIgnoreCase("up ")) {
          continue; // "up to $4 billion" is the amount, not the target
        }
        found = true;
        break;
      }
      if (!found) {
        continue;
      }
      if ((verb.startsWith("commit") || verb.startsWith("pledg")) && !prep.group(1).equalsIgnoreCase("to")) {
        continue;
      }
      if (verb.startsWith("put") || verb.startsWith("pour") || verb.startsWith("inject") || verb.startsWith("pl")) {
        if (AmountParser.findAll(t.substring(v.end(), prep.start())).isEmpty()) {
          continue; // "put pressure on" is not money
        }
      }
      addInvestment(c, out, v.start(), prep.end(), ce, 0.9);
    }
    // nouns: "a $2 billion stake in Y", "its investment in Y"
    Matcher n = INVEST_NOUN.matcher(t);
    boolean maybeNoun = containsAny(c.lower, INVEST_NOUN_NEEDS);
    while (maybeNoun && n.find()) {
      String noun = n.group(1).toLowerCase();
      String pre = t.substring(Math.max(0, n.start() - 40), n.start()).toLowerCase();
      if (noun.contains("stake") && Rx.matches(pre, "(?s).*\\b(?:majority|controlling|full|entire|remaining|all)\\s+"
          + "(?:\\S+\\s+){0,2}$")) {
        continue; // control is an acquisition
      }
      if (n.start() <= 4 && Rx.matches(t.substring(0, n.start()), "(?i)\\s*(?:the|this|that)?\\s*")) {
        continue; // "The investment will make ..." refers back
      }
      if (Rx.matches(pre, "(?s).*\\b(?:the|this|that)\\s+$") && noun.startsWith("invest")
          && AmountParser.findAll(t).isEmpty()) {
        continue;
      }
      int ce = c.clauseEnd(n.end());
      Matcher prep = Rx.pattern("^\\s+(?:(?:of|worth)\\s+\\S+(?:\\s+\\S+){0,2}?\\s+)?(in|into|to)\\s+", CI)
          .matcher(t.substring(n.end(), Math.min(t.length(), n.end() + 60)));
      if (prep.find()) {
        addInvestment(c, out, n.start(), n.end() + prep.end(), ce, 0.85);
        continue;
      }
      // "through a new investment" with exactly two organisations and an amount: first invests in second
      if (noun.startsWith("investment") && c.orgs.stream().map(TaggedEntity::name).distinct().count() == 2
          && !hedged(t, n.start()) && !negated(t, n.start())) {
        AmountParser.Found a = amountNear(t, 0, t.length(), n.start());
        String first = c.name(0);
        String second = null;
        for (TaggedEntity o : c.orgs) {
          if (!o.name().equals(first)) {
            second = o.name();
            break;
          }
        }
        if (a != null && second != null && !Rx.matches(t.substring(n.end()), "(?is)^\\s+from\\b.*")) {
          DetectedEvent e = new DetectedEvent(EventType.INVESTMENT);
          e.investors.add(first);
          e.target = second;
          e.amount = a;
          e.confidence = 0.7;
          out.add(e);
        }
      }
    }
  }

  private DetectedEvent addInvestment(Ctx c, List<DetectedEvent> out, int trigger, int targetPos, int clauseEnd,
      double conf) {
    String t = c.text;
    if (DISPOSAL.matcher(t.substring(c.clauseStart(trigger), trigger)).find()) {
      return null; // selling or cutting a stake is not an investment
    }
    if (hedged(t, trigger) || negated(t, trigger) || TALKS.matcher(t.substring(c.clauseStart(trigger), trigger)).find()
        || c.rumour && RUMOUR.matcher(t.substring(c.clauseStart(trigger), Math.min(t.length(), clauseEnd))).find()) {
      return null;
    }
    int cs = c.clauseStart(trigger);
    String investor = null;
    if (c.clauseIsRelative(cs)) {
      int i = c.lastOrgBefore(cs, 0);
      investor = i >= 0 ? c.name(i) : null;
    } else {
      int i = c.firstOrgBetween(cs, trigger);
      if (i < 0) {
        i = c.lastOrgBefore(trigger, 0);
      }
      investor = i >= 0 ? c.name(i) : null;
    }
    String target = null;
    int ti = c.firstOrgAfter(targetPos, Math.min(t.length(), targetPos + 3));
    if (ti < 0) {
      int far = c.firstOrgAfter(targetPos, Math.min(t.length(), targetPos + 45));
      if (far >= 0 && Rx.matches(t.substring(targetPos, c.orgSpans.get(far)[0]),
          "(?:(?:the|a|an)\\s+)?(?:\\p{L}[\\p{L}\\-]*\\s+){0,4}?[a-z][a-z\\-]*(?:,\\s+|\\s+)")) {
        ti = far; // "in the startup Initech", "in AI developer Initech"
      }
    }
    if (ti >= 0) {
      target = c.name(ti);
    } else {
      target = c.descriptorTarget(targetPos, investor == null ? Set.of() : Set.of(investor));
    }
    if (investor == null || target == null || investor.equals(target)) {
      return null;
    }
    DetectedEvent e = new DetectedEvent(EventType.INVESTMENT);
    e.investors.add(investor);
    // "X and Y will invest": a second investor joined by "and" right before the trigger
    int ii = c.firstOrgBetween(cs, trigger);
    if (ii >= 0) {
      for (int k = ii + 1; k < c.orgSpans.size() && c.orgSpans.get(k)[1] <= trigger; k++) {
        String between = t.substring(c.orgSpans.get(k - 1)[1], c.orgSpans.get(k)[0]);
        if (Rx.matches(between, "(?s)\\s*(?:\\([^)]*\\))?\\s*(?:,|and|, and)\\s*") && !c.name(k).equals(target)) {
          if (!e.investors.contains(c.name(k))) {
            e.investors.add(c.name(k));
          }
        } else {
          break;
        }
      }
    }
    e.target = target;
    e.amount = amountNear(t, trigger, clauseEnd, trigger);
    e.confidence = conf;
    out.add(e);
    return e;
  }

  /** Adds orgs listed at pos ("X, Y and Z") to the list. */
  private void addOrgList(Ctx c, int pos, List<String> into, String exclude) {
    int i = c.firstOrgAfter(pos, pos + 3);
    while (i >= 0) {
      String n = c.name(i);
      if (!n.equals(exclude) && !into.contains(n)) {
        into.add(n);
      }
      if (i + 1 >= c.orgSpans.size()) {
        break;
      }
      String between = c.text.substring(c.orgSpans.get(i)[1], c.orgSpans.get(i + 1)[0]);
      if (Rx.matches(between, "(?s)\\s*(?:\\([^)]*\\))?\\s*(?:,\\s*(?:and\\s+)?|and\\s+|&\\s+)(?:existing backers?\\s+|"
          + "investors?\\s+|backers?\\s+)?")) {
        i = i + 1;
      } else {
        break;
      }
    }
  }

  /** Investors named in the next sentences as taking part ("Nvidia and existing backer Point Nine also took part"). */
  private void addParticipants(Ctx c, DetectedEvent e) {
    // "..., with Hooli and existing investor Acme Capital taking part": participants in the same sentence
    Matcher w = WITH_PARTICIPANTS.matcher(c.text);
    if (w.find()) {
      for (int i = 0; i < c.orgSpans.size(); i++) {
        if (c.orgSpans.get(i)[0] >= w.start(1) && c.orgSpans.get(i)[1] <= w.end(1)) {
          String name = c.name(i);
          if (!name.equals(e.target) && !e.investors.contains(name)) {
            e.investors.add(name);
          }
        }
      }
    }
    List<Document.Sentence> all = c.tagging.document().sentences();
    int idx = c.sentence.index();
    for (int k = idx + 1; k <= idx + 2 && k < all.size(); k++) {
      Ctx n = new Ctx(c.tagging, all.get(k));
      // "X led the round, with Y and Z also taking part": the next sentence names the round's investors
      Matcher led = LED_THE_ROUND.matcher(n.text);
      if (k == idx + 1 && led.find() && !negated(n.text, led.start())) {
        Matcher w2 = WITH_PARTICIPANTS.matcher(n.text);
        int wFrom = w2.find(led.end()) ? w2.start(1) : -1;
        for (int i = 0; i < n.orgSpans.size(); i++) {
          int[] sp = n.orgSpans.get(i);
          boolean lead = sp[1] <= led.start();
          boolean participant = wFrom >= 0 && sp[0] >= wFrom && sp[1] <= w2.end(1)
              && !n.text.startsWith("-", sp[1]); // "the Alphabet-owned venture firm" names a parent
          String name = n.name(i);
          if ((lead || participant) && !name.equals(e.target) && !e.investors.contains(name)) {
            e.investors.add(name);
          }
        }
        continue;
      }
      Matcher p = PARTICIPATION.matcher(n.text);
      if (p.find() && !negated(n.text, p.start())) {
        for (int i = 0; i < n.orgSpans.size(); i++) {
          if (n.orgSpans.get(i)[1] <= p.start()) {
            String name = n.name(i);
            if (!name.equals(e.target) && !e.investors.contains(name)) {
              e.investors.add(name);
            }
          }
        }
      }
    }
  }

  // ================================================================== ACQUISITION

  private static final Pattern STAKE_PERCENT = Pattern.compile("^\\s+(?:an?\\s+|the\\s+|its\\s+)?(\\d{1,3}(?:[.,]\\d+)?)\\s*%");

  /** "a 60% stake": more than half is control, an acquisition. */
  private static boolean controllingPercent(String after) {
    Matcher m = STAKE_PERCENT.matcher(after);
    return m.find() && Double.parseDouble(m.group(1).replace(',', '.')) > 50;
  }

  private void detectAcquisitions(Ctx c, List<DetectedEvent> out) {
    if (c.denial) {
      return;
    }
    String t = c.text;
    boolean jvSentence = containsAny(c.lower, JV_NEEDS) && JV.matcher(t).find();
    Matcher m = ACQ_ACTIVE.matcher(t);
    boolean maybeActive = containsAny(c.lower, ACQ_ACTIVE_NEEDS);
    while (maybeActive && m.find()) {
      String verb = m.group(1).toLowerCase();
      String after = t.substring(m.end(), Math.min(t.length(), m.end() + 60)).toLowerCase();
      if (Rx.matches(after, "(?s)^\\s*(?:back|into)\\b.*")
          || Rx.matches(after, "(?s)^\\s+(?:an?\\s+|the\\s+|its\\s+)?(?:[\\w$€£.,%\\-]+\\s+){0,4}?(?:minority\\s+)?stakes?\\b.*")
          && !Rx.matches(after, "(?s)^\\s+(?:an?\\s+|the\\s+)?(?:majority|controlling|full|entire|remaining)\\b.*")
          && !controllingPercent(after)) {
        continue; // buybacks and minority stakes are not acquisitions
      }
      int ce = c.clauseEnd(m.end());
      int ti = -1;
      for (int i = 0; i < c.orgSpans.size(); i++) {
        int s = c.orgSpans.get(i)[0];
        if (s >= m.end() && s < Math.min(ce, m.end() + 70)) {
          String between = t.substring(m.end(), s);
          if (!Rx.matches(between, "(?is).*\\b(?:from|with|for|at|on|by|through|via|to)\\b.*") && !between.contains(",")) {
            ti = i;
          }
          break;
        }
      }
      if (ti >= 0 && BLOCK_OF_SHARES_AFTER.matcher(t.substring(c.orgSpans.get(ti)[1])).find()) {
        continue; // "will buy Globex common stock": a stake, not the company
      }
      String target = ti >= 0 ? c.name(ti) : null;
      int cs = c.clauseStart(m.start());
      String acquirer;
      if (c.clauseIsRelative(cs)) {
        int i = c.lastOrgBefore(cs, 0);
        acquirer = i >= 0 ? c.name(i) : null;
      } else {
        int i = c.firstOrgBetween(cs, m.start());
        if (i < 0 && cs > 0) {
          i = c.firstOrgBetween(0, m.start());
        }
        // "Kroger's $24.6 billion acquisition of Albertsons": the possessive names the buyer
        if (Rx.matches(verb, "(?:acquisition|takeover|buyout|purchase) of")) {
          Matcher poss = Rx.pattern("(?:'s|\u2019s)\\s+(?:[\\w$\u20ac\u00a3.\\-]+\\s+){0,5}$").matcher(t.substring(0, m.start()));
          if (poss.find()) {
            int pi = c.lastOrgBefore(poss.start(), 0);
            if (pi >= 0 && c.orgSpans.get(pi)[1] == poss.start()) {
              i = pi;
            }
          }
        }
        // "Alphabet's Google agreed to buy": the unit named after its parent is the buyer
        if (i >= 0 && i + 1 < c.orgSpans.size() && c.orgSpans.get(i + 1)[1] <= m.start()
            && Rx.matches(t.substring(c.orgSpans.get(i)[1], c.orgSpans.get(i + 1)[0]), "(?:'s|\u2019s)\\s+")) {
          i = i + 1;
        }
        acquirer = i >= 0 ? c.name(i) : null;
      }
      if (acquirer == null && target != null && SUBJECT_ANAPHOR.matcher(t).find()) {
        // "The company, which bought X in 2022, agreed to acquire Y": the subject is the company named before
        acquirer = c.descriptorTarget(0, Set.of(target));
      }
      if (target == null && acquirer != null) {
        int at = m.end() + (t.length() > m.end() && t.charAt(m.end()) == ' ' ? 1 : 0);
        if (DESCRIPTOR.matcher(t.substring(at)).find()) {
          // "buy the startup": the company an earlier sentence reported as a target, else the last one named
          String earlier = null;
          for (DetectedEvent d : out) {
            if (d.type == EventType.ACQUISITION && !d.target.equals(acquirer)) {
              earlier = d.target;
            }
          }
          target = earlier != null ? earlier : c.descriptorTarget(at, Set.of(acquirer));
        }
      }
      if (target == null || acquirer == null || target.equals(acquirer) || jvSentence && verb.startsWith("merg")) {
        continue;
      }
      addAcquisition(c, out, acquirer, target, m.start(), m.end(), verb);
    }
    // "X's $N acquisition", "planned acquisition of" handled above; passive "X was acquired by Y", "sale of X to Y"
    Matcher p = ACQ_PASSIVE.matcher(t);
    boolean maybePassive = containsAny(c.lower, ACQ_PASSIVE_NEEDS);
    while (maybePassive && p.find()) {
      int ai = c.firstOrgAfter(p.end(), p.end() + 3);
      if (ai < 0) {
        continue;
      }
      String acquirer = c.name(ai);
      String frag = p.group().toLowerCase();
      int ti;
      if (frag.startsWith("sale of") || frag.startsWith("sold") || frag.startsWith("sell")) {
        ti = c.firstOrgBetween(p.start(), p.end());
        if (ti < 0) {
          ti = c.lastOrgBefore(p.start(), c.clauseStart(p.start()));
        }
      } else {
        ti = c.lastOrgBefore(p.start(), c.clauseStart(p.start()));
      }
      if (ti < 0 || c.name(ti).equals(acquirer)) {
        continue;
      }
      if (frag.contains("stake") || t.substring(p.start(), p.end()).toLowerCase().contains("stake")) {
        continue;
      }
      addAcquisition(c, out, acquirer, c.name(ti), p.start(), p.end(), frag);
    }
    // "Wexo walked away from Globex's $2 billion takeover offer": the subject is the target, the possessive the buyer
    Matcher w = WALKED_FROM_OFFER.matcher(t);
    boolean maybeWalked = containsAny(c.lower, WALKED_FROM_NEEDS) && containsAny(c.lower, DEAL_NOUN_NEEDS);
    while (maybeWalked && w.find()) {
      int bi = c.lastOrgBefore(w.start(1), w.start());
      int ti = c.lastOrgBefore(w.start(), c.clauseStart(w.start()));
      if (bi < 0 || ti < 0 || c.orgSpans.get(bi)[1] != w.start(1) || c.name(bi).equals(c.name(ti))) {
        continue;
      }
      addAcquisition(c, out, c.name(bi), c.name(ti), w.start(), w.end(), "offer for");
    }
  }

  private void addAcquisition(Ctx c, List<DetectedEvent> out, String acquirer, String target, int start, int end,
      String verb) {
    String t = c.text;
    String before = t.substring(0, start);
    if (negated(t, start) && !ABANDONED.matcher(t.substring(Math.max(0, start - 60), end)).find()) {
      return;
    }
    boolean modal = MODAL_BEFORE.matcher(before).find() && !Rx.matches(before, "(?is).*\\b(?:in talks|is said to|are said to|"
        + "reportedly|weighing|considering|exploring|mulling)\\b[^.;]{0,30}$");
    AcquisitionStage stage;
    boolean hedged = false;
    int cs = c.clauseStart(start);
    int ce = c.clauseEnd(end);
    String clause = t.substring(cs, ce);
    if (ABANDONED.matcher(clause).find()) {
      stage = AcquisitionStage.ABANDONED;
    } else if (c.rumour) {
      stage = AcquisitionStage.RUMORED;
      hedged = true;
    } else if (modal) {
      return; // hypothetical: "could buy", "might acquire"
    } else if (COMPLETED.matcher(clause).find() && !Rx.matches(t, "(?is).*\\b(?:expected to close|to close|once the "
        + "(?:transaction|deal) closes|when the (?:transaction|deal) closes|closing is expected|pending)\\b.*")
        || Rx.matches(verb, "(?i)(?:(?:was|were|has been|had been) )?(?:acquired|bought|purchased|taken over|snapped up) by")
            && Rx.matches(before, "(?is).*\\b(?:was|were|been)\\s*$")
        || Rx.matches(verb, "(?i)(?:bought|acquired|purchased|took over|snapped up|paid\\b.*)") && !Rx.matches(before,
            "(?is).*\\b(?:agreed to|to be|will be|has agreed|would be)\\s*$")) {
      stage = AcquisitionStage.COMPLETED;
    } else if (Rx.matches(verb, "(?i)(?:acquisition|takeover|buyout|purchase) of")
        && Rx.matches(t.substring(end), "(?is)^[^.;,]{0,30}?\\bin (?:19|20)\\d\\d\\b.*")
        && !Rx.matches(t.substring(cs, end), "(?is).*\\b(?:agreed|planned|proposed|pending|announced|expected|will|would|"
            + "plans?|proposal|offer|bid)\\b.*")) {
      stage = AcquisitionStage.COMPLETED; // "its $12.5 billion takeover of X in 2012": a past deal in passing
    } else {
      stage = AcquisitionStage.ANNOUNCED;
    }
    DetectedEvent e = new DetectedEvent(EventType.ACQUISITION);
    // a stage reported as past background ("walked away from an offer last year") ranks below current news
    e.strength = BACKGROUND_AFTER.matcher(t.substring(end)).find()
        || Rx.matches(t.substring(cs, end), "(?is).*\\b(?:had|previously|earlier|once)\\b.*") ? 0 : 1;
    e.acquirer = acquirer;
    e.target = target;
    e.stage = stage;
    e.hedged = hedged;
    e.confidence = hedged ? 0.5 : 0.9;
    // "agreed to acquire X for $4.9 billion": the price right after the target beats an earlier amount
    Matcher forPrice = PRICE_AFTER_TARGET.matcher(t.substring(end));
    String priceText = forPrice.find() ? t.substring(end + forPrice.end()) : "";
    AmountParser.Found own = priceText.isEmpty() ? null : AmountParser.first(priceText);
    boolean perShare = own != null && SHARE_PRICE_AFTER.matcher(priceText.substring(own.end())).find();
    e.amount = own != null && own.start() == 0 && !perShare ? own : dealAmount(t);
    if (e.amount == null) {
      List<Document.Sentence> all = c.tagging.document().sentences();
      int k = c.sentence.index() + 1;
      if (!c.sentence.title() && k < all.size()) {
        String next = c.tagging.document().sentenceText(all.get(k));
        if (Rx.matches(next, "(?s)^(?:The|This|That|Their)\\s+(?:[\\w\\-]+\\s+){0,2}?(?:deal|transaction|acquisition|"
            + "purchase|takeover|merger|buyout)\\b.*") && Rx.matches(next, "(?is).*\\b(?:valued at|worth|for|price of)\\b.*")) {
          Matcher v = Rx.pattern("(?i)\\b(?:valued at|worth|for|price of)\\s+(?:about |around |roughly |"
              + "nearly |approximately |some )?").matcher(next);
          if (v.find()) {
            AmountParser.Found f = AmountParser.first(next.substring(v.end()));
            if (f != null && next.substring(v.end()).startsWith(next.substring(v.end()).substring(f.start(), f.end()))) {
              e.amount = f;
            }
          }
        }
      }
    }
    out.add(e);
  }

  /** The deal value in a sentence: not a per-share price, fee, revenue or valuation of something else. */
  private static final Pattern MERGER_ENDED = Pattern.compile(
      "\\b(?:terminat(?:ed|es|ing)|call(?:ed|s|ing)? off|scrapp(?:ed|ing)|scraps|abandon(?:ed|s|ing)|"
          + "walk(?:ed|s|ing)? away from)\\s+(?:their|the)\\s+(?:[\\w$\u20ac\u00a3.,\\-]+\\s+){0,4}?merger\\b", CI);

  /**
   * "X and Y have terminated their $8.5 billion merger agreement": an abandoned acquisition between the two, in the
   * order the article's own acquisition reading gives (see {@link #merge}), else the first-named as acquirer.
   */
  private void detectEndedMerger(Ctx c, List<DetectedEvent> out) {
    Matcher m = MERGER_ENDED.matcher(c.text);
    if (c.denial || c.orgSpans.size() < 2 || !m.find() || c.orgSpans.get(1)[1] > m.start()) {
      return;
    }
    String between = c.text.substring(c.orgSpans.get(0)[1], c.orgSpans.get(1)[0]);
    if (!Rx.matches(between, "(?s)(?:\\s*\\([^)]*\\))?\\s+(?:and|&)\\s+") || c.name(0).equals(c.name(1))
        || hedged(c.text, m.start()) || negated(c.text, m.start())) {
      return;
    }
    DetectedEvent e = new DetectedEvent(EventType.ACQUISITION);
    e.acquirer = c.name(0);
    e.target = c.name(1);
    e.stage = AcquisitionStage.ABANDONED;
    e.strength = 1;
    e.unordered = true;
    e.amount = dealAmount(c.text);
    out.add(e);
  }

  private AmountParser.Found dealAmount(String t) {
    AmountParser.Found best = null;
    for (AmountParser.Found f : AmountParser.findAll(t)) {
      String after = t.substring(f.end());
      String before = t.substring(0, f.start());
      if (SHARE_PRICE_AFTER.matcher(after).find() || FEE_BEFORE.matcher(before).find()
          || Rx.matches(before, "(?is).*\\b(?:revenue|sales|profit|valuation|valued|market value)\\b[^.;$€£]{0,40}$")
          && !Rx.matches(before, "(?is).*\\b(?:deal|transaction|acquisition|takeover)\\s+(?:\\w+\\s+){0,2}valued at\\s*"
              + "(?:about |around |roughly )?$")) {
        continue;
      }
      if (best == null) {
        best = f;
      }
      if (Rx.matches(before, "(?is).*\\b(?:worth|valued at|for|deal of|price of)\\s+(?:about|around|roughly|nearly|"
          + "approximately|some|up to)?\\s*$") || Rx.matches(after, "(?is)^\\s*(?:all-cash\\s+|cash\\s+)?(?:deal|"
          + "acquisition|takeover|purchase|transaction|buyout)\\b.*")) {
        return f;
      }
    }
    return best;
  }

  // ================================================================== STOCK_MOVE

  private void detectStockMoves(Ctx c, List<DetectedEvent> out) {
    String t = c.text;
    Matcher pm = PERCENT.matcher(t);
    int prevEnd = 0;
    String prevCompany = null;
    List<DetectedEvent> here = new ArrayList<>();
    boolean maybePercent = containsAny(c.lower, PERCENT_NEEDS);
    while (maybePercent && pm.find()) {
      int ps = pm.start();
      // every window is bounded: the work per percent sign does not grow with the sentence (issue: a body of digits
      // made this quadratic)
      int windowStart = Math.max(prevEnd, ps - MOVE_WINDOW);
      String before = t.substring(0, ps);
      String after = t.substring(pm.end(), Math.min(t.length(), pm.end() + MOVE_WINDOW));
      Direction dir = null;
      int verbStart = -1;
      Matcher mb = MOVE_BEFORE.matcher(before.substring(Math.max(0, before.length() - 60)));
      int offset = Math.max(0, before.length() - 60);
      if (mb.find()) {
        dir = direction(mb.group(1));
        verbStart = offset + mb.start();
      } else {
        Matcher nb = NOUN_MOVE_BEFORE.matcher(before.substring(Math.max(0, before.length() - 40)));
        if (nb.find()) {
          dir = direction(nb.group(1));
          verbStart = Math.max(0, before.length() - 40) + nb.start();
        } else {
          Matcher ma = MOVE_AFTER.matcher(after);
          if (ma.find() && Rx.matches(t.substring(windowStart, ps), "(?is).*\\b(?:closed|closing|ended|ending|finished|finishing|to close|to end|to finish|traded|trading|opened|were|was|are|is|"
              + "closes|ends|finishes|settled|settling|settles|"
              + "stood|shares|shs|stock)(?:\\s+(?:the\\s+(?:day|session|week)|trading|about|around|roughly|some|nearly)){0,2}"
              + "\\s*$")) {
            dir = direction(ma.group(1));
            Matcher vm = Rx.pattern("(?i)\\b(?:closed|closing|ended|ending|finished|finishing|to close|to end|to finish|traded|trading|opened|were|was|are|is|stood|"
                + "closes|ends|finishes|settled|settling|settles|"
                + "shares|shs|stock)\\b[^.;]*$").matcher(before);
            vm.region(windowStart, ps).useTransparentBounds(true);
            verbStart = vm.find() ? vm.start() : before.length();
          } else {
            Matcher sg = SIGNED_BEFORE.matcher(before);
            if (sg.find() && c.lastOrgBefore(sg.start(1), Math.max(prevEnd, sg.start(1) - 40)) >= 0) {
              dir = "+".equals(sg.group(1)) ? Direction.UP : Direction.DOWN;
              verbStart = sg.start(1);
            }
          }
        }
      }
      int segStart = prevEnd;
      Matcher bm = MOVE_BOUNDARY.matcher(t);
      bm.region(segStart, Math.max(segStart, verbStart)).useTransparentBounds(true);
      while (bm.find()) {
        if (bm.end() <= Math.max(verbStart, 0) && bm.start() >= segStart && !c.insideOrg(bm.start())) {
          segStart = bm.end();
        }
      }
      prevEnd = pm.end();
      // only this move's own tail: "rose 1.4% on Tuesday and have gained 6% since January" is a daily move
      Matcher nextMove = NEXT_MOVE.matcher(after);
      String ownAfter = nextMove.find() ? after.substring(0, nextMove.start()) : after;
      // "Exports were up 19 pct but imports were 46 pct higher": a verb before the previous figure is not this one's
      if (dir == null || verbStart < segStart || NOT_A_MOVE_AFTER.matcher(ownAfter).find()) {
        continue;
      }
      int oi = c.lastOrgBefore(verbStart, segStart);
      String segment = t.substring(segStart, verbStart);
      Matcher rel = Rx.pattern(",\\s+(?:which|who)\\b[^,;]*,\\s*(?:(?:shares|stock)\\s+)?$").matcher(segment);
      if (rel.find()) {
        int subject = c.lastOrgBefore(segStart + rel.start(), segStart); // "Qualcomm, which ... with Arm, slipped"
        if (subject >= 0) {
          oi = subject;
        }
      }
      String company;
      if (oi >= 0) {
        String tail = t.substring(c.orgSpans.get(oi)[1], verbStart);
        // "X, the food group, said it would raise prices, and its shares fell 2%": "its shares" is X's stock
        boolean itsShares = ITS_SHARES_END.matcher(tail).find() && c.firstOrgBetween(c.orgSpans.get(oi)[1], verbStart) < 0;
        // "X, whose chief executive has set a revenue target, rose 0.4%": the relative clause is not the mover
        boolean relativeClause = SUBJECT_RELATIVE.matcher(tail).matches()
            && c.firstOrgBetween(c.orgSpans.get(oi)[1], verbStart) < 0;
        if (NOT_A_MOVE_SEGMENT.matcher(itsShares || relativeClause ? "" : tail).find()) {
          continue;
        }
        boolean sharesCue = SHARES_WORD.matcher(segment).find();
        // the tail after the mention: "Nike (NKE) falls" ends the ticker mention inside its parenthesis
        boolean direct = Rx.matches(tail, "(?s)\\)?(?:'s|\u2019s)?\\s*(?:\\([^)]*\\))?\\s*(?:,[^,;]{1,60},)?\\s*(?:itself\\s*)?")
            || relativeClause;
        if (!sharesCue && !direct) {
          continue;
        }
        company = c.name(oi);
      } else if (prevCompany != null && !NOT_A_MOVE_SEGMENT.matcher(segment).find()
          && !Rx.matches(segment, "(?s).*\\b[A-Z][a-z]+\\s+(?:shares|stock)\\b.*")) {
        company = prevCompany;
      } else if (prevCompany == null && segStart > 0 && ITS_SHARES.matcher(segment).find()
          && !NOT_A_MOVE_SEGMENT.matcher(segment).find() && sentenceSubject(c, segStart) != null) {
        // "X said it had hedged its costs, but its shares fell 1.6%": "its" is the sentence's subject
        company = sentenceSubject(c, segStart);
      } else if (prevCompany == null && ITS_SHARES.matcher(segment).find() && !NOT_A_MOVE_SEGMENT.matcher(segment).find()
          && c.tagging.document().sentences().get(0).title() && !c.sentence.title()) {
        // "Its shares rose 5%": the company the story is about, the first one its headline names
        company = headlineCompany(c.tagging);
        if (company == null) {
          continue;
        }
      } else {
        continue;
      }
      DetectedEvent e = new DetectedEvent(EventType.STOCK_MOVE);
      e.company = company;
      e.direction = dir;
      e.percent = Double.parseDouble(pm.group(1).replace(',', '.')); // "0,7 per cent": a decimal comma
      String verbPhrase = t.substring(Math.max(0, verbStart - 12), pm.start());
      e.strength = CLOSE_WORD.matcher(verbPhrase).find() ? 2 : INTRADAY.matcher(verbPhrase).find() ? 0 : 1;
      here.add(e);
      prevCompany = company;
    }
    // per company in one sentence: the close beats an intraday extreme
    Map<String, DetectedEvent> best = new LinkedHashMap<>();
    for (DetectedEvent e : here) {
      DetectedEvent b = best.get(e.company);
      if (b == null || e.strength > b.strength) {
        best.put(e.company, e);
      }
    }
    out.addAll(best.values());
  }

  private static final Pattern SUBJECT_RELATIVE = Pattern.compile(
      "(?s),\\s+(?:which|who|whose)\\b[^;]{1,160},\\s*(?:(?:shares|stock)\\s*)?");

  /** The organisation that opens the sentence and is its only organisation before {@code end}, or null. */
  private static String sentenceSubject(Ctx c, int end) {
    int oi = c.firstOrgBetween(0, end);
    if (oi < 0 || !c.text.substring(0, c.orgSpans.get(oi)[0]).isBlank()
        || c.firstOrgBetween(c.orgSpans.get(oi)[1], end) >= 0) {
      return null;
    }
    return c.name(oi);
  }

  private static final Pattern ITS_SHARES_END = Pattern.compile(
      "(?:,\\s+and|;|\\band|,\\s+sending|,\\s+and\\s+then)\\s+its\\s+(?:shares|stock|share price)\\s*$", CI);
  private static final Pattern ITS_SHARES = Pattern.compile(
      "^\\s*(?:its|the company's|the company\u2019s|the group's|the firm's|the stock|the shares|shares of the company)"
          + "\\s*(?:shares|stock)?\\s*$", CI);

  /** The first organisation the headline names, or null. */
  private static String headlineCompany(Tagging tagging) {
    Document.Sentence title = tagging.document().sentences().get(0);
    List<Tagging.Mention> ms = tagging.mentionsIn(title.start(), title.end(), EntityType.ORG);
    return ms.isEmpty() ? null : ms.get(0).entity().name();
  }

  private static Direction direction(String verb) {
    return UP_MOVE.matcher(verb).matches() ? Direction.UP : Direction.DOWN;
  }

  // ================================================================== PARTNERSHIP

  /** Whether the sentence is a direct question ({@code QUESTION} of partnership.rules): it states no change. */
  static boolean isQuestion(String sentence) {
    return sentence.indexOf('?') >= 0 && QUESTION.matcher(sentence).find();
  }

  private void detectPartnership(Ctx c, List<DetectedEvent> out) {
    String t = c.text;
    if (c.denial || c.question) {
      return;
    }
    Set<String> names = new LinkedHashSet<>();
    for (TaggedEntity o : c.orgs) {
      names.add(o.name());
    }
    List<String> anaphorPair = names.size() < 2 ? pairAnaphor(c, names) : null;
    if (anaphorPair == null && names.size() == 1 && !c.sentence.title() && c.sentence.index() > 0) {
      // "The Danish group and Verdal Hydrogen have widened ...": a subject named by what it is, resolved to the
      // company the article wrote before it
      String described = c.descriptorTarget(0, names);
      if (described != null) {
        anaphorPair = List.of(names.iterator().next(), described);
      }
    }
    if (names.size() < 2 && anaphorPair == null) {
      return;
    }
    int strongAt = findOutsideOrgs(c, STRONG_PARTNERSHIP_WORD, STRONG_PARTNERSHIP_NEEDS);
    boolean strong = strongAt >= 0;
    boolean any = strong || findOutsideOrgs(c, PARTNERSHIP_WORD, PARTNERSHIP_NEEDS) >= 0;
    // "its exclusive voice-AI arrangement with X": a company's own arrangement with another is a partnership when the
    // sentence reports it ending, strained, widened or exclusive, never formed (signing an agreement is too broad)
    Pattern triggerWord = STRONG_PARTNERSHIP_WORD;
    boolean possessedOnly = false;
    if (!strong && any) {
      int at = findOutsideOrgs(c, POSSESSED_ARRANGEMENT, POSSESSED_ARRANGEMENT_NEEDS);
      if (at >= 0) {
        strongAt = at;
        strong = true;
        possessedOnly = true;
        triggerWord = POSSESSED_ARRANGEMENT;
      }
    }
    // "the tie-up", "this alliance": a reference to a partnership already reported, not news of a new one
    boolean anaphoric = strong && Rx.matches(t.substring(0, strongAt), "(?is).*\\b(?:the|this|that|these|such)\\s+"
        + "(?:[\\w\\-]+\\s+){0,2}$");
    PartnershipStatus status = null;
    int strength = 2;
    boolean hedged = false;
    Matcher nx = NON_EXCLUSIVE.matcher(t);
    boolean acquisitionTalk = ACQ_NOUN_BEFORE.matcher(t).find() || ACQ_ACTIVE.matcher(t).find();
    // ending and strain must be said of the partnership itself: look only in the clauses holding a partnership word
    String triggerClauses = strong ? triggerClauses(c, triggerWord) : "";
    boolean endedCue = strong && endsThePartnership(triggerClauses);
    // a lawsuit or an arbitration between partners is a dispute, also over a termination one side contests; a
    // settlement ends the dispute
    boolean litigation = strong && litigated(t) && !SETTLEMENT.matcher(t).find();
    boolean strainedCue = strong && strainedNow(triggerClauses) || litigation;
    if (!strong && names.size() >= 2 && (strainBetween(c, out) || partedWays(c, out))) {
      return;
    }
    if (!strong && acquisitionTalk) {
      return;
    }
    if (possessedOnly && MODAL_BEFORE.matcher(reportedFuture(t.substring(0, strongAt))).find()) {
      return; // "it might deepen its arrangement with Google"
    }
    if (litigation) {
      status = PartnershipStatus.STRAINED;
    } else if (endedCue) {
      Matcher em = ENDED.matcher(triggerClauses);
      em.find();
      boolean speculative = SPECULATIVE_BEFORE.matcher(triggerClauses.substring(0, em.start())).find();
      if (speculative || c.rumour && !Rx.matches(t, "(?is).*\\b(?:confirm\\w*|said on|announced|terminated)\\b.*")
          && !confirmedElsewhere(c)) {
        status = PartnershipStatus.STRAINED;
        hedged = true;
      } else {
        status = PartnershipStatus.ENDED;
      }
    } else if (strainedCue) {
      status = PartnershipStatus.STRAINED;
      hedged = c.rumour;
    } else if (current(NON_EXCLUSIVE, t)) {
      if (speculated(NON_EXCLUSIVE, t) || inAppositive(NON_EXCLUSIVE, t)) {
        return;
      }
      status = PartnershipStatus.NON_EXCLUSIVE;
    } else if (any && current(EXCLUSIVE, t) && !Rx.matches(t, "(?is).*\\b(?:exclusive talks|exclusive interview)\\b.*")) {
      if (speculated(EXCLUSIVE, t) || inAppositive(EXCLUSIVE, t) || exclusiveStateOnly(t)) {
        return; // "analysts think X could try to make Y an exclusive partner"; "to acquire Y, its exclusive partner,"
      }
      status = PartnershipStatus.EXCLUSIVE;
    } else if (strong && current(EXPANDED, t)) {
      if (speculated(EXPANDED, t)) {
        return;
      }
      status = PartnershipStatus.EXPANDED;
    } else if (nx.find() || ENDED.matcher(triggerClauses).find() || EXPANDED.matcher(t).find()
        || any && EXCLUSIVE.matcher(t).find()) {
      // "Tidewell, whose exclusive partnership with Maersk ended in August", "Siemens, its exclusive partner since
      // May": a change dated before the news, background
      return;
    } else if (possessedOnly) {
      return;
    } else if (strong) {
      if (TALKS.matcher(t).find() || MODAL_BEFORE.matcher(reportedFuture(t.substring(0, triggerStart(t)))).find()
          || CONDITIONAL.matcher(t.substring(0, triggerStart(t))).find()
          || c.sentence.title() && Rx.pattern("(?i)\\b(?:could|might|may|would|should|if|whether)\\b|\\?")
              .matcher(t).find()) {
        return; // "If X and Y were to form an alliance", "What an X-Y alliance could mean"
      }
      Matcher f = FORMED.matcher(t);
      boolean explicit = false;
      boolean backgroundCue = false;
      while (f.find()) {
        String pre = t.substring(0, f.start());
        String post = t.substring(f.end());
        if (!backgroundBefore(pre) && !BACKGROUND_AFTER.matcher(post).find() && !AS_CUSTOMER.matcher(post).lookingAt()) {
          explicit = true;
          break;
        }
        backgroundCue |= backgroundBefore(pre);
      }
      if (!explicit && backgroundCue) {
        return; // "a month after Voltrek entered into a strategic alliance with Tata Motors": a formation in the past
      }
      // "their two-decade-old alliance", "its existing partnership": an old partnership cannot be newly formed
      boolean existing = Rx.matches(t.substring(0, strongAt), "(?is).*\\b(?:[\\w\\-]+-old|long-?standing|existing|"
          + "decades-long|years-long|long-running|long-time|longtime)\\s+(?:[\\w\\-]+\\s+){0,2}$");
      // "have spent the year signing research collaborations": plural and with no partner named, not one partnership
      boolean generic = Rx.matches(t.substring(strongAt), "(?is)^(?:partnerships|alliances|collaborations|tie-?ups|"
          + "pacts)\\b(?![^.;]*\\bwith\\b).*");
      if (explicit && (anaphoric || existing || generic)) {
        return;
      }
      if (explicit) {
        status = PartnershipStatus.FORMED;
      } else {
        int first = c.tagging.document().firstBodySentence();
        boolean lead = c.sentence.title() || c.sentence.index() <= first + 2;
        Matcher tr = STRONG_PARTNERSHIP_WORD.matcher(t);
        tr.find();
        boolean background = BACKGROUND_BEFORE.matcher(t.substring(0, tr.start())).find()
            || BACKGROUND_AFTER.matcher(t.substring(tr.end())).find()
            || Rx.matches(t, "(?is).*\\b(?:has long|have long|long been|historical|since)\\b.*");
        boolean introduced = Rx.matches(t.substring(0, strongAt), "(?is).*\\b(?:a|an)\\s+(?:[\\w\\-]+\\s+){0,2}$");
        if (!lead || background || anaphoric || !introduced || c.sentence.title()) {
          return;
        }
        status = PartnershipStatus.FORMED;
        strength = 1;
      }
    }
    if (status == null) {
      return;
    }
    if (anaphorPair != null) {
      DetectedEvent e = new DetectedEvent(EventType.PARTNERSHIP);
      e.parties.addAll(new TreeSet<>(anaphorPair));
      e.status = status;
      e.strength = strength;
      e.hedged = hedged;
      e.confidence = hedged ? 0.5 : 0.65;
      out.add(e);
      return;
    }
    // parties: the organisations of the clause holding the partnership word; all when that leaves fewer than two
    int trigger = strong ? strongAt : findOutsideOrgs(c, PARTNERSHIP_WORD, PARTNERSHIP_NEEDS);
    Set<String> parties = new TreeSet<>();
    if (trigger >= 0) {
      // the comma-delimited span of the trigger (lists of names kept together), and a "which" clause's antecedent
      int[] span = jvSpan(c, trigger);
      int narrowStart = Math.max(span[0], c.clauseStart(trigger));
      int narrowEnd = Math.min(span[1], c.clauseEnd(trigger));
      // "X is leaving its partnership with Y and has held talks with Z": a second predicate, another matter
      Matcher pred = SECOND_PREDICATE.matcher(t);
      if (pred.find(trigger) && pred.start() < narrowEnd) {
        narrowEnd = pred.start();
      }
      for (int i = 0; i < c.orgSpans.size(); i++) {
        if (c.orgSpans.get(i)[0] >= narrowStart && c.orgSpans.get(i)[1] <= narrowEnd) {
          parties.add(c.name(i));
        }
      }
      if (parties.size() < 2) {
        for (int i = 0; i < c.orgSpans.size(); i++) {
          if (c.orgSpans.get(i)[0] >= span[0] && c.orgSpans.get(i)[1] <= span[1]) {
            parties.add(c.name(i));
          }
        }
      }
      if (Rx.matches(t.substring(span[0], span[1]), "(?is)^\\s*(?:which|who)\\b.*")) {
        int i = c.lastOrgBefore(span[0], 0);
        if (i >= 0) {
          parties.add(c.name(i));
        }
      }
    }
    Set<String> possessed = trigger >= 0 ? possessedPartnershipParties(c, trigger) : null;
    if (possessed != null) {
      parties = possessed;
    }
    parties.removeIf(p -> onlyAsParentPossessive(c, p));
    if (parties.size() < 2 && trigger >= 0 && t.lastIndexOf(';', trigger) >= 0) {
      return; // "Oracle to buy Hollow Pine; Salesforce tie-up to end": the other clause is another story
    }
    if (parties.size() < 2) {
      parties = new TreeSet<>(names);
    }
    parties.removeIf(p -> isInvestorOnly(c, p) || onlyAsParentPossessive(c, p) || onlyAsAlternative(c, p));
    if (parties.size() < 2) {
      return;
    }
    DetectedEvent e = new DetectedEvent(EventType.PARTNERSHIP);
    e.parties.addAll(parties);
    e.status = status;
    e.strength = strength;
    e.hedged = hedged;
    e.confidence = hedged ? 0.5 : strength == 2 ? 0.85 : 0.65;
    out.add(e);
  }

  /** A possessive a few words before the partnership word: "Amundi's distribution", "its exclusive card". */
  private static final Pattern POSSESSIVE_BEFORE = Pattern.compile("(?:['\u2019]s|\\bits)\\s+(?:[\\w\\-]+\\s+){0,4}$",
      Pattern.CASE_INSENSITIVE);
  /** The partnership word (and its noun) followed by "with": "partnership with", "alliance agreement with". */
  private static final Pattern WORD_THEN_WITH = Pattern.compile(
      "[\\w\\-]+(?:\\s+(?:agreement|deal|arrangement|pact|contract))?\\s+with\\s+", Pattern.CASE_INSENSITIVE);
  /** Between two names of one list: ", ", " and ", ", and ". */
  private static final Pattern LIST_JOIN = Pattern.compile("\\s*(?:,\\s*(?:and\\s+)?|and\\s+)");

  /**
   * "Amundi's distribution partnership with Banca Lariana", "its exclusive card partnership with HDFC Bank": the
   * possessor (for "its", the sentence's first company that is not the partner) and the companies right after
   * "with" are the parties, not every company of the clause (an acquirer, a new partner, a stake taken in passing).
   * Null when the sentence does not say it that way or a side cannot be named.
   */
  private static Set<String> possessedPartnershipParties(Ctx c, int trigger) {
    String t = c.text;
    Matcher w = WORD_THEN_WITH.matcher(t).region(trigger, t.length());
    if (!w.lookingAt()) {
      return null;
    }
    Matcher m = POSSESSIVE_BEFORE.matcher(t).region(0, trigger);
    if (!m.find()) {
      return null;
    }
    Set<String> partners = new LinkedHashSet<>();
    int i = c.firstOrgAfter(w.end(), w.end() + 1);
    while (i >= 0) {
      partners.add(c.name(i));
      int end = c.orgSpans.get(i)[1];
      Matcher j = LIST_JOIN.matcher(t).region(end, t.length());
      if (!j.lookingAt()) {
        break;
      }
      i = c.firstOrgAfter(j.end(), j.end() + 1);
    }
    if (partners.isEmpty()) {
      return null;
    }
    String possessor = null;
    if (m.group().charAt(0) == '\'' || m.group().charAt(0) == '\u2019') {
      int o = c.lastOrgBefore(m.start(), 0);
      if (o < 0 || c.orgSpans.get(o)[1] != m.start()) {
        return null; // "the Como lender's partnership": a description this step does not resolve
      }
      possessor = c.name(o);
    } else {
      for (int k = 0; k < c.orgSpans.size() && possessor == null; k++) {
        if (!partners.contains(c.name(k))) {
          possessor = c.name(k);
        }
      }
    }
    if (possessor == null || partners.contains(possessor)) {
      return null;
    }
    Set<String> out = new TreeSet<>(partners);
    out.add(possessor);
    return out;
  }

  /**
   * Whether a background cue ("since", "after", "which") governs what follows, except the cause of a share move:
   * "Oracle rose 1.7% after agreeing a partnership with Caldera" is news, "after the two teamed up in 2019" is not.
   */
  private static boolean backgroundBefore(String pre) {
    Matcher m = BACKGROUND_BEFORE.matcher(pre);
    if (!m.find()) {
      return false;
    }
    return !(Rx.matches(m.group(), "(?is)^after\\b.*") && PERCENT.matcher(pre.substring(0, m.start())).find());
  }

  /** "Friction has emerged between X and Y", "tensions between X and Y": strain named without a partnership word. */
  private static final Pattern STRAIN_BETWEEN = Pattern.compile(
      "\\b(?:friction|tensions?|rift|dispute|disagreement|feud|row|clash(?:es)?)(?:\\s+(?:has|have|had|is|are))?"
          + "(?:\\s+(?:emerged|grown|arisen|flared|erupted|surfaced|developed|mounted|deepened|broken out))?\\s+between\\s",
      CI);

  /**
   * Strain between two named companies that the article elsewhere calls partners (a partnership word in a sentence
   * naming either): "Friction has emerged between Siemens and Quorvane over ...". A dispute between companies the
   * article never ties together (rivals in a patent fight) is not a partnership.
   */
  private boolean strainBetween(Ctx c, List<DetectedEvent> out) {
    Matcher m = STRAIN_BETWEEN.matcher(c.text);
    if (!m.find() || c.denial) {
      return false;
    }
    String pre = c.text.substring(Math.max(0, m.start() - 30), m.start());
    if (NEGATION_BEFORE.matcher(pre).find() || Rx.matches(pre, "(?is).*\\b(?:no|any|little)\\s+$")) {
      return false; // "There is no dispute between X and Y"
    }
    int a = c.firstOrgAfter(m.end(), m.end() + 2);
    if (a < 0) {
      return false;
    }
    int b = c.firstOrgAfter(c.orgSpans.get(a)[1], c.orgSpans.get(a)[1] + 8);
    if (b < 0 || c.name(a).equals(c.name(b))
        || !Rx.matches(c.text.substring(c.orgSpans.get(a)[1], c.orgSpans.get(b)[0]), "(?s)\\s+and\\s+")) {
      return false;
    }
    Set<String> pair = Set.of(c.name(a), c.name(b));
    if (!calledPartners(c.tagging, pair)) {
      return false;
    }
    DetectedEvent e = new DetectedEvent(EventType.PARTNERSHIP);
    e.parties.addAll(new TreeSet<>(pair));
    e.status = PartnershipStatus.STRAINED;
    e.strength = 2;
    e.hedged = c.rumour;
    e.confidence = c.rumour ? 0.5 : 0.8;
    out.add(e);
    return true;
  }

  private static final Pattern PARTED_WAYS = PARTNERSHIP_RULES.pattern("PARTED_WAYS");

  /**
   * "Ubisoft and Amazon are parting ways", "Globex has cut ties with Initech": an ending said without a partnership
   * word, between the two companies joined by "and" before the cue or the subject and the company after "with",
   * when the article calls either a partner. Reported but unconfirmed ("are set to part ways, people familiar said")
   * it is strain; a modal, a negation or a condition before it states nothing.
   */
  private boolean partedWays(Ctx c, List<DetectedEvent> out) {
    Matcher m = PARTED_WAYS.matcher(c.text);
    if (!m.find() || c.insideOrg(m.start())) {
      return false;
    }
    String pre = c.text.substring(0, m.start());
    String near = pre.substring(Math.max(0, pre.length() - 40));
    if (NEGATION_BEFORE.matcher(near).find() || MODAL_BEFORE.matcher(reportedFuture(pre)).find()
        || CONDITIONAL.matcher(pre).find() || backgroundBefore(pre)) {
      return false;
    }
    int a;
    int b;
    Matcher with = Rx.pattern("(?i)^\\s+with\\s+").matcher(c.text).region(m.end(), c.text.length());
    if (with.lookingAt()) {
      b = c.firstOrgAfter(with.end(), with.end() + 1);
      a = c.lastOrgBefore(m.start(), c.clauseStart(m.start()));
    } else {
      b = c.lastOrgBefore(m.start(), Math.max(0, m.start() - 40));
      a = b < 0 ? -1 : c.lastOrgBefore(c.orgSpans.get(b)[0], 0);
      if (a >= 0 && !Rx.matches(c.text.substring(c.orgSpans.get(a)[1], c.orgSpans.get(b)[0]), "(?s)\\s+and\\s+")) {
        a = -1;
      }
    }
    if (a < 0 || b < 0 || c.name(a).equals(c.name(b))) {
      return false;
    }
    Set<String> pair = Set.of(c.name(a), c.name(b));
    if (!calledPartners(c.tagging, pair)) {
      return false;
    }
    boolean unconfirmed = c.rumour && !confirmedElsewhere(c);
    DetectedEvent e = new DetectedEvent(EventType.PARTNERSHIP);
    e.parties.addAll(new TreeSet<>(pair));
    e.status = unconfirmed ? PartnershipStatus.STRAINED : PartnershipStatus.ENDED;
    e.strength = 2;
    e.hedged = unconfirmed;
    e.confidence = unconfirmed ? 0.5 : 0.8;
    out.add(e);
    return true;
  }

  /**
   * Whether the article ties any of these companies to a partnership: a sentence naming one of them with a
   * partnership word. Strain or an ending needs a partnership to strain or end; two rivals in a patent fight have none.
   */
  static boolean calledPartners(Tagging tagging, Set<String> companies) {
    Document doc = tagging.document();
    for (Document.Sentence s : doc.sentences()) {
      if (!PARTNERSHIP_WORD.matcher(doc.sentenceText(s)).find()) {
        continue;
      }
      for (Tagging.Mention mention : tagging.mentionsIn(s.start(), s.end(), EntityType.ORG)) {
        if (companies.contains(mention.entity().name())) {
          return true;
        }
      }
    }
    return false;
  }

  /** "The companies", "the two", "the pair": both partners named by one phrase. */
  private static final Pattern PAIR_SUBJECT = Pattern.compile(
      "\\b(?:(?:the|both) (?:two )?(?:companies|firms|groups|partners)|the pair|the duo|the two(?! (?:sides|years|"
          + "months|weeks|days|decades|of|per|percent|million|billion|deals|agreements|units|businesses))|"
          + "the two companies)\\b", CI);
  /** A company named by what it is: "the avatar-fashion startup", "the Kyoto specialist". */
  private static final Pattern DESCRIBED_COMPANY = Pattern.compile(
      "\\bthe (?:[\\w\\-]+ ){0,3}(?:startup|start-up|company|firm|group|maker|studio|lab|labs|bank|developer|"
          + "specialist|carrier|operator|chipmaker|automaker|carmaker|retailer|insurer|lender|platform|provider|"
          + "supplier|giant|biotech|fintech)\\b", CI);

  /**
   * The two partners a sentence names only by reference: "The companies said they are expanding their partnership"
   * (no company named) or "The avatar-fashion startup and Roblox are extending their partnership" (one named, one
   * described) are the two companies of the nearest sentence before that names exactly two, which must include the
   * one named. Null when the reference is not clear.
   */
  private static List<String> pairAnaphor(Ctx c, Set<String> named) {
    int index = c.sentence.index();
    if (index == 0 || c.sentence.title()
        || !(named.isEmpty() ? PAIR_SUBJECT : DESCRIBED_COMPANY).matcher(c.text).find()) {
      return null;
    }
    List<Document.Sentence> sentences = c.tagging.document().sentences();
    for (int k = index - 1; k >= Math.max(0, index - 3); k--) {
      Document.Sentence prev = sentences.get(k);
      Set<String> orgs = new TreeSet<>();
      for (Tagging.Mention m : c.tagging.mentionsIn(prev.start(), prev.end(), EntityType.ORG)) {
        orgs.add(m.entity().name());
      }
      if (orgs.size() >= 2) {
        return orgs.size() == 2 && orgs.containsAll(named) ? new ArrayList<>(orgs) : null;
      }
    }
    return null;
  }

  /** "Eutelsat confirmed its exit in a statement": another sentence of the article confirms what a source reported. */
  private static boolean confirmedElsewhere(Ctx c) {
    for (Document.Sentence s : c.tagging.document().sentences()) {
      if (s.index() != c.sentence.index() && CONFIRMED.matcher(c.tagging.document().sentenceText(s)).find()) {
        return true;
      }
    }
    return false;
  }

  private static final Pattern CONFIRMED = Pattern.compile(
      "\\b(?:confirmed|confirms) (?:its|the|their) (?:exit|withdrawal|departure|termination|decision|move)\\b", CI);

  /** A company's own arrangement with another, not a supply, loan or other commercial contract. */
  private static final Pattern POSSESSED_ARRANGEMENT = Pattern.compile(
      "\\b(?:its|their|the two companies'|the companies')\\s+(?!(?:[\\w\\-]+\\s+){0,3}?(?:supply|purchase|purchasing|"
          + "procurement|customer|loan|credit|lease|leasing|financing|offtake|sales|services?|licen[cs]\\w*|royalty|"
          + "employment|merger|acquisition|takeover|settlement|non-disclosure|confidentiality|standstill|"
          + "shareholder|shareholders'|distribution)\\s)(?:[\\w\\-]+\\s+){0,3}?(?:arrangement|agreement|deal|"
          + "relationship)\\s+with\\b", CI);
  /** Every {@link #POSSESSED_ARRANGEMENT} match contains one of these (lower case). */
  static final List<String> POSSESSED_ARRANGEMENT_NEEDS = List.of("its", "their", "companies'");

  /** "X said it would collaborate with Y": a reported decision, not a hypothetical; "would" read as "will". */
  private static String reportedFuture(String before) {
    return REPORTED_WOULD.matcher(before).replaceAll("$1$2will");
  }

  private static final Pattern REPORTED_WOULD = Pattern.compile(
      "\\b(said|says|announced|confirmed|agreed|disclosed)\\b([^.;]{0,60}?)\\bwould\\b", CI);

  /** The text of every clause that holds a partnership word (outside names), joined by " | ". */
  private static final Pattern RELATIVE_BEFORE = Pattern.compile("\\b(?:which|who|whose)\\s*$", CI);

  private static String triggerClauses(Ctx c, Pattern word) {
    StringBuilder sb = new StringBuilder();
    Matcher m = word.matcher(c.text);
    int lastEnd = -1;
    while (m.find()) {
      if (c.insideOrg(m.start()) || m.start() < lastEnd) {
        continue;
      }
      int cs = c.clauseStart(m.start());
      int ce = c.clauseEnd(m.end());
      // a clause opened by "which" or "whose" keeps the pronoun, so that what it says reads as background
      Matcher rel = RELATIVE_BEFORE.matcher(c.text).region(Math.max(0, cs - 12), cs);
      if (rel.find()) {
        cs = rel.start();
      }
      sb.append(c.text, cs, ce).append(" | ");
      lastEnd = ce;
    }
    return sb.toString();
  }

  /**
   * Start of the first match outside organisation names ("Global Infrastructure Partners"), or -1; {@code needs} are
   * words one of which every match of {@code p} contains (lower case).
   */
  private static int findOutsideOrgs(Ctx c, Pattern p, List<String> needs) {
    if (!containsAny(c.lower, needs)) {
      return -1;
    }
    Matcher m = p.matcher(c.text);
    while (m.find()) {
      if (!c.insideOrg(m.start()) && !isLegalForm(c.text, m.start(), m.end())) {
        return m.start();
      }
    }
    return -1;
  }

  /** "limited partnership", "a Nevada investment partnership", "partnership units": a legal form, not an alliance. */
  private static final Pattern LEGAL_FORM_BEFORE = Pattern.compile(
      "\\b(?:limited|general|master|investment|real[- ]estate|family|law|accounting|dealing|arbitrage|"
          + "private[- ]equity|oil and gas|drilling|royalty|tax[- ]exempt|public)\\s+(?:[\\w\\-]+\\s+)?$", CI);
  private static final Pattern LEGAL_FORM_AFTER = Pattern.compile(
      "^\\s*(?:units?|interests?|shares|agreement of limited|formed to|which (?:owns|holds))\\b", CI);

  /** "hired X as a partner", "managing partner": a job title, not an alliance. */
  private static final Pattern JOB_TITLE_BEFORE = Pattern.compile(
      "\\b(?:as|named|made|became|becomes|become|promoted to|joins as|joined as)\\s+(?:a|an|the)?\\s*"
          + "(?:[\\w\\-]+\\s+)?$|\\b(?:managing|senior|founding|equity|name|junior)\\s+$", CI);

  static boolean isLegalForm(String t, int start, int end) {
    String word = t.substring(start, end).toLowerCase(Locale.ROOT);
    if (!word.startsWith("partner")) {
      return false;
    }
    String before = t.substring(Math.max(0, start - 40), start);
    if (word.equals("partner") && JOB_TITLE_BEFORE.matcher(before).find()) {
      return true;
    }
    String after = t.substring(end, Math.min(t.length(), end + 40));
    if (word.equals("partner") && Rx.matches(after, "(?s)^\\s+(?:who|whom|whose)\\b.*")) {
      return true; // "Julien Marchetti, a Goldman Sachs partner who advised on ...": a person's title
    }
    return LEGAL_FORM_BEFORE.matcher(before).find() || LEGAL_FORM_AFTER.matcher(after).find()
        || Rx.matches(after, "(?is)^\\s*,\\s*(?:a|an)\\s+(?:[\\w\\-]+\\s+){0,3}?(?:limited|general)\\s+partnership\\b.*");
  }

  private static int triggerStart(String t) {
    Matcher m = STRONG_PARTNERSHIP_WORD.matcher(t);
    return m.find() ? m.start() : t.length();
  }

  /**
   * Whether a clause says the partnership ended: an {@link #ENDED} cue not in background ("after the alliance ended")
   * and not ending something else ("ending a two-month review", "end the exclusivity of their partnership").
   */
  private static boolean endsThePartnership(String clauses) {
    Matcher m = ENDED.matcher(clauses);
    while (m.find()) {
      String pre = clauses.substring(Math.max(0, m.start() - 30), m.start()).toLowerCase(Locale.ROOT);
      // "the deal that ended in 2019" is background; "said Tuesday that it has ended" is the news
      boolean background = Rx.matches(pre, "(?s).*\\b(?:after|since|before|which|previously|once)\\b[^,;]*$")
          || Rx.matches(pre, "(?s).*\\bthat\\b[^,;]*$") && !Rx.matches(pre, "(?s).*\\b(?:said|says|announced|"
              + "confirmed|stated|disclosed|noted|added|explained|told \\w+)(?:\\s+\\w+){0,3}\\s+that\\b[^,;]*$");
      boolean negated = NEGATION_BEFORE.matcher(pre).find();
      if (!background && !negated && !datedBefore(clauses, m.end()) && !ENDS_SOMETHING_ELSE.matcher(clauses).region(m.end(), clauses.length()).lookingAt()) {
        return true;
      }
    }
    return false;
  }

  /** After a signing verb: " UPS as a customer" is a sale, not a partnership. */
  private static final Pattern AS_CUSTOMER = Pattern.compile(
      "^\\s+(?:[\\p{L}\\p{N}&.'\\-]+\\s+){1,4}?as\\s+(?:an?|its)\\s+(?:[\\w\\-]+\\s+){0,2}?(?:customer|client|buyer)\\b", CI);

  /** "could", "might" or "may" earlier in the clause of a status cue: "X could try to make Y an exclusive partner". */
  private static final Pattern SPECULATION_BEFORE = Pattern.compile("\\b(?:could|might|(?-i:may))\\b[^.;,:]{0,60}$", CI);

  /** ", its exclusive AI drug-design partner in obesity,": a description of a company, not news about it. */
  private static final Pattern APPOSITIVE_OPEN = Pattern.compile(",\\s+(?:its|their)\\s+[^,;]*$", CI);
  private static final Pattern APPOSITIVE_REST = Pattern.compile("^[^,;.]*?\\b(?:partner|supplier|provider|licensee|"
      + "licensor)s?\\b[^,;.]*(?:,|$)", CI);

  /** Whether the first current match of {@code p} in {@code t} lies in a possessive appositive ({@link #APPOSITIVE_OPEN}). */
  private static boolean inAppositive(Pattern p, String t) {
    int at = firstCurrent(p, t);
    return at >= 0 && APPOSITIVE_OPEN.matcher(t.substring(0, at)).find()
        && APPOSITIVE_REST.matcher(t.substring(at)).find();
  }

  /** Whether the first current match of {@code p} in {@code t} is speculation ({@link #SPECULATION_BEFORE}). */
  private static boolean speculated(Pattern p, String t) {
    int at = firstCurrent(p, t);
    return at >= 0 && SPECULATION_BEFORE.matcher(t.substring(0, at)).find();
  }

  /** Whether {@code p} has a match in {@code t} that no past time dates ({@link #datedBefore}). */
  /**
   * Whether the sentence names an exclusive arrangement only as what a company has ("Paynest's exclusive arrangement
   * with HDFC Bank runs until 2029"), with no change made to exclusivity: background, not news.
   */
  private static boolean exclusiveStateOnly(String t) {
    int at = firstCurrent(EXCLUSIVE, t);
    return at >= 0 && Rx.matches(t.substring(at), "(?is)^exclusive\\b.*")
        && EXCLUSIVE_STATE_BEFORE.matcher(t).region(0, at).find() && !EXCLUSIVE_CHANGE.matcher(t).find()
        && !STRAINED.matcher(t).find();
  }

  private static boolean current(Pattern p, String t) {
    return firstCurrent(p, t) >= 0;
  }

  /** Start of the first match of {@code p} in {@code t} that no past time dates ({@link #datedBefore}), or -1. */
  private static int firstCurrent(Pattern p, String t) {
    Matcher m = p.matcher(t);
    while (m.find()) {
      if (!datedBefore(t, m.end())) {
        return m.start();
      }
    }
    return -1;
  }

  /**
   * Whether a status cue ending at {@code end} is dated in the past right after it, in its own clause: "ended in
   * August", "widened it in March", "lost its exclusivity in July", "exclusive partner since May", "signed last
   * month". News is dated by a weekday or not at all. A date inside a relative clause dates that clause ("ending a
   * partnership that began several years ago" ends it now).
   */
  static boolean datedBefore(String t, int end) {
    return PAST_TIME_AFTER.matcher(t).region(end, t.length()).lookingAt();
  }

  private static final Pattern PAST_TIME_AFTER = Pattern.compile(
      "(?:(?!\\b(?:which|who|that\\s+(?:began|begun|started|was|were|had|has|have|dates|dated|went|ran|they|it|the two))\\b)"
          + "[^.;,]){0,30}?\\b(?:(?:in|since) (?:january|february|march|april|may|june|july|august|september|october|"
          + "november|december|(?:19|20)\\d\\d)|since (?:last|early|late|mid)|last (?:week|month|year|quarter|spring|"
          + "summer|autumn|fall|winter|january|february|march|april|may|june|july|august|september|october|november|"
          + "december)|(?:\\d+|two|three|four|five|six|several|a few) (?:months|years) ago|a year ago|earlier this year)\\b",
      CI);

  /** Whether a clause reports strain that is not over: "ending the four-month dispute" reports its end. */
  private static boolean strainedNow(String clauses) {
    Matcher m = STRAINED.matcher(clauses);
    while (m.find()) {
      if (!STRAIN_OVER_BEFORE.matcher(clauses.substring(Math.max(0, m.start() - 40), m.start())).find()) {
        return true;
      }
    }
    return false;
  }

  private static final Pattern STRAIN_OVER_BEFORE = Pattern.compile(
      "\\b(?:end(?:ed|ing|s)?|resolv\\w*|settl\\w*|overc[oa]me|put (?:an end|to rest))\\s+(?:[\\w\\-]+\\s+){0,3}$", CI);

  /** What an ending cue may end besides a partnership: a review, a dispute, talks, an exclusivity. */
  private static final Pattern ENDS_SOMETHING_ELSE = Pattern.compile(
      "\\s+(?:(?:a|an|the|its|their|this|that|months|weeks|years|of|[\\w\\-]+-(?:month|week|year|day)|long|"
          + "bitter|public|legal)\\s+){0,4}(?:review|dispute|stand-?off|impasse|tensions?|friction|strain|"
          + "disagreements?|wrangling|stalemate|pause|uncertainty|talks|"
          + "negotiations|investigation|probe|litigation|arbitration|lawsuit|row|feud|exclusivity|exclusive "
          + "(?:status|position|rights?|terms|clause))\\b", CI);
  /** Litigation between the parties: a dispute ("sued", "commenced arbitration", "purported termination"). */
  private static final Pattern LITIGATION = Pattern.compile(
      "\\b(?:sued|sues|suing|lawsuit|(?:file[sd]?|filing|bring|brought|lodged?) (?:a |an )?(?:suit|claim|complaint|"
          + "request for arbitration|arbitration claim)|(?:commenced|launched|began|begun|started|initiated|opened) "
          + "(?:an? )?(?:arbitration|legal (?:action|proceedings)|proceedings)|arbitration (?:proceedings )?against|"
          + "(?:issued|served) (?:legal )?proceedings|legal notice|purported termination|"
          + "(?:contests?|contested|challeng\\w*|disputes?|disputed) (?:the |its |their |what it calls )?"
          + "(?:validity of the )?termination)\\b", CI);
  /** A {@link #LITIGATION} cue not negated ("nobody has sued anybody", "has not filed a claim"). */
  private static boolean litigated(String t) {
    Matcher m = LITIGATION.matcher(t);
    while (m.find()) {
      String pre = t.substring(Math.max(0, m.start() - 30), m.start());
      if (!NEGATION_BEFORE.matcher(pre).find() && !Rx.matches(pre, "(?is).*\\b(?:nobody|no one|neither)\\b[^,;]*$")) {
        return true;
      }
    }
    return false;
  }

  private static final Pattern SETTLEMENT = Pattern.compile(
      "\\b(?:settl(?:ed|es|e|ing|ement)|resolv(?:ed|es|ing)|withdr(?:ew|awn|aws) (?:the|its|their) (?:claim|suit|"
          + "lawsuit|complaint))\\b", CI);

  /** True when every mention of the name in the sentence is "Name's OtherCompany" (a parent naming its unit). */
  static boolean onlyAsParentPossessive(Ctx c, String name) {
    boolean any = false;
    for (int i = 0; i < c.orgSpans.size(); i++) {
      if (!c.name(i).equals(name)) {
        continue;
      }
      any = true;
      boolean parent = i + 1 < c.orgSpans.size() && c.text.substring(c.orgSpans.get(i)[1], c.orgSpans.get(i + 1)[0])
          .matches("(?:'s|\u2019s)\\s+");
      if (!parent) {
        return false;
      }
    }
    return any;
  }

  private static final Pattern ALTERNATIVE_BEFORE = Pattern.compile(
      "(?i)\\b(?:other|rival|competing|alternative)\\s+(?:[\\w\\-]+\\s+){0,2}?(?:suppliers|providers|vendors|partners|"
          + "companies|firms|rivals|competitors|makers|bidders)\\s*,?\\s*(?:including|such as|like)\\s+"
          + "(?:[\\p{L}\\-&.]+\\s*,?\\s+(?:and\\s+)?){0,6}$");

  /** "a tender open to other suppliers, including X": X is an alternative to the partner, not a party. */
  private static boolean onlyAsAlternative(Ctx c, String name) {
    boolean any = false;
    for (int i = 0; i < c.orgSpans.size(); i++) {
      if (!c.name(i).equals(name)) {
        continue;
      }
      any = true;
      int start = c.orgSpans.get(i)[0];
      if (!ALTERNATIVE_BEFORE.matcher(c.text.substring(Math.max(0, start - 120), start)).find()) {
        return false;
      }
    }
    return any;
  }

  private static boolean isInvestorOnly(Ctx c, String name) {
    // "led by X" funding investors are not partnership parties
    int idx = c.text.indexOf(name);
    return idx > 8 && Rx.matches(c.text.substring(Math.max(0, idx - 10), idx), "(?is).*\\b(?:led by|backed by)\\s+$");
  }

  // ================================================================== JOINT_VENTURE

  /** "They will also form a joint venture": the subject is the companies of the sentence before. */
  private static final Pattern PLURAL_SUBJECT_FORMS_JV = Pattern.compile(
      "^(?:they|the two(?: \\w+)?|the companies|both(?: companies)?|the pair|the partners)\\s+(?:will\\s+|would\\s+|"
          + "have\\s+|has\\s+|also\\s+|plan to\\s+|agreed to\\s+)*(?:also\\s+)?(?:form\\w*|set(?:ting)? up|"
          + "creat\\w+|establish\\w*|launch\\w*)\\s+(?:a|an)\\s+(?:new\\s+)?(?:[\\w\\-/]+\\s+)?"
          + "joint[- ]venture\\b", CI);

  private void detectAnaphoricJointVenture(Tagging tagging, Document.Sentence s, String t, List<DetectedEvent> out) {
    if (s.index() == 0 || s.title() || !PLURAL_SUBJECT_FORMS_JV.matcher(t).find() || DENIAL.matcher(t).find()) {
      return;
    }
    Document.Sentence prev = tagging.document().sentences().get(s.index() - 1);
    if (prev.title()) {
      return;
    }
    Set<String> parties = new TreeSet<>();
    for (Tagging.Mention m : tagging.mentionsIn(prev.start(), prev.end(), EntityType.ORG)) {
      parties.add(m.entity().name());
    }
    if (parties.size() != 2) {
      return; // "they" is only clear when the sentence before names exactly two companies
    }
    DetectedEvent e = new DetectedEvent(EventType.JOINT_VENTURE);
    e.parties.addAll(parties);
    e.amount = jvAmount(t);
    e.confidence = 0.7;
    out.add(e);
  }

  private boolean detectJointVenture(Ctx c, List<DetectedEvent> out) {
    String t = c.text;
    Matcher m = JV.matcher(t);
    boolean jvWord = containsAny(c.lower, JV_NEEDS) && m.find();
    if (!jvWord) {
      m = Rx.pattern("\\bventure\\b", CI).matcher(t);
      boolean knownVenture = false;
      for (TaggedEntity o : c.orgs) {
        knownVenture |= "joint_venture".equals(o.category());
      }
      if (!knownVenture || !m.find()) {
        return false;
      }
    }
    if (c.denial || MODAL_BEFORE.matcher(t.substring(0, m.start())).find() && !t.substring(0, m.start())
        .matches("(?is).*\\b(?:will|to|agreed|plan)\\b.*") || TALKS.matcher(t).find()) {
      return true;
    }
    // the venture's name: a joint-venture entity, "called X", "X, a joint venture", "the X ... venture"
    String name = null;
    int nameIdx = -1;
    for (int i = 0; i < c.orgs.size(); i++) {
      TaggedEntity o = c.orgs.get(i);
      int s = c.orgSpans.get(i)[0];
      int e = c.orgSpans.get(i)[1];
      String pre = t.substring(0, s);
      String post = t.substring(e);
      if ("joint_venture".equals(o.category()) || JV_NAME_CUE.matcher(pre).find()
          || Rx.matches(post, "(?is)^(?:\\s+project)?,\\s+(?:a|the)\\s+(?:\\S+\\s+){0,3}?(?:joint\\s+)?venture\\b.*")
          // "Rheinfuel, Veltrion's joint venture with BASF", "Helix, its joint venture with Orsa Grid"
          || Rx.matches(post, "(?s)^,\\s+(?:its|their|\\p{Lu}[\\p{L}\\p{N}&.\\- ]{0,40}?(?:'s|\u2019s))\\s+"
              + "(?:[\\w\\-/]+\\s+){0,3}?(?:joint\\s+)?venture\\b.*")
          || Rx.matches(pre, "(?is).*\\bthe\\s+$") && Rx.matches(post, "(?is)^\\s+(?:[\\w\\-]+\\s+){0,2}?(?:joint\\s+)?venture\\b.*")
          || Rx.matches(pre, "(?is).*\\b(?:in|into|join(?:ed|s)?)\\s+$") && Rx.matches(post, "(?is)^,\\s+(?:a|the)\\s+.*venture.*")) {
        name = o.name();
        nameIdx = i;
        break;
      }
    }
    // parties: organisations in the comma-delimited span of the trigger (lists kept together), else the sentence
    int[] span = jvSpan(c, m.start());
    Set<String> parties = new TreeSet<>();
    for (int i = 0; i < c.orgSpans.size(); i++) {
      if (i != nameIdx && c.orgSpans.get(i)[0] >= span[0] && c.orgSpans.get(i)[1] <= span[1]
          && !c.name(i).equals(name)) {
        parties.add(c.name(i));
      }
    }
    String spanText = t.substring(span[0], span[1]);
    if (Rx.matches(spanText, "(?is)^\\s*(?:which|who)\\b.*")) {
      int i = c.lastOrgBefore(span[0], 0);
      if (i >= 0 && !c.name(i).equals(name)) {
        parties.add(c.name(i));
      }
    }
    if (parties.size() < 2) {
      for (int i = 0; i < c.orgs.size(); i++) {
        if (i != nameIdx && !c.name(i).equals(name)) {
          parties.add(c.name(i));
        }
      }
    }
    if (parties.size() < 2) {
      return true;
    }
    DetectedEvent e = new DetectedEvent(EventType.JOINT_VENTURE);
    e.parties.addAll(parties);
    e.name = name;
    e.amount = jvAmount(t);
    if (e.amount == null) {
      List<Document.Sentence> all = c.tagging.document().sentences();
      int k = c.sentence.index() + 1;
      if (k < all.size()) {
        String next = c.tagging.document().sentenceText(all.get(k));
        if (Rx.matches(next, "(?s)^(?:This|These|The (?:venture|project|initiative|JV|joint venture|partners|companies)|"
            + "It|Together)\\b.*")) {
          e.amount = jvAmount(next);
        }
      }
    }
    e.confidence = 0.85;
    out.add(e);
    return true;
  }

  private static AmountParser.Found jvAmount(String t) {
    for (AmountParser.Found f : AmountParser.findAll(t)) {
      String before = t.substring(0, f.start());
      if (JV_AMOUNT_BEFORE.matcher(before).find() && !Rx.matches(before, "(?is).*\\b(?:total|reach|eventually)\\b[^.;]{0,20}$")) {
        return f;
      }
    }
    return null;
  }

  /** Between a list's comma and its next name: nothing, "the", or a short modifier ("Boston-based", "Singapore start-up"). */
  private static final Pattern LIST_ITEM_LEAD = Pattern.compile("(?:(?:the|an?)\\s+)?(?:(?!(?:after|before|since|when|while|as|which|who|whose|that|"
      + "where|but|because|following|than|until|month|months|year|years|week|weeks|day|days|said|says|with|by|to|"
      + "from|for|in|on|at|of)\\b)[\\p{L}\\-]+\\s+){0,2}", Pattern.CASE_INSENSITIVE);
  /** Between a list name and its comma: nothing, a parenthesis ("(Nasdaq: ARM)") or the end of one holding a mention. */
  private static final Pattern LIST_ITEM_TAIL = Pattern.compile("\\s*(?:\\(?[^(),;]{0,40}\\)\\s*)?");

  private static int[] jvSpan(Ctx c, int pos) {
    String t = c.text;
    int start = 0;
    int end = t.length();
    for (int i = 0; i < t.length(); i++) {
      char ch = t.charAt(i);
      if (ch != ',' && ch != ';') {
        continue;
      }
      boolean listComma = false;
      if (ch == ',') {
        String rest = t.substring(i + 1);
        int skip = rest.length() - Rx.replaceFirst(rest, "^\\s*(?:and\\s+|or\\s+)?", "").length();
        int at = i + 1 + skip;
        // "Arm (Nasdaq: ARM), Lenovo and ...", "Sanofi, Boston-based Arvelle Biologics and ...": a parenthesis after
        // the name before, a modifier before the name after
        int after = c.firstOrgAfter(at, at + 40);
        int before = c.lastOrgBefore(i, 0);
        listComma = after >= 0 && LIST_ITEM_LEAD.matcher(t.substring(at, c.orgSpans.get(after)[0])).matches()
            && before >= 0 && c.orgSpans.get(before)[1] >= i - 60
            && LIST_ITEM_TAIL.matcher(t.substring(c.orgSpans.get(before)[1], i)).matches();
      }
      if (listComma) {
        continue;
      }
      if (i < pos) {
        start = i + 1;
      } else {
        end = i;
        break;
      }
    }
    return new int[] {start, end};
  }

  // ================================================================== helpers

  private static boolean hedged(String t, int trigger) {
    return MODAL_BEFORE.matcher(t.substring(0, trigger)).find();
  }

  private static boolean negated(String t, int trigger) {
    return NEGATION_BEFORE.matcher(t.substring(0, trigger)).find();
  }

  /** The amount closest after the trigger within [from, to), else closest before it; not valuations or totals. */
  private static AmountParser.Found amountNear(String t, int from, int to, int trigger) {
    AmountParser.Found bestAfter = null;
    AmountParser.Found bestBefore = null;
    for (AmountParser.Found f : AmountParser.findAll(t)) {
      String before = t.substring(0, f.start());
      String after = t.substring(f.end());
      if (NOT_AN_INVESTMENT_AMOUNT.matcher(before).find() && !Rx.matches(before, "(?is).*\\bup to\\s*$")
          || SHARE_PRICE_AFTER.matcher(after).find() || Rx.matches(after, "(?is)^\\s*valuation\\b.*")) {
        continue;
      }
      if (f.start() >= from && f.start() < to && bestAfter == null) {
        bestAfter = f;
      } else if (f.end() <= trigger + 1 && trigger - f.end() < 40) {
        bestBefore = f;
      }
    }
    return bestAfter != null ? bestAfter : bestBefore;
  }

  // ================================================================== merging

  /** Parties that must co-occur in a body sentence for a headline-only event to be contradicted. */
  private static List<String> keyParties(DetectedEvent e) {
    return switch (e.type) {
      case ACQUISITION -> List.of(e.acquirer, e.target);
      case INVESTMENT -> e.investors.isEmpty() ? List.of(e.target) : List.of(e.investors.get(0), e.target);
      case PARTNERSHIP, JOINT_VENTURE -> e.parties;
      default -> List.of();
    };
  }

  /** The parties' shares of a joint venture ("a 40% stake in Adura") are not investments. */
  private static List<DetectedEvent> dropStakesInVentures(Tagging tagging, List<DetectedEvent> events) {
    Set<String> ventures = new java.util.HashSet<>();
    for (DetectedEvent e : events) {
      if (e.type == EventType.JOINT_VENTURE && e.name != null) {
        ventures.add(e.name);
      }
    }
    for (TaggedEntity te : tagging.entities()) {
      if ("joint_venture".equals(te.category())) {
        ventures.add(te.name());
      }
    }
    List<DetectedEvent> out = new ArrayList<>();
    for (DetectedEvent e : events) {
      if (!(e.type == EventType.INVESTMENT && ventures.contains(e.target))) {
        out.add(e);
      }
    }
    return out;
  }

  private List<DetectedEvent> dropUnconfirmedHeadlines(Tagging tagging, List<DetectedEvent> merged) {
    List<DetectedEvent> out = new ArrayList<>();
    for (DetectedEvent e : merged) {
      if (!e.fromTitle || e.type == EventType.STOCK_MOVE) {
        out.add(e);
        continue;
      }
      List<String> key = keyParties(e);
      boolean discussedWithout = false;
      for (Document.Sentence s : tagging.document().sentences()) {
        if (s.title()) {
          continue;
        }
        Set<String> names = new java.util.HashSet<>();
        for (Tagging.Mention m : tagging.mentionsIn(s.start(), s.end(), EntityType.ORG)) {
          names.add(m.entity().name());
        }
        if (key.size() >= 2 && names.containsAll(key)) {
          discussedWithout = true;
        }
      }
      if (!discussedWithout) {
        out.add(e);
      }
    }
    return out;
  }

  private List<DetectedEvent> merge(List<DetectedEvent> raw) {
    List<DetectedEvent> out = new ArrayList<>();
    // a merger's two parties take the direction of the article's own reading of who buys whom
    for (DetectedEvent e : raw) {
      if (e.type == EventType.ACQUISITION && e.unordered) {
        for (DetectedEvent o : raw) {
          if (o.type == EventType.ACQUISITION && !o.unordered && e.acquirer.equals(o.target)
              && e.target.equals(o.acquirer)) {
            e.acquirer = o.acquirer;
            e.target = o.target;
            break;
          }
        }
      }
    }
    Map<String, DetectedEvent> acquisitions = new HashMap<>();
    Map<String, DetectedEvent> partnerships = new LinkedHashMap<>();
    Map<String, DetectedEvent> jvs = new HashMap<>();
    Map<String, DetectedEvent> moves = new HashMap<>();
    // body first, then the title, so that the body's reading wins
    List<DetectedEvent> ordered = new ArrayList<>();
    for (DetectedEvent e : raw) {
      if (!e.fromTitle) {
        ordered.add(e);
      }
    }
    for (DetectedEvent e : raw) {
      if (e.fromTitle) {
        ordered.add(e);
      }
    }
    for (DetectedEvent e : ordered) {
      switch (e.type) {
        case ACQUISITION -> {
          String k = e.acquirer + "|" + e.target;
          DetectedEvent p = acquisitions.get(k);
          if (p == null) {
            acquisitions.put(k, e);
            out.add(e);
          } else {
            if (!e.fromTitle && (e.strength > p.strength
                || e.strength == p.strength && rank(e.stage) > rank(p.stage))) {
              p.strength = e.strength;
              p.stage = e.stage;
              p.hedged = e.hedged;
              p.evidence = e.evidence;
            }
            if (p.amount == null) {
              p.amount = e.amount;
            }
          }
        }
        case PARTNERSHIP -> {
          String k = String.join("|", e.parties);
          DetectedEvent p = partnerships.get(k);
          if (p == null && e.fromTitle) {
            for (DetectedEvent q : partnerships.values()) {
              if (overlap(q.parties, e.parties) >= 2) {
                p = q; // a headline restating the body's partnership with an extra name
              }
            }
          }
          if (p == null) {
            partnerships.put(k, e);
            out.add(e);
          } else if (!e.fromTitle && (e.strength > p.strength || e.strength == p.strength
              && p.status == PartnershipStatus.FORMED && e.status != PartnershipStatus.FORMED)) {
            // a change reported after the formation is the state the article presents as current ("they announced a
            // partnership in January ... Ford has put the partnership under review")
            p.status = e.status;
            p.strength = e.strength;
            p.hedged = e.hedged;
            p.evidence = e.evidence;
            p.confidence = e.confidence;
          }
        }
        case JOINT_VENTURE -> {
          // (a headline that names the venture among its companies, "Helix JV wins first tender", restates the body's)
          String k = String.join("|", e.parties);
          DetectedEvent p = jvs.get(k);
          if (p == null) {
            for (DetectedEvent q : jvs.values()) {
              if (e.name != null && e.name.equals(q.name) || overlap(q.parties, e.parties) >= 2
                  || e.fromTitle && q.name != null && e.parties.contains(q.name)) {
                p = q;
              }
            }
          }
          if (p == null) {
            jvs.put(k, e);
            out.add(e);
          } else {
            if (p.name == null) {
              p.name = e.name;
            }
            if (p.amount == null) {
              p.amount = e.amount;
            }
          }
        }
        case STOCK_MOVE -> {
          DetectedEvent p = moves.get(e.company);
          if (p == null) {
            moves.put(e.company, e);
            out.add(e);
          } else if (p.sentence == e.sentence && e.strength > p.strength) {
            p.percent = e.percent;
            p.direction = e.direction;
            p.strength = e.strength;
          }
        }
        case INVESTMENT -> {
          DetectedEvent p = null;
          for (DetectedEvent q : out) {
            if (q.type == EventType.INVESTMENT && q.target.equals(e.target) && overlap(q.investors, e.investors) > 0
                && (q.amount == null || e.amount == null || sameAmount(q.amount, e.amount))) {
              p = q;
              break;
            }
          }
          if (p == null) {
            out.add(e);
          } else {
            for (String i : e.investors) {
              if (!p.investors.contains(i)) {
                p.investors.add(i);
              }
            }
            if (p.amount == null) {
              p.amount = e.amount;
            }
          }
        }
        default -> out.add(e);
      }
    }
    out.sort((a, b) -> {
      int sa = a.fromTitle ? -1 : a.sentence;
      int sb = b.fromTitle ? -1 : b.sentence;
      return Integer.compare(sa, sb);
    });
    return out;
  }

  private static boolean sameAmount(AmountParser.Found a, AmountParser.Found b) {
    return a.currency().equals(b.currency()) && Math.abs(a.value() - b.value()) <= 0.01 * Math.max(a.value(), b.value());
  }

  private static int overlap(List<String> a, List<String> b) {
    int n = 0;
    for (String x : a) {
      if (b.contains(x)) {
        n++;
      }
    }
    return n;
  }

  private static int rank(AcquisitionStage s) {
    return switch (s) {
      case RUMORED -> 1;
      case ANNOUNCED -> 2;
      case COMPLETED -> 3;
      case ABANDONED -> 4;
      case UNKNOWN -> 0;
    };
  }
}
