package io.newssignals.enrich;

import io.newssignals.schema.AcquisitionStage;
import io.newssignals.schema.EventType;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The learned deal stage: when the hand-written acquisition and investment rules found nothing in an article, the
 * {@link DealSentenceModel} reads its headline and lead sentences, and the most probable deal sentence above the
 * model's threshold becomes an ACQUISITION or INVESTMENT event whose parties are read from the sentence's structure
 * (who sells to whom, who buys what, whose stake in which company). A sentence whose parties cannot be read gives no
 * event: the model says that there is a deal, the sentence must say between whom.
 */
final class DealModelStage {

  private static final int CI = Pattern.CASE_INSENSITIVE;
  private static final Pattern SELL_TO = Pattern.compile(
      "\\b(?:sell|sells|sold|selling|sale of|divest(?:s|ed|ing)?|transfer(?:s|red)?)\\b", CI);
  /** From the selling word to the buyer: "... to X", "... to a subsidiary of X", "... to an investor group led by X". */
  private static final Pattern SOLD_TO = Pattern.compile(
      "(?s).{0,160}\\bto\\s+(?:(?:the|a|an)\\s+)?(?:(?:[\\w\\-]+\\s+){0,3}(?:of|led by|including|formed by)\\s+|"
          + "(?:newly\\s+formed|newly\\s+created|privately\\s+held|closely\\s+held|new|recently\\s+formed)\\s+)?", CI);
  private static final Pattern PASSIVE_BY = Pattern.compile(
      "\\b(?:acquired|bought|purchased|taken over|acquisition|takeover|purchase|merger|offer|bid|proposal)\\s+"
          + "(?:\\w+\\s+){0,3}?(?:by|from)\\s+$", CI);
  private static final Pattern TRIGGER = Pattern.compile(
      "\\b(?:acquir(?:e|es|ed|ing)|acquisition|buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing)|merg(?:e|er|es|ed|ing)|"
          + "takeover|take over|tender offer|offer|bid|stake|shares|pct|percent|holding|interest|control)\\b|%", CI);
  private static final Pattern STRONG_TRIGGER = Pattern.compile(
      "\\b(?:acquir(?:e|es|ed|ing)|acquisition|buy(?:s|ing)?|bought|purchas(?:e|es|ed|ing)|merg(?:e|er|es|ed|ing)|"
          + "takeover|take over|tender offer|offer|bid)\\b", CI);
  private static final Pattern STAKE = Pattern.compile(
      "(\\d+(?:[.,]\\d+)?)\\s*(?:pct|%|percent|per cent)\\b", CI); // "9,9 per cent": a decimal comma
  private static final Pattern FULL_CONTROL = Pattern.compile(
      "\\b(?:merger|merge|tender offer|takeover|acquisition of|acquire all|buy all|remaining|wholly|"
          + "outstanding shares it does not|all of the outstanding|all outstanding)\\b", CI);
  private static final Pattern ABANDONED = Pattern.compile(
      "\\b(?:terminat\\w*|call(?:ed|s)? off|withdr[ae]w\\w*|abandon\\w*|rejected|scrapped|dropped|ended|ends|"
          + "broke off|no longer)\\b", CI);
  private static final Pattern RUMORED = Pattern.compile(
      "\\b(?:talks|negotiat\\w*|propos\\w*|offer(?:ed|s)?|bid|seek(?:s|ing)?|considering|approach\\w*|"
          + "letter of intent|agreement in principle|may|might|could|would)\\b", CI);
  private static final Pattern IN_TALKS = Pattern.compile(
      "\\b(?:in (?:early |advanced |preliminary |exclusive )?(?:talks|discussions|negotiations)|reportedly|"
          + "people (?:familiar|close|briefed)|sources? (?:said|say|familiar|close)|a report that)\\b", CI);
  private static final Pattern COMPLETED = Pattern.compile(
      "\\b(?:completed|has acquired|have acquired|acquired|has bought|bought|has purchased|purchased|"
          + "closed|has sold|sold|took over)\\b", CI);
  private static final Pattern AGREED = Pattern.compile(
      "\\b(?:agreed|agrees|signed|definitive|will acquire|will buy|to acquire|to buy|to purchase|to sell|to merge|"
          + "plans to)\\b", CI);
  private static final Pattern NOT_A_DEAL_AMOUNT = Pattern.compile(
      "^\\s*(?:a|per)\\s+share\\b", CI);

  private static final Pattern SHARES_AFTER = Pattern.compile(
      "^(?:'s|\u2019s)?\\s+(?:common\\s+|preferred\\s+|ordinary\\s+|class\\s+\\w\\s+)?(?:stock|shares)\\b", CI);
  private static final Pattern SHARES_BEFORE = Pattern.compile("\\b(?:shares|stock|stake)\\s+(?:of|in)\\s+$", CI);

  /** Whether the sentence is about the target's shares ("buy Globex common stock", "shares of Globex"). */
  private static boolean sharesOf(String t, String target) {
    for (int at = t.indexOf(target); at >= 0; at = t.indexOf(target, at + 1)) {
      if (SHARES_AFTER.matcher(t.substring(at + target.length())).find()
          || SHARES_BEFORE.matcher(t.substring(Math.max(0, at - 20), at)).find()) {
        return true;
      }
    }
    return false;
  }
  private static final Pattern INVEST_WORD = Pattern.compile("\\binvest(?:s|ed|ing|ment|or|ors)?\\b", CI);
  private static final Pattern CONTROL_WORD = Pattern.compile(
      "\\b(?:acquir\\w*|buy(?:s|ing)?|bought|purchas\\w*|merg\\w*|takeover|take over|tender)\\b", CI);
  private static final Pattern TALKS_OR_MAYBE = Pattern.compile(
      "\\b(?:talks?|negotiat\\w*|consider\\w*|weigh\\w*|may|might|could|would|explor\\w*|plans?|intends?)\\b", CI);

  private final DealSentenceModel model;

  DealModelStage(DealSentenceModel model) {
    this.model = model;
  }

  /** Adds at most one event: the best deal sentence of the headline and lead, when its parties can be read. */
  void detect(Tagging tagging, List<DetectedEvent> out) {
    Document doc = tagging.document();
    EventDetector.Ctx best = null;
    double bestP = model.threshold();
    int body = 0;
    for (Document.Sentence s : doc.sentences()) {
      if (!s.title() && body++ >= DealSentenceModel.LEAD_SENTENCES) {
        break;
      }
      EventDetector.Ctx c = new EventDetector.Ctx(tagging, s);
      if (c.orgs.isEmpty() || c.denial) {
        continue;
      }
      // the features as training computed them: every organisation mention masked (Ctx leaves out dateline
      // agencies and companies that only describe a person, which the parties below must not include)
      double p = model.probability(DealSentenceModel.features(c.text, TrainDealModelCommand.orgSpans(tagging, s),
          s.title()));
      if (p >= bestP && parties(c) != null) {
        best = c;
        bestP = p;
      }
    }
    if (best == null) {
      headline(tagging, out);
      return;
    }
    DetectedEvent e = event(best, parties(best));
    if (e == null) {
      return;
    }
    e.confidence = Math.min(0.9, bestP);
    e.sentence = best.sentence.index();
    e.fromTitle = best.sentence.title();
    e.evidence = best.text;
    e.why = String.format(Locale.ROOT, "model deal-sentence p=%.3f (threshold %.3f); parties by %s", bestP,
        model.threshold(), parties(best)[2]);
    out.add(e);
  }

  // ------------------------------------------------------------------ all-capital wire headlines

  private static final String NAME = "(.{2,60}?)";
  private static final Pattern HEADLINE_ACTIVE = Pattern.compile("^" + NAME + "\\s+(?:SHAREHOLDERS\\s+|HOLDERS\\s+|BOARD\\s+)?("
      + "TO ACQUIRE|TO BUY|TO PURCHASE|ACQUIRES|ACQUIRED|BUYS|BOUGHT|AGREES TO (?:ACQUIRE|BUY|PURCHASE)|"
      + "COMPLETES (?:ACQUISITION|PURCHASE|BUYOUT|TAKEOVER) OF|IN (?:PACT|DEAL|AGREEMENT|ACCORD) TO (?:ACQUIRE|BUY)|"
      + "(?:MAKES |STARTS |LAUNCHES |EXTENDS |ENDS |TERMINATES |DROPS )?(?:TENDER |TAKEOVER |BUYOUT )?(?:OFFER|BID) FOR|"
      + "(?:UPS|RAISES|BOOSTS|LIFTS|TAKES|HAS|BUYS|ACQUIRES) (?:\\d+(?:\\.\\d+)? PCT )?STAKE IN|HAS \\d+(?:\\.\\d+)? PCT OF|"
      + "BUYS \\d+(?:\\.\\d+)? PCT OF|TO MERGE WITH|AGREES? TO MERGE WITH|APPROVES? MERGER WITH|SETS MERGER WITH|"
      + "COMPLETES MERGER WITH|IN MERGER WITH)\\s+" + NAME + "$");
  private static final Pattern HEADLINE_SALE = Pattern.compile("^" + NAME + "\\s+(?:TO SELL|SELLS|SOLD|AGREES TO SELL|"
      + "COMPLETES SALE OF|IN PACT TO SELL)\\s+" + NAME + "\\s+TO\\s+" + NAME + "$");
  private static final Pattern HEADLINE_PASSIVE = Pattern.compile("^" + NAME + "\\s+(?:TO BE ACQUIRED BY|ACQUIRED BY|"
      + "AGREES TO BE ACQUIRED BY|BOUGHT BY|SOLD TO|GETS (?:TAKEOVER |BUYOUT |MERGER )?(?:OFFER|BID|PROPOSAL) FROM|"
      + "RECEIVES (?:TAKEOVER |BUYOUT )?(?:OFFER|BID) FROM)\\s+" + NAME + "$");
  private static final Pattern TICKER = Pattern.compile("<[^>]{1,12}>");
  private static final Pattern NAME_TAIL = Pattern.compile(
      "\\s+(?:FOR|IN|AT|ON|AFTER|FROM|UNIT|UNITS|DIVISION|STAKE|SHARES|ASSETS|OPERATIONS|SUBSIDIARY|PLANT|"
          + "SAYS|SAID|SEES|OFFER|BID|DEAL|AND|WITH|BY)\\b.*$");
  private static final java.util.Set<String> NOT_A_NAME = java.util.Set.of("GROUP", "INVESTOR", "INVESTORS",
      "INVESTOR GROUP", "FIRM", "COMPANY", "UNIT", "UNITS", "STAKE", "SHARES", "ASSETS", "BANK", "BANKS", "DIVISION",
      "IT", "ITS", "THE", "HOLDERS", "SHAREHOLDERS", "MANAGEMENT", "OFFICIALS", "SUBSIDIARY", "OPERATIONS");

  /**
   * A headline in capitals ("GELCO &lt;GEL&gt; TO SELL COURIER UNIT TO AIR CANADA") names companies that the tagger, which
   * reads capitalisation, cannot see: when the model calls the headline a deal sentence, its parties are read from
   * the headline's shape (who, verb, whom) and written in title case.
   */
  private void headline(Tagging tagging, List<DetectedEvent> out) {
    Document doc = tagging.document();
    if (doc.sentences().isEmpty() || !doc.sentences().get(0).title()) {
      return;
    }
    String title = doc.sentenceText(doc.sentences().get(0));
    if (!CapitalHeadline.isCapital(title)) {
      return;
    }
    double p = model.probability(DealSentenceModel.features(title,
        TrainDealModelCommand.orgSpans(tagging, doc.sentences().get(0)), true));
    if (p < model.threshold()) {
      return;
    }
    String h = TICKER.matcher(title).replaceAll(" ").replaceAll("\\s+", " ").strip();
    String buyer;
    String target;
    String verb;
    Matcher m;
    if ((m = HEADLINE_SALE.matcher(h)).matches()) {
      buyer = name(m.group(3));
      String unit = name(m.group(2));
      target = unit != null ? unit : name(m.group(1));
      verb = "SELL";
    } else if ((m = HEADLINE_PASSIVE.matcher(h)).matches()) {
      buyer = name(m.group(2));
      target = name(m.group(1));
      verb = h.contains("OFFER") || h.contains("BID") || h.contains("PROPOSAL") ? "OFFER" : "ACQUIRED";
    } else if ((m = HEADLINE_ACTIVE.matcher(h)).matches()) {
      buyer = name(m.group(1));
      target = name(m.group(3));
      verb = m.group(2);
    } else {
      CapitalHeadline.Reading r = CapitalHeadline.read(title, EntityTagger.PLACES);
      if (r != null) {
        out.add(fromReading(r, title, p, String.format(Locale.ROOT, "model deal-sentence p=%.3f on an all-capital"
            + " headline; parties by its words (%s, %s)", p, r.how(), CapitalHeadline.RESOURCE)));
      }
      return;
    }
    if (buyer == null || target == null || buyer.equalsIgnoreCase(target)) {
      return;
    }
    boolean stake = (verb.contains("STAKE") || verb.contains("PCT")) && !verb.contains("MERGE");
    AcquisitionStage stage = verb.matches(".*\\b(?:ENDS|TERMINATES|DROPS)\\b.*") ? AcquisitionStage.ABANDONED
        : verb.matches(".*\\b(?:COMPLETES|ACQUIRED|BOUGHT|SOLD)\\b.*") ? AcquisitionStage.COMPLETED
        : verb.matches(".*\\b(?:OFFER|BID)\\b.*") ? AcquisitionStage.RUMORED
        : AcquisitionStage.ANNOUNCED;
    out.add(fromReading(new CapitalHeadline.Reading(buyer, target, stake, stage, verb, false), title, p,
        String.format(Locale.ROOT, "model deal-sentence p=%.3f on an all-capital headline; parties by its shape (%s)",
            p, verb)));
  }

  /** The event a headline reading gives: a minority stake is an INVESTMENT, anything else an ACQUISITION. */
  private static DetectedEvent fromReading(CapitalHeadline.Reading r, String title, double p, String why) {
    DetectedEvent e;
    if (r.stake()) {
      e = new DetectedEvent(EventType.INVESTMENT);
      e.investors.add(r.buyer());
      e.target = r.target();
    } else {
      e = new DetectedEvent(EventType.ACQUISITION);
      e.acquirer = r.buyer();
      e.target = r.target();
      e.stage = r.stage();
      e.unordered = r.unordered();
    }
    e.confidence = Math.min(0.8, p);
    e.sentence = 0;
    e.fromTitle = true;
    e.evidence = title;
    e.why = why;
    return e;
  }

  /** A headline name in title case ("AIR CANADA" to "Air Canada"), or null when it is not a name. */
  private static String name(String raw) {
    String n = NAME_TAIL.matcher(" " + raw.strip()).replaceAll("").strip();
    n = n.replaceFirst("^(?:THE|ITS)\\s+", "");
    if (n.isEmpty() || NOT_A_NAME.contains(n) || n.split(" ").length > 5 || !Character.isLetter(n.charAt(0))
        || n.matches(".*\\d.*")) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (String w : n.split(" ")) {
      if (b.length() > 0) {
        b.append(' ');
      }
      boolean acronym = w.length() <= 3 && !w.equals("AND") && !w.equals("OF") && !w.equals("CO")
          && !w.equals("THE") || !w.matches(".*[AEIOUY].*");
      b.append(acronym ? w : w.charAt(0) + w.substring(1).toLowerCase(Locale.ROOT));
    }
    return b.toString();
  }

  /** After a deal word, a description of a company named before it: " the rest of the studio", " the company". */
  private static final Pattern DESCRIBED_TARGET = Pattern.compile(
      "\\s*(?:the\\s+(?:rest|remainder|remaining\\s+\\S+)\\s+of\\s+|(?:a|the)\\s+(?:[\\d.]+\\s*(?:%|pct|per\\s*cent)\\s+)?"
          + "(?:controlling\\s+|majority\\s+|minority\\s+)?stake\\s+in\\s+|control\\s+of\\s+)?the\\s+(?:[\\w\\-]+\\s+)?"
          + "(?:company|studio|firm|group|startup|start-up|business|maker|developer|lender|bank|insurer|retailer|"
          + "operator|carrier|chipmaker|carmaker|brewer|miner)\\b",
      Pattern.CASE_INSENSITIVE);

  /** After a company's name: "'s £640 million takeover", "'s rival bid". */
  private static final Pattern POSSESSIVE_BID = Pattern.compile(
      "(?:'s|\u2019s|')\\s+(?:[\\w$\u20ac\u00a3.,\\-]+\\s+){0,4}?(?:takeover|acquisition|buyout|offer|bid)\\b",
      Pattern.CASE_INSENSITIVE);

  /** {buyer, target, how} read from the sentence, or null. */
  static String[] parties(EventDetector.Ctx c) {
    String t = c.text;
    int n = c.orgs.size();
    // "X agreed to sell its unit, Y, to Z": Z buys; the unit when named, else the seller
    Matcher sell = SELL_TO.matcher(t);
    if (sell.find()) {
      for (int i = 0; i < n; i++) {
        int start = c.orgSpans.get(i)[0];
        if (start > sell.end() && SOLD_TO.matcher(t.substring(sell.end(), start)).matches()) {
          String buyer = c.name(i);
          String unit = null;
          for (int k = 0; k < i; k++) {
            if (c.orgSpans.get(k)[0] > sell.end() && !c.name(k).equals(buyer)) {
              unit = c.name(k);
              break;
            }
          }
          String seller = null;
          for (int k = 0; k < n; k++) {
            if (c.orgSpans.get(k)[1] <= sell.start() && !c.name(k).equals(buyer)) {
              seller = c.name(k);
              break;
            }
          }
          String target = unit != null ? unit : seller;
          return target == null ? null : new String[] {buyer, target, "sale-to"};
        }
      }
      // "X signed a letter of intent with Y for the sale of its unit": the counterparty before the sale buys
      for (int i = 1; i < n; i++) {
        int start = c.orgSpans.get(i)[0];
        if (c.orgSpans.get(i)[1] <= sell.start() && c.orgSpans.get(0)[1] <= start
            && Rx.matches(t.substring(Math.max(0, start - 8), start), "(?s).*\\bwith\\s+$")
            && !c.name(i).equals(c.name(0))) {
          return new String[] {c.name(i), c.name(0), "sale-with"};
        }
      }
      // "Hooli sold half of its stake in Initech": a seller with no buyer named is nobody's purchase
      if (c.orgSpans.get(0)[1] <= sell.start()) {
        return null;
      }
    }
    // "X was acquired by Y", "an offer from Y": the company after "by"/"from" buys the first one
    for (int i = 1; i < n; i++) {
      String before = t.substring(Math.max(0, c.orgSpans.get(i)[0] - 60), c.orgSpans.get(i)[0]);
      if (PASSIVE_BY.matcher(before).find() && !c.name(0).equals(c.name(i))) {
        return new String[] {c.name(i), c.name(0), "passive"};
      }
    }
    // "X said it acquired 6.2 pct of Y", "X agreed to buy Y": the first company acts, the first other company after
    // the deal word is the target
    // the buying words first ("after a report that Tencent is in talks to buy"), then stake words ("shares", "%")
    for (Pattern trigger : List.of(STRONG_TRIGGER, TRIGGER)) {
      Matcher trig = trigger.matcher(t);
      while (trig.find()) {
        String buyer = null;
        String nearest = null;
        for (int i = 0; i < n && c.orgSpans.get(i)[1] <= trig.start(); i++) {
          buyer = buyer == null ? c.name(i) : buyer;
          nearest = c.name(i);
        }
        if (buyer == null) {
          continue;
        }
        for (int i = 0; i < n; i++) {
          if (c.orgSpans.get(i)[0] >= trig.end() && !c.name(i).equals(buyer)) {
            return new String[] {buyer, c.name(i), "subject-object"};
          }
        }
        // "Mirefall shares jumped after a report that Tencent is in talks to buy the rest of the studio": the
        // company nearest the deal word buys the one the description after it refers back to
        if (!nearest.equals(buyer) && DESCRIBED_TARGET.matcher(t).region(trig.end(), t.length()).lookingAt()) {
          return new String[] {nearest, buyer, "described-target"};
        }
      }
    }
    // "Cinderford shareholders approved Amberline Capital's £640 million takeover": whose takeover it is buys
    for (int i = 0; i < n; i++) {
      if (POSSESSIVE_BID.matcher(t).region(c.orgSpans.get(i)[1], t.length()).lookingAt()) {
        for (int k = 0; k < n; k++) {
          if (!c.name(k).equals(c.name(i))) {
            return new String[] {c.name(i), c.name(k), "possessive-bid"};
          }
        }
      }
    }
    // a confident model and a sentence opened by a company that names one other: "X completed the acuqisition of Y"
    if (n >= 2 && c.orgSpans.get(0)[0] <= 4 && !c.name(0).equals(c.name(1))) {
      return new String[] {c.name(0), c.name(1), "subject-first"};
    }
    return null;
  }

  private static DetectedEvent event(EventDetector.Ctx c, String[] parties) {
    String t = c.text;
    if (EventDetector.FUNDING_ROUND.matcher(t).find()) {
      return null; // "a $45 million Series B led by Northlight Capital": the rules read rounds, the model buys nothing
    }
    Matcher stake = STAKE.matcher(t);
    boolean minority = false;
    if (stake.find() && !FULL_CONTROL.matcher(t).find() && !"sale-to".equals(parties[2])) {
      minority = Double.parseDouble(stake.group(1).replace(',', '.')) <= 50;
    }
    // "will buy Globex common stock", "an investment in Initech": shares or money, not control
    minority |= sharesOf(t, parties[1]) && !FULL_CONTROL.matcher(t).find()
        || INVEST_WORD.matcher(t).find() && !CONTROL_WORD.matcher(t).find();
    if (minority && TALKS_OR_MAYBE.matcher(t).find()) {
      return null; // reported talks about investing and hypothetical stakes are not labelled
    }
    DetectedEvent e;
    if (minority) {
      e = new DetectedEvent(EventType.INVESTMENT);
      e.investors.add(parties[0]);
      e.target = parties[1];
    } else {
      e = new DetectedEvent(EventType.ACQUISITION);
      e.acquirer = parties[0];
      e.target = parties[1];
      e.stage = ABANDONED.matcher(t).find() ? AcquisitionStage.ABANDONED
          : IN_TALKS.matcher(t).find() ? AcquisitionStage.RUMORED // "in talks to buy": not yet agreed
          : AGREED.matcher(t).find() ? AcquisitionStage.ANNOUNCED
          : COMPLETED.matcher(t).find() ? AcquisitionStage.COMPLETED
          : RUMORED.matcher(t).find() ? AcquisitionStage.RUMORED
          : AcquisitionStage.ANNOUNCED;
    }
    for (AmountParser.Found f : AmountParser.findAll(t)) {
      if (!NOT_A_DEAL_AMOUNT.matcher(t.substring(f.end())).find()) {
        e.amount = f;
        break;
      }
    }
    return e;
  }
}
