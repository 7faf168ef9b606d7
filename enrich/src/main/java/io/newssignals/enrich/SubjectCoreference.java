package io.newssignals.enrich;

import io.newssignals.schema.EntityType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds mentions for the words by which an article refers to a company it has named: a term a filing defines
 * ({@code Halvorsen Maritime Ltd (the "Company")}, then "the Company"), a definite description in subject position
 * ("The Munich-based group said it had formed a partnership with Corvane", "the grocer said") and a spokesman's
 * "we"/"our" inside a quotation or a transcript ("our partnership with Nvidia is not exclusive"). A defined term
 * refers to the company it was defined after; a description or "we" refers to the article's focal company (the
 * organisation mentioned most, and at least twice, the earlier on a tie), and only in a sentence that names another
 * company and not the focal one. The entities and their mention counts are unchanged: the added mentions only let
 * the event readers see both parties of a sentence such as "the retailer says it's partnering with Brightcart".
 */
final class SubjectCoreference {

  private static final Pattern DEFINED = Pattern.compile(
      "^[^()]{0,40}?\\(\\s*(?:the\\s+|hereinafter\\s+(?:the\\s+)?)[\"\u201c]"
          + "(Company|Group|Issuer|Purchaser|Vendor|Seller|Buyer|Offeror|Bank|Subscriber|Investor)[\"\u201d]\\s*\\)");
  private static final Pattern DESCRIPTION = Pattern.compile(
      "\\b[Tt]he\\s+(?:[\\p{L}\\-]+-based\\s+|(?:[A-Z][\\p{L}]+|US|U\\.S\\.)\\s+)?"
          + "(?:company|group|firm|retailer|grocer|carmaker|automaker|chipmaker|chip\\s+designer|bank|lender|"
          + "insurer|airline|operator|carrier|telecoms?\\s+group|drugmaker|startup|start-up|conglomerate|maker|"
          + "manufacturer|brewer|miner|utility|supplier|platform|studio|developer|software\\s+maker)\\b"
          + "(?=\\s+(?:said|says|has|had|have|is|was|will|would|added|announced|confirmed|stated|on|plans|agreed|"
          + "signed|formed|ended|put|placed|told|which|,))");
  private static final Pattern FIRST_PERSON = Pattern.compile("\\b(?:[Ww]e|[Oo]ur|[Uu]s)\\b");
  private static final Pattern QUOTE_OR_SPEAKER = Pattern.compile("[\"\u201c\u201d]|^[A-Z][A-Z .'\\-]{1,40}:\\s");

  private SubjectCoreference() { }

  static Tagging resolve(Tagging tagging) {
    Document doc = tagging.document();
    String text = doc.text();
    List<Tagging.Mention> added = new ArrayList<>();
    Map<String, TaggedEntity> defined = new HashMap<>();
    for (Tagging.Mention m : tagging.mentions()) {
      if (m.entity().type() != EntityType.ORG) {
        continue;
      }
      Matcher d = DEFINED.matcher(text.substring(m.end(), Math.min(text.length(), m.end() + 80)));
      if (d.find()) {
        defined.putIfAbsent(d.group(1), m.entity());
      }
    }
    Map<Pattern, TaggedEntity> terms = new HashMap<>();
    defined.forEach((term, e) -> terms.put(Pattern.compile("\\b[Tt]he " + term + "\\b"), e));
    TaggedEntity focal = focal(tagging);
    for (Document.Sentence s : doc.sentences()) {
      String st = doc.sentenceText(s);
      List<Tagging.Mention> orgs = tagging.mentionsIn(s.start(), s.end(), EntityType.ORG);
      if (orgs.isEmpty()) {
        continue; // nobody for the reference to meet
      }
      for (Map.Entry<Pattern, TaggedEntity> e : terms.entrySet()) {
        Matcher t = e.getKey().matcher(st);
        while (t.find()) {
          int at = s.start() + t.start();
          if (!Tagging.overlapsAny(orgs, at, s.start() + t.end()) && !insideDefinition(text, at)) {
            added.add(new Tagging.Mention(at, s.start() + t.end(), e.getValue()));
          }
        }
      }
      // "Ford has put the partnership under review": one company named, the partnership it had with another named
      // together with it earlier in the article (title included); the determiner stands for the other party
      Matcher the = THE_PARTNERSHIP.matcher(st);
      if (the.find() && distinct(orgs) == 1 && !OTHER_DEAL.matcher(st).find()) {
        TaggedEntity named = orgs.get(0).entity();
        TaggedEntity other = earlierPartner(tagging, s, named);
        if (other != null) {
          int at = s.start() + the.start(1);
          added.add(new Tagging.Mention(at, s.start() + the.end(1), other));
          continue;
        }
      }
      // a description refers to the company named last before the sentence ("the grocer"); one named earlier in
      // the same sentence ("Toyota's shares slipped after the carmaker said") already holds that place
      Matcher desc = DESCRIPTION.matcher(st);
      if (desc.find()) {
        int at = s.start() + desc.start();
        TaggedEntity recent = recent(tagging, s, orgs);
        TaggedEntity r = recent != null ? recent : focal;
        if (r != null && orgs.stream().noneMatch(m -> m.entity() == r || m.start() < at)
            && !Tagging.overlapsAny(orgs, at, s.start() + desc.end())) {
          added.add(new Tagging.Mention(at, s.start() + desc.end(), r));
        }
        continue;
      }
      // a spokesman's "we" is the company the story is about
      if (focal != null && orgs.stream().noneMatch(m -> m.entity() == focal)
          && (QUOTE_OR_SPEAKER.matcher(st).find() || quoted(text, s.start()))) {
        Matcher fp = FIRST_PERSON.matcher(st);
        if (fp.find()) {
          added.add(new Tagging.Mention(s.start() + fp.start(), s.start() + fp.end(), focal));
        }
      }
    }
    added.addAll(bareTickers(tagging, added));
    if (added.isEmpty()) {
      return tagging;
    }
    List<Tagging.Mention> all = new ArrayList<>(tagging.mentions());
    all.addAll(added);
    return new Tagging(doc, new ArrayList<>(tagging.entities()), all);
  }

  /** After a company's name: "(NASDAQ: HLXB)", "(HLXB)"; group 1 the exchange, group 2 the ticker. */
  private static final Pattern PRINTED_TICKER = Pattern.compile(
      "\\s*\\(\\s*(?:([A-Z][A-Za-z]{1,7}(?: [A-Z][a-z]+)?)\\s*:\\s*)?([A-Z][A-Z0-9]{0,5}(?:\\.[A-Z]{1,2})?)\\s*\\)");

  /** Capitals in brackets after a name that are not its ticker: "Tesco (UK)", "Nuvola (AI)". */
  private static final Set<String> NOT_TICKERS = Set.of("US", "UK", "EU", "USA", "UAE", "AI",
      "CEO", "CFO", "COO", "CTO", "IPO", "ESG", "EV", "EVS", "HK", "NZ", "SA", "AG", "SE", "NV", "PLC", "LLC", "LP",
      "INC", "GMBH", "SPA", "AB", "ASA", "OYJ", "BV", "KK", "PT", "TBK", "JV", "R&D", "API", "SPV", "CVC", "PE", "VC");

  /** After a one-letter ticker: only a share figure makes "V" Visa ("V shs +0.6 pct", "F -3.2%"). */
  private static final Pattern ONE_LETTER_TICKER_AFTER = Pattern.compile(
      "^\\s*(?:shs|shares|stock)\\b|^\\s*[+\u2212\u2013-]\\s?\\d");

  /**
   * "Helixa Bio (NASDAQ: HLXB) ... HLXB -14.5 pct; PFE flat": a named company's ticker written on its own, outside
   * the brackets that give it, refers to the company (terminal and live-blog style).
   */
  static List<Tagging.Mention> bareTickers(Tagging tagging, List<Tagging.Mention> taken) {
    String text = tagging.document().text();
    List<Tagging.Mention> out = new ArrayList<>();
    for (Tagging.Mention m : tagging.mentions()) {
      if (m.entity().type() == EntityType.ORG && m.entity().ticker() == null) {
        Matcher p = PRINTED_TICKER.matcher(text).region(m.end(), Math.min(text.length(), m.end() + 40));
        if (p.lookingAt() && (p.group(1) != null || p.group(2).length() >= 2 && !NOT_TICKERS.contains(p.group(2)))) {
          m.entity().printedTicker(p.group(2));
        }
      }
    }
    for (TaggedEntity e : tagging.entities()) {
      String tk = e.ticker();
      if (e.type() != EntityType.ORG || tk == null || tk.isEmpty() || !tk.chars().allMatch(
          ch -> Character.isUpperCase(ch) || Character.isDigit(ch) || ch == '.')) {
        continue;
      }
      for (int at = WholeWords.next(text, tk, 0); at >= 0; at = WholeWords.next(text, tk, at + tk.length())) {
        int end = at + tk.length();
        if (at > 0 && text.charAt(at - 1) == '.' || Tagging.overlapsAny(tagging.mentions(), at, end)
            || Tagging.overlapsAny(taken, at, end)
            || Tagging.overlapsAny(out, at, end)) {
          continue;
        }
        char before = Tagging.charBefore(text, at);
        if (before == '(' || before == ':') {
          continue; // "(NASDAQ: HLXB)" gives the ticker; it is not another mention
        }
        if (tk.length() == 1 && !ONE_LETTER_TICKER_AFTER.matcher(text.substring(end, Math.min(text.length(),
            end + 12))).find()) {
          continue;
        }
        out.add(new Tagging.Mention(at, end, e));
      }
    }
    return out;
  }

  /**
   * The company named last before the sentence (within {@value #RECENT_CHARS} characters of it, in the body), when it
   * is not one the sentence names itself: "Tesco shares rose. In its statement, the grocer said ...".
   */
  private static TaggedEntity recent(Tagging tagging, Document.Sentence s, List<Tagging.Mention> inSentence) {
    int from = Math.max(tagging.document().bodyStart(), s.start() - RECENT_CHARS);
    TaggedEntity last = null;
    for (Tagging.Mention m : tagging.mentionsIn(from, s.start(), EntityType.ORG)) {
      TaggedEntity e = m.entity();
      if (inSentence.stream().noneMatch(x -> x.entity() == e)) {
        last = e;
      }
    }
    return last;
  }

  private static final int RECENT_CHARS = 400;

  private static final Pattern THE_PARTNERSHIP = Pattern.compile(
      "\\b([Tt]he|[Tt]heir)\\s+(?:[\\p{L}\\-]+\\s+)?(?:partnership|alliance|collaboration|tie-up|co-development"
          + "(?:\\s+(?:agreement|deal|pact))?|relationship)\\b");
  private static final Pattern PARTNER_WORD = Pattern.compile(
      "\\b(?:partnership|partnered|partnering|partners?|alliance|collaborat\\w*|tie-up|teamed up|co-develop\\w*)\\b",
      Pattern.CASE_INSENSITIVE);

  /** A sentence that also reports money or shares: the partner must not become an investor or a buyer there. */
  private static final Pattern OTHER_DEAL = Pattern.compile(
      "\\b(?:invest\\w*|stake|acquir\\w*|buy\\w*|bought|purchas\\w*|shares?)\\b|[$\u20ac\u00a3\u00a5]|"
          + "\\b\\d+(?:[.,]\\d+)?\\s*(?:%|percent|per cent|million|billion|bn|mln)\\b", Pattern.CASE_INSENSITIVE);

  private static long distinct(List<Tagging.Mention> ms) {
    return ms.stream().map(Tagging.Mention::entity).distinct().count();
  }

  /** The one other company of the last earlier sentence that names {@code named} with a partnership word. */
  private static TaggedEntity earlierPartner(Tagging tagging, Document.Sentence s, TaggedEntity named) {
    Document doc = tagging.document();
    TaggedEntity found = null;
    for (Document.Sentence p : doc.sentences()) {
      if (p.start() >= s.start()) {
        break;
      }
      List<Tagging.Mention> ms = tagging.mentionsIn(p.start(), p.end(), EntityType.ORG);
      if (distinct(ms) != 2 || ms.stream().noneMatch(m -> m.entity() == named)
          || !PARTNER_WORD.matcher(doc.sentenceText(p)).find()) {
        continue;
      }
      for (Tagging.Mention m : ms) {
        if (m.entity() != named) {
          found = m.entity();
        }
      }
    }
    return found;
  }

  /** The organisation the article is about: the one mentioned most (at least twice), the earlier on a tie. */
  private static TaggedEntity focal(Tagging tagging) {
    TaggedEntity best = null;
    for (TaggedEntity te : tagging.entities()) {
      if (te.type() != EntityType.ORG || te.mentions() < 2) {
        continue;
      }
      if (best == null || te.mentions() > best.mentions()
          || te.mentions() == best.mentions() && te.firstStart() < best.firstStart()) {
        best = te;
      }
    }
    if (best != null) {
      for (TaggedEntity te : tagging.entities()) {
        if (te != best && te.type() == EntityType.ORG && te.mentions() == best.mentions()) {
          return null; // two companies share the story: "we" and "the company" could be either
        }
      }
    }
    return best;
  }

  /** Whether the sentence starting at {@code start} lies inside an open quotation (an odd number of quotes before). */
  private static boolean quoted(String text, int start) {
    int open = 0;
    int lineStart = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
    for (int i = lineStart; i < start; i++) {
      char c = text.charAt(i);
      if (c == '"') {
        open ^= 1;
      } else if (c == '\u201c') {
        open = 1;
      } else if (c == '\u201d') {
        open = 0;
      }
    }
    return open == 1;
  }

  private static boolean insideDefinition(String text, int at) {
    int from = Math.max(0, at - 3);
    return text.substring(from, at).contains("(");
  }

}
