package io.newssignals.enrich;

import io.newssignals.schema.EntityType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tags organisations, people and products in a document: gazetteer matches (Aho-Corasick), exchange tickers and
 * cashtags, the ambiguity rules for common-word names and short forms, people and organisations introduced in the
 * text, and surname-only mentions after a full mention.
 */
public final class EntityTagger {

  private static final Pattern EXCHANGE_TICKER = Pattern.compile(
      "\\b(NASDAQ|Nasdaq|NYSE American|NYSE|Nyse|LSE|LON|XETRA|Xetra|FRA|TSE|TYO|HKEX|HKG|Euronext|EPA|AMS|TSX|ASX|"
          + "SIX|OTC|OTCQX|KRX|KOSDAQ|NSE|BSE|SGX|BME|BIT|STO|HEL|CPH|OSL|SWX|ETR|AMEX|Cboe|CBOE)\\s*:\\s*"
          + "([A-Z0-9]{1,6}(?:[.\\-][A-Z0-9]{1,3})?)\\b");
  private static final Pattern CASHTAG = Pattern.compile("(?<![\\w$])\\$([A-Z]{1,6}(?:\\.[A-Z])?)\\b");
  static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['\u2019&.\\-][\\p{L}\\p{N}]+)*");

  private static final Set<String> CORP_SUFFIX = words("Inc", "Inc.", "Corp", "Corp.", "Corporation", "Co", "Co.",
      "Ltd", "Ltd.", "Limited", "LLC", "PLC", "Plc", "plc", "AG", "SE", "SA", "NV", "GmbH", "Group", "Holdings",
      "Holding", "LP", "LLP", "AB", "ASA", "Oyj", "KK", "S.A.", "N.V.", "S.p.A.", "PBC");
  /** Words after a known name that still denote that same organisation ("SoftBank Group", "Rivian Automotive"). */
  private static final Set<String> COLLAPSING_HEADS = words("Inc", "Inc.", "Corp", "Corp.", "Corporation", "Co",
      "Co.", "Ltd", "Ltd.", "Limited", "LLC", "PLC", "Plc", "AG", "SE", "SA", "NV", "GmbH", "Group", "Holdings",
      "Holding", "Automotive", "Technologies", "Technology", "Systems", "Motors", "Platforms", "Electronics",
      "Communications", "International", "Global", "Bank", "Incorporated", "Motor", "Industries");
  /** Last words that make a capitalised phrase an organisation ("Index Ventures", "Competition and Markets Authority"). */
  /** Last words that make a capitalised phrase an organisation ("Index Ventures", "Sierra Dorada Mining"). */
  private static final Set<String> ORG_HEADS = loadWords("/enrich/org-heads.txt");
  /** Words that open a name only before "of" and a name: "City of Grand Rapids", "County of Essex". */
  private static final Set<String> OF_HEADS = loadWords("/enrich/of-heads.txt");
  private static final Set<String> NAME_OPENING_ORDINALS = words("First", "Second", "Third", "New");
  /** "Temasek-owned Vertex Ventures", "SoftBank-backed Lumora": a company modifying the name, not part of it. */
  private static final Pattern MODIFIER_SUFFIX = Pattern.compile(
      "-(?:owned|backed|controlled|listed|led|funded|headquartered|founded)$");
  /** First words that make a capitalised phrase an organisation ("Grupo Ferrana", "Cooperativa Rio Claro"). */
  private static final Set<String> ORG_LEADS = words("Grupo", "Gruppo", "Groupe", "Banco", "Banca", "Banque",
      "Cooperativa", "Cooperative", "Co-operative", "Coopérative", "Compañía", "Compagnie", "Companhia",
      "Fundación", "Fundação", "Stichting", "Sociedad", "Société", "Società");
  /** Descriptors after which a capitalised name is an organisation ("software maker Splunk", "led by X"). */
  static final Pattern STRONG_DESCRIPTOR_BEFORE = Pattern.compile(
      "\\b(?:startup|start-up|rival|fintech|chipmaker|carmaker|automaker|insurer|lender|maker|developer|provider|"
          + "backers?|investors?|shareholders?|retailer|chain|operator|supplier|manufacturer|producer|unicorn|competitor|firm|company|"
          + "bank|fund|subsidiary|acquire|acquiring|acquisition of|to buy|agreed to buy|invest in|stake in|"
          + "analysts? at|economist at|strategist at|led by|backed by|partnership with|partnered with|"
          + "teamed up with|alliance with|joint venture with|venture arm|investment arm|venture capital arm|"
          + "corporate venture unit)\\s+$");
  /** The last word of every alternative of {@link #STRONG_DESCRIPTOR_BEFORE} ("maker" for "chipmaker"). */
  static final List<String> STRONG_DESCRIPTOR_ENDS = List.of("startup", "start-up", "rival", "fintech", "maker",
      "insurer", "lender", "developer", "provider", "backer", "backers", "investor", "investors", "shareholder",
      "shareholders", "retailer", "chain", "operator", "supplier", "manufacturer", "producer", "unicorn", "competitor",
      "firm", "company", "bank", "fund", "subsidiary", "acquire", "acquiring", "of", "buy", "in", "at", "by", "with",
      "arm", "unit");
  private static final Pattern APPOSITIVE_AFTER = Pattern.compile(
      "^(?:\\s*\\([^)]{1,40}\\))?,\\s+(?:a|an|the)\\s+(?:[\\p{L}\\-\u2019']+\\s+){0,5}?(?:startup|start-up|company|firm|"
          + "maker|developer|provider|lender|bank|insurer|fund|investor|operator|retailer|carmaker|chipmaker|"
          + "automaker|manufacturer|group|subsidiary|platform|fintech|supplier|producer|venture|broker|business|"
          + "unicorn|brand|studio|lab|consultancy|agency|regulator|conglomerate|utility|miner|airline|publisher|"
          + "marketplace|app|exchange)\\b");
  static final Pattern DESCRIPTOR_COMMA_BEFORE = Pattern.compile(
      "\\b(?:startup|start-up|company|firm|maker|developer|provider|lender|insurer|fintech|chipmaker|carmaker|"
          + "manufacturer|supplier|producer|platform|unicorn|brand|operator|retailer),\\s+$");
  private static final Pattern REGIONAL_FUND_AFTER = Pattern.compile(
      "^ (?:Africa|Europe|Asia|India|Latin America|Middle East|Southeast Asia|Nordics)(?![\\p{L}\\p{N}\\-'\u2019])");
  private static final Pattern FUND_VINTAGE_AFTER = Pattern.compile("^ (?:[2-9]|I{2,3}|IV|VI{0,3})(?![\\p{L}\\p{N}]|[.,]\\d)");
  /** A listing printed after a name makes it a company: "Zentrix (NASDAQ: ZTRX)". */
  private static final Pattern LISTING_AFTER = Pattern.compile(
      "^\\s*\\((?:NASDAQ|Nasdaq|NYSE|LSE|TSX|ASX|XETRA|Xetra|Euronext|HKEX|TYO|TSE|SIX|OTC|AMEX)\\s*:\\s*[A-Z0-9.\\-]{1,8}\\)");
  /** A bare ticker in parentheses after a name, as market copy writes it: "Kestrel Interactive (KSTL) fell 16%". */
  private static final Pattern BARE_TICKER_AFTER = Pattern.compile("^\\s*\\(([A-Z]{2,5}(?:\\.[A-Z]{1,2})?)\\)");
  /** Parenthesised capitals that are abbreviations, not tickers. */
  private static final Set<String> NOT_TICKERS = Set.of("CEO", "CFO", "COO", "CTO", "CIO", "AI", "EV", "EVS", "US",
      "USA", "UK", "EU", "UAE", "IPO", "ETF", "GDP", "FDA", "SEC", "FTC", "DOJ", "ECB", "IMF", "WHO", "NHS", "PE", "VC",
      "API", "LNG", "EPS", "FY", "ESG", "SPAC", "RFR", "ROFR", "MOU", "JV", "JDA", "LOI", "NDA", "SPA", "PLC", "LLC",
      "IP", "AR", "VR", "XR", "GPU", "CPU", "SUV", "SUVS", "RMB", "USD", "EUR", "GBP", "JPY", "CNY", "INR", "HKD", "SGD",
      "AUD", "CAD", "CHF", "KRW", "ADR", "ADRS", "ICC", "CMA", "DMA", "NASA", "OEM", "OEMS", "HQ", "PR", "TV", "OS",
      "NDRC", "MOFCOM", "SAMR", "CFIUS", "FCA", "BAFIN", "ACCC", "CCI", "KFTC", "JFTC", "DG");

  /** Whether "(KSTL)" after a name is a ticker: not an abbreviation and not the name's own initials ("(FDA)"). */
  private static boolean bareTicker(String name, String after) {
    Matcher m = BARE_TICKER_AFTER.matcher(after);
    if (!m.find() || NOT_TICKERS.contains(m.group(1))) {
      return false;
    }
    StringBuilder initials = new StringBuilder();
    for (String w : Rx.split(name, "[\\s\\-]+")) {
      if (!w.isEmpty() && Character.isUpperCase(w.charAt(0))) {
        initials.append(w.charAt(0));
      }
    }
    return !m.group(1).equals(initials.toString());
  }

  /** A name written with a lower-case first letter and a capital inside: "iRobot", "eToro". */
  static final Pattern CAMEL_NAME = Pattern.compile("\\p{Ll}{1,2}\\p{Lu}\\p{L}*");
  /** A title and a person's name after a name make it that person's company: "Zentrix chief executive Ana Roth". */
  private static final Pattern ROLE_NAME_AFTER = Pattern.compile(
      "^\\s+(?:chief executive|chief executive officer|CEO|chief financial officer|CFO|co-founder|founder|chairman|"
          + "chairwoman|president|spokesperson|spokesman|spokeswoman)\\s+\\p{Lu}\\p{Ll}+(?:[\\s\\-]\\p{Lu}[\\p{L}\\-]+)+");
  private static final Pattern OUTLET_BEFORE = Pattern.compile(
      "\\b(?:according to|told|interview with|speaking to|speaking on|reported by|first reported by)\\s+(?:the\\s+)?$",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern OUTLET_AFTER = Pattern.compile("^\\s+(?:first\\s+)?reported\\b");
  static final Pattern VENTURE_NAME = Pattern.compile(
      "\\b(?:venture|company|startup|entity|unit|business|JV|firm|alliance|consortium)\\s+(?:called|named|dubbed|"
          + "known as)\\s+$");
  static final List<String> VENTURE_NAME_ENDS = List.of("called", "named", "dubbed", "known as");
  private static final Pattern ROLE_BEFORE = Pattern.compile(
      "(?i)(?:\\b(?:chief executive|chief executive officer|ceo|cfo|cto|coo|chief financial officer|"
          + "chief technology officer|chief operating officer|chairman|chairwoman|chair|president|founder|"
          + "co-founder|cofounder|analyst|spokesperson|spokesman|spokeswoman|director|head|minister|secretary|"
          + "senator|governor|commissioner|partner|economist|strategist|executive|boss|chief|leader|manager|"
          + "managing director|general counsel|investor|billionaire|entrepreneur|mr|ms|mrs|dr|sir|dame|"
          + "professor|prof|vice president|vp|said|says|told|according to|by|led by|owner)\\.?,?\\s+)$");
  private static final Pattern SPEECH_AFTER = Pattern.compile(
      "^(?:'s|\u2019s)?(?:,\\s+(?:who|an?|the|its|their|[A-Z][\\p{L}]+(?:'s|\u2019s))\\b|\\s+(?:said|says|told|added|"
          + "wrote|noted|argued|explained|stated|announced|called|described|confirmed|has said|will|would|is|was)\\b)");

  /** After a name: ", an analyst at", ", Vodafone's director", " said". */
  private static final Pattern PERSON_APPOSITIVE = Pattern.compile(
      "^(?:,\\s+(?:an?|the|its|their)\\s+(?:[\\w\\-]+\\s+){0,2}?|,\\s+[A-Z][\\p{L}\\-]+(?:'s|\u2019s)\\s+(?:[\\w\\-]+\\s+){0,2}?)"
          + "(?:analyst|economist|strategist|executive|director|founder|co-founder|partner|investor|spokesperson|"
          + "spokesman|spokeswoman|professor|researcher|engineer|manager|president|chairman|chairwoman|ceo|cfo|"
          + "head|official|lawyer|minister|chief|boss|trader|adviser|advisor|owner|leader)\\b");
  /** Speech right after a name: a person's cue, and a company's too ("Helixa Power said it had ended ..."). */
  private static final Pattern SAID_AFTER = Pattern.compile("^\\s+(?:said|says|told|added|wrote)\\b");
  /** First words that make a two-word capitalised phrase a topic ("Clean Energy"), not an organisation. */
  private static final Set<String> GENERIC_MODIFIERS = words("Artificial", "Venture", "Human", "Social", "Clean",
      "Renewable", "Solar", "Digital", "Enterprise", "Data", "Neural", "Cloud", "Quantum", "Public", "Mental",
      "Private", "Generative", "Olympic", "Video", "Mobile", "Consumer", "Industrial", "Electric", "Autonomous",
      "Machine", "Deep", "Green", "Nuclear", "Wind", "Fossil", "Working", "Growth", "Risk", "Seed", "Equity",
      "Open", "Smart", "Online", "Retail", "Investment", "Asset", "Wealth", "Central", "Commercial", "Health",
      "Software", "Hardware", "Network", "Media", "Payment", "Crypto", "Blockchain", "Financial", "Capital",
      "Agentic", "Physical", "Sovereign", "Responsible", "Conversational", "Edge", "Embodied", "Ethical", "Applied");
  private static final Set<String> LEAD_STOP = words("The", "A", "An", "In", "On", "At", "For", "But", "And", "As",
      "If", "When", "While", "After", "Before", "Under", "Chief", "Executive", "CEO", "Co-founder", "Founder",
      "President", "Chairman", "Chairwoman", "Analyst", "Analysts", "Rival", "Shares", "Mr", "Ms", "Mrs", "Dr", "Sir",
      "Dame", "Lord", "Senator", "Meanwhile", "Elsewhere", "Also", "So", "Its", "Their", "This", "That", "These",
      "Those", "Both", "Then", "Now", "Why", "How", "What", "Who", "With", "From", "By", "Of", "To", "Since", "Until",
      "Although", "Though", "Once", "Recently", "Interestingly", "However", "Therefore", "Furthermore", "Ultimately",
      "Accordingly", "Rather", "Every", "Some", "Many", "Most", "All", "No", "Not", "Only", "Even", "Yet", "Still",
      "Co-Founder", "Grocery", "Berlin-based", "Startup", "Investors", "Regulators", "Sources", "People", "Director",
      "Head", "Minister", "Professor", "Spokesperson", "Spokesman", "Spokeswoman", "Former", "New", "Our", "We", "I",
      "He", "She", "It", "They", "His", "Her", "Q", "A1", "Q1", "Related", "Introduction", "Conclusion", "Main",
      "Body", "Opinion", "Analysis", "Update", "Exclusive", "Breaking", "Watch", "Here", "There", "Big", "Tech",
      "Financial", "Net", "Every", "Under", "Last", "Next", "First", "Second", "Third", "Several", "Two", "Three",
      "Four", "Five", "Ten", "One", "Farmers", "Exporters", "Customers", "Users", "Employees", "Workers", "Companies",
      "About");
  private static final Set<String> NOT_NAME = words("January", "February", "March", "April", "May", "June", "July",
      "August", "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday", "Thursday",
      "Friday", "Saturday", "Sunday", "Series", "Index", "Street", "Wall", "Project", "AI", "Big", "Tech", "Inc",
      "Corp", "Group", "News", "Report", "Reuters", "Bloomberg", "Stock", "Exchange", "Nasdaq", "NYSE", "Dow",
      "Jones", "S&P", "FTSE", "DAX", "Nikkei", "Stoxx", "Government", "State", "States", "Union", "Kingdom",
      "Republic", "North", "South", "East", "West", "Central", "Sea", "Valley", "Bay", "River", "Day", "Week",
      "Quarter", "Year", "Labs", "Ventures", "Capital", "Partners", "Bank", "Fund", "Cloud", "Model", "Models",
      "Data", "Centre", "Center", "Research", "Software", "Network", "Networks", "Chief", "Executive", "Officer",
      "Board", "Committee", "Council", "Commission", "Authority", "Agency", "Association", "Ministry", "Court",
      "Act", "Law", "Bill", "Market", "Markets", "Global", "International", "Holdings", "Technologies", "Systems",
      "Motors", "Energy", "Media", "Health", "Airlines", "University", "College", "School", "Institute", "Foundation",
      "Trust", "Reserve", "Federal", "National", "European", "American", "British", "German", "French", "Chinese",
      "Japanese", "Korean", "Indian", "Brazilian", "Canadian", "Australian", "Italian", "Spanish", "Dutch", "Swiss",
      "Swedish", "Finnish", "Norwegian", "Danish", "Irish", "Israeli", "Russian", "Saudi", "Emirati", "Taiwanese",
      "Q&A", "CEO", "CFO", "CTO", "COO", "IPO", "US", "UK", "EU", "USD", "EUR", "GBP", "Premarket", "Shares", "The",
      "And", "Of", "Is", "Are", "Was", "Were", "Has", "Have", "Will", "Would", "Could", "Should", "Can", "May",
      "Might", "Must", "Do", "Does", "Did", "Not", "Said", "Says", "Part", "Ways", "Deal", "Deals", "Talks", "Plan",
      "Plans", "Hits", "Wins", "Raises", "Buys", "Sells", "Ends", "Forms", "Joins", "Signals", "Record", "High",
      "Low", "Profit", "Revenue", "Sales", "Earnings", "Estimates", "Trading", "Wealth", "Boost", "Landscape", "New",
      "Tie-up", "Stake", "Amid", "Pushback", "Call", "Off", "Chip", "Stocks", "Mixed", "Jumps", "Falls", "Rises",
      "Slides", "Surges", "Tumbles", "Drops", "Gains", "Up", "Down", "Over", "Into", "With", "For", "On", "At", "To",
      "By", "In", "As", "It", "Its", "A", "An", "Or", "But", "So", "If");

  private static final Set<String> FIRST_NAMES = loadWords("/enrich/first-names.txt");
  /** Family names written first ("Tan Wei Ming"): data in enrich/surnames-first.txt. */
  private static final Set<String> SURNAMES_FIRST = loadWords("/enrich/surnames-first.txt");
  /** ISO codes written before amounts: never the end of a name joined by "for" ("Velorin for SGD 180 million"). */
  private static final Set<String> CURRENCY_CODES = words("USD", "EUR", "GBP", "JPY", "SGD", "CHF", "CNY", "RMB",
      "KRW", "INR", "HKD", "AUD", "CAD", "NZD", "BRL", "TRY", "SEK", "NOK", "DKK", "PLN", "MXN", "ZAR", "AED", "SAR");
  /** Capitalised words that follow a company's name without being part of it. */
  private static final Set<String> NOT_NAME_AFTER = words("January", "February", "March", "April", "May", "June",
      "July", "August", "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday",
      "Thursday", "Friday", "Saturday", "Sunday", "Said", "Says", "Shares", "Stock", "Officer", "Officials",
      "Spokesman", "Spokeswoman", "Spokesperson", "Board", "Executives", "Management", "Staff", "Engineers");
  static final Set<String> PLACES = loadWords("/enrich/places.txt");
  /** Lower-case words common in news text (learned with the organisation model, see OrgModelStage). */
  private static final Set<String> COMMON_LOWER = loadWords(OrgModelStage.COMMON);

  private final GazetteerMatcher matcher;
  private final Map<String, List<Integer>> orgsByTicker = new HashMap<>();
  private final Map<String, Integer> orgIndexByName = new HashMap<>();
  private final Map<String, List<Integer>> peopleByOrg = new HashMap<>();
  private final Map<String, List<Integer>> productsByOwner = new HashMap<>();

  public EntityTagger(GazetteerMatcher matcher) {
    this.matcher = matcher;
    List<Gazetteer.Org> orgs = matcher.orgs();
    for (int i = 0; i < orgs.size(); i++) {
      Gazetteer.Org o = orgs.get(i);
      if (o.ticker() != null) {
        orgsByTicker.computeIfAbsent(o.ticker().toUpperCase(Locale.ROOT), k -> new ArrayList<>()).add(i);
      }
      orgIndexByName.putIfAbsent(o.name(), i);
    }
    List<Gazetteer.Person> people = matcher.people();
    for (int i = 0; i < people.size(); i++) {
      if (people.get(i).organisation() != null) {
        peopleByOrg.computeIfAbsent(people.get(i).organisation(), k -> new ArrayList<>()).add(i);
      }
    }
    List<Gazetteer.Product> products = matcher.products();
    for (int i = 0; i < products.size(); i++) {
      if (products.get(i).owner() != null) {
        productsByOwner.computeIfAbsent(products.get(i).owner(), k -> new ArrayList<>()).add(i);
      }
    }
  }

  public GazetteerMatcher matcher() {
    return matcher;
  }

  /** Tags a document. */
  /** Organisations introduced in the text whose later mentions are searched for, at most, per article. */
  static final int MAX_REPEAT_SEARCHES = 200;

  /** A name without its trailing legal-form words ("Tallis Quantum Ltd" is Tallis Quantum). */
  /**
   * Whether the first word of a multi-word organisation name may stand for it alone ("Lumora" for "Lumora Labs"): at
   * least four letters, not a month, place, first name or sentence-opening word.
   */
  static boolean usableShortForm(String word) {
    return word.length() >= 4 && !isStopOrGivenName(word);
  }

  /** A currency written before an amount: "C$", "HK$", "R$", "S/", "Rs 900", "Rp 5". */
  static boolean currencyPrefix(String text, int start, int end) {
    if (end < text.length() && (text.charAt(end) == '$' || text.charAt(end) == '/')) {
      return true;
    }
    String w = text.substring(start, end);
    return (w.equals("Rs") || w.equals("Rp") || w.equals("Re")) && end + 1 < text.length()
        && Character.isDigit(text.charAt(end + (text.charAt(end) == '.' ? 2 : 1)));
  }

  /** Whether the word is a sentence-opening word, a month or day, a place or a given name: never a name's start. */
  static boolean isStopOrGivenName(String word) {
    return NOT_NAME.contains(word) || PLACES.contains(word) || LEAD_STOP.contains(word) || FIRST_NAMES.contains(word);
  }

  /**
   * Whether a capitalised word follows: "Lotte" in "Lotte Chemical" is not the short form of "Lotte Mitsui Hydrogen",
   * it starts another name.
   */
  static boolean followedByNameWord(String text, int end) {
    return end + 2 < text.length() && text.charAt(end) == ' ' && Character.isUpperCase(text.charAt(end + 1))
        && Character.isLowerCase(text.charAt(end + 2));
  }

  /**
   * End of the longest run of two or more of {@code name}'s first words written at {@code at} and not followed by
   * another capitalised word, or -1: "Atacama Pacific" for "Atacama Pacific Minerals", not "Lotte" of "Lotte Chemical"
   * for "Lotte Mitsui Hydrogen".
   */
  static int namePrefixEnd(String text, String name, int at) {
    int best = -1;
    for (int sp = name.indexOf(' ', name.indexOf(' ') + 1); ; sp = name.indexOf(' ', sp + 1)) {
      String prefix = sp < 0 ? name : name.substring(0, sp);
      if (!text.startsWith(prefix, at)) {
        break;
      }
      if (sp < 0) {
        break; // the whole name: found as the name itself
      }
      if (!followedByNameWord(text, at + prefix.length())) {
        best = at + prefix.length();
      }
    }
    return best;
  }

  /** Whether the word, lower-cased, is common in news text (the organisation model's list). */
  static boolean isCommonWord(String word) {
    return COMMON_LOWER.contains(word.toLowerCase(Locale.ROOT));
  }

  static String withoutLegalSuffixName(String name) {
    return Run.withoutLegalSuffix(name);
  }

  public Tagging tag(Document doc) {
    return new Run(doc).run();
  }

  /** The state of tagging one document. */
  private final class Run {
    private final Document doc;
    private final String text;
    private final boolean[] taken;
    private final Map<String, TaggedEntity> byKey = new LinkedHashMap<>();
    private final List<Tagging.Mention> mentions = new ArrayList<>();

    Run(Document doc) {
      this.doc = doc;
      this.text = doc.text();
      this.taken = new boolean[text.length() + 1];
    }

    Tagging run() {
      // 1. exchange tickers and cashtags: they identify a listed company and are never names themselves
      List<int[]> tickerSpans = new ArrayList<>();
      Map<Integer, List<int[]>> tickerMentions = new HashMap<>();
      findTickers(EXCHANGE_TICKER, 2, tickerSpans, tickerMentions);
      findTickers(CASHTAG, 1, tickerSpans, tickerMentions);
      for (int[] s : tickerSpans) {
        mark(s[0], s[1]);
      }

      // 2. gazetteer hits, leftmost-longest, outside ticker spans
      List<GazetteerMatcher.Hit> chosen = new ArrayList<>();
      int lastEnd = -1;
      for (GazetteerMatcher.Hit h : matcher.scan(text)) {
        if (h.start() < lastEnd || isTaken(h.start(), h.end()) || crossesTitleBody(h.start(), h.end())) {
          continue;
        }
        chosen.add(h);
        lastEnd = h.end();
      }

      // 3. organisations introduced in the text (may absorb a gazetteer hit: "SoftBank Group", "Salesforce Ventures")
      List<int[]> unknownOrgSpans = findUnknownOrgs(chosen);
      introducedOrgSpans = unknownOrgSpans;

      // 4. resolve gazetteer hits
      Map<Integer, List<int[]>> orgHits = new LinkedHashMap<>();
      Map<Integer, List<int[]>> personHits = new LinkedHashMap<>();
      Map<Integer, List<int[]>> productHits = new LinkedHashMap<>();
      List<GazetteerMatcher.Hit> shortHits = new ArrayList<>();
      for (GazetteerMatcher.Hit h : chosen) {
        if (overlapsAny(unknownOrgSpans, h.start(), h.end())) {
          continue;
        }
        GazetteerMatcher.Ref org = null;
        GazetteerMatcher.Ref person = null;
        GazetteerMatcher.Ref product = null;
        boolean shortOnly = true;
        for (GazetteerMatcher.Ref r : h.refs()) {
          switch (r.kind()) {
            case ORG_NAME -> {
              if (org == null || org.kind() != GazetteerMatcher.Kind.ORG_NAME) {
                org = r;
              }
              shortOnly = false;
            }
            case ORG_ALIAS -> {
              if (org == null) {
                org = r;
              }
              shortOnly = false;
            }
            case PERSON_NAME -> {
              person = person == null ? r : person;
              shortOnly = false;
            }
            case PRODUCT_NAME -> {
              product = product == null ? r : product;
              shortOnly = false;
            }
            case ORG_SHORT -> { }
          }
        }
        if (shortOnly) {
          shortHits.add(h);
        } else if (org != null) {
          orgHits.computeIfAbsent(org.entry(), k -> new ArrayList<>()).add(new int[] {h.start(), h.end(),
              org.kind() == GazetteerMatcher.Kind.ORG_ALIAS && !org.form().equalsIgnoreCase(
                  matcher.orgs().get(org.entry()).name()) ? 1 : 0});
        } else if (person != null) {
          personHits.computeIfAbsent(person.entry(), k -> new ArrayList<>()).add(new int[] {h.start(), h.end()});
        } else {
          productHits.computeIfAbsent(product.entry(), k -> new ArrayList<>()).add(new int[] {h.start(), h.end()});
        }
        // not marked as taken here: a rejected common word ("Kerry" the town, "apple") may be part of another name
      }
      for (var e : tickerMentions.entrySet()) {
        orgHits.computeIfAbsent(e.getKey(), k -> new ArrayList<>());
      }

      // 5. ambiguous organisations need capitalisation and supporting context
      Set<String> presentPeopleOrgs = new HashSet<>();
      for (int p : personHits.keySet()) {
        String o = matcher.people().get(p).organisation();
        if (o != null) {
          presentPeopleOrgs.add(o);
        }
      }
      Set<String> presentProductOwners = new HashSet<>();
      for (int p : productHits.keySet()) {
        Gazetteer.Product prod = matcher.products().get(p);
        if (prod.owner() != null && !prod.ambiguous()) {
          presentProductOwners.add(prod.owner());
        }
      }
      Set<Integer> nonAmbiguousOrgsPresent = new HashSet<>();
      for (var e : orgHits.entrySet()) {
        if (!matcher.orgs().get(e.getKey()).ambiguous() && !e.getValue().isEmpty()) {
          nonAmbiguousOrgsPresent.add(e.getKey());
        }
      }
      Map<Integer, List<int[]>> acceptedOrgs = new LinkedHashMap<>();
      for (var e : orgHits.entrySet()) {
        Gazetteer.Org o = matcher.orgs().get(e.getKey());
        List<int[]> spans = e.getValue();
        boolean ticker = tickerMentions.containsKey(e.getKey());
        if (!o.ambiguous() && !PLACES.contains(o.name()) && !FIRST_NAMES.contains(o.name())) {
          acceptedOrgs.put(e.getKey(), spans);
          continue;
        }
        List<int[]> kept = new ArrayList<>();
        boolean support = ticker || presentPeopleOrgs.contains(o.name()) || presentProductOwners.contains(o.name());
        for (int[] s : spans) {
          if (s[2] == 1 && text.substring(s[0], s[1]).length() > o.name().length()) {
            support = true; // an unambiguous longer alias: "Apple Inc.", "Amazon.com"
          }
          int verdict = ambiguousMentionVerdict(s[0], s[1], o, nonAmbiguousOrgsPresent);
          if (verdict > 0) {
            support = true;
          }
          if (verdict >= 0) {
            kept.add(s);
          }
        }
        if (support && (!kept.isEmpty() || ticker)) {
          acceptedOrgs.put(e.getKey(), kept);
        }
      }
      for (var e : acceptedOrgs.entrySet()) {
        Gazetteer.Org o = matcher.orgs().get(e.getKey());
        TaggedEntity te = orgEntity(e.getKey(), writtenName(o, e.getValue()));
        for (int[] s : e.getValue()) {
          // "Acme Growth Fund 3", "Acme Fund II": a numbered vintage is a fund of its own
          Matcher vintage = FUND_VINTAGE_AFTER.matcher(text.substring(s[1], Math.min(text.length(), s[1] + 8)));
          // "chief executive John Hess": a first name right before a one-word company name makes it a surname
          if (!o.name().contains(" ") && followsFirstName(s[0])) {
            continue;
          }
          // "Acme Partners Africa": an investor's regional fund is an investor of its own
          Matcher region = REGIONAL_FUND_AFTER.matcher(text.substring(s[1], Math.min(text.length(), s[1] + 20)));
          if (("investor".equals(o.category()) || "fund".equals(o.category())) && region.find()) {
            String name = text.substring(s[0], s[1] + region.end());
            TaggedEntity fund = byKey.computeIfAbsent("text:" + name,
                k -> new TaggedEntity(null, name, EntityType.ORG, null, null, null, o.category(), false));
            addMention(fund, s[0], s[1] + region.end());
            continue;
          }
          if (o.name().endsWith(" Fund") && text.substring(s[0], s[1]).endsWith("Fund") && vintage.find()) {
            String name = text.substring(s[0], s[1] + vintage.end());
            TaggedEntity fund = byKey.computeIfAbsent("text:" + name,
                k -> new TaggedEntity(null, name, EntityType.ORG, null, null, null, o.category(), false));
            addMention(fund, s[0], s[1] + vintage.end());
            continue;
          }
          addMention(te, s[0], s[1]);
        }
        List<int[]> tm = tickerMentions.get(e.getKey());
        if (tm != null) {
          te.markTickerPrinted();
          boolean none = te.mentions() == 0;
          for (int[] s : tm) {
            if (none || s[2] == 1) {
              addMention(te, s[0], s[1]);
            }
          }
        }
        if (o.name() != null) {
          presentProductOwners.add(o.name());
        }
      }

      // 6. parenthetical definitions "Microsoft (MS)" and short forms bound by context
      Map<String, TaggedEntity> definedShort = findParentheticalShortForms();
      for (GazetteerMatcher.Hit h : shortHits) {
        String surface = text.substring(h.start(), h.end());
        TaggedEntity bound = definedShort.get(surface);
        if (bound == null) {
          TaggedEntity best = null;
          int bestDistance = Integer.MAX_VALUE;
          for (GazetteerMatcher.Ref r : h.refs()) {
            TaggedEntity cand = byKey.get(matcher.orgs().get(r.entry()).id());
            if (cand == null || cand.mentions() == 0) {
              continue;
            }
            int d = distanceToNearestPrior(cand, h.start());
            if (d < bestDistance) {
              bestDistance = d;
              best = cand;
            }
          }
          bound = best;
        }
        if (bound != null) {
          addMention(bound, h.start(), h.end());
        }
      }

      // 7. products: ambiguous ones need their owner in the article
      for (var e : productHits.entrySet()) {
        Gazetteer.Product p = matcher.products().get(e.getKey());
        if (p.ambiguous() && (p.owner() == null || !presentProductOwners.contains(p.owner()))) {
          continue;
        }
        TaggedEntity te = byKey.computeIfAbsent(p.id(), k -> new TaggedEntity(p.id(), p.name(), EntityType.PRODUCT,
            null, null, p.owner(), null, false));
        for (int[] s : e.getValue()) {
          addMention(te, s[0], s[1]);
        }
      }

      // 8. people: gazetteer names, then names introduced in the text, then surname-only mentions
      for (var e : personHits.entrySet()) {
        Gazetteer.Person p = matcher.people().get(e.getKey());
        TaggedEntity te = byKey.computeIfAbsent(p.id(), k -> new TaggedEntity(p.id(), p.name(), EntityType.PERSON,
            null, null, p.organisation(), null, false));
        for (int[] s : e.getValue()) {
          addMention(te, s[0], s[1]);
        }
      }
      findUnknownPeople(unknownOrgSpans);
      findSpeakerLabels();
      addSurnameMentions();

      // 9. the organisations introduced in the text, with all their other mentions and first-word short forms
      // every word-prefix of a longer name, to its first long name: linear in the names, not quadratic
      Map<String, String> longerName = new HashMap<>();
      for (int[] s : unknownOrgSpans) {
        String ln = text.substring(s[0], s[1]);
        for (int sp = ln.indexOf(' '); sp > 0; sp = ln.indexOf(' ', sp + 1)) {
          longerName.putIfAbsent(ln.substring(0, sp), ln);
        }
      }
      for (int[] s : unknownOrgSpans) {
        String name = text.substring(s[0], s[1]);
        name = longerName.getOrDefault(name, name); // "Lumora" after "Lumora Labs"
        if (s[2] >= 0) {
          TaggedEntity te = orgEntity(s[2]);
          addMention(te, s[0], s[1]);
          continue;
        }
        // a short name the text defines for it names the company when it is a name of its own ("Malayan Banking
        // Berhad (\"Maybank\")"); one that abbreviates the full name ("Kabushiki Kaisha Takumi Sensing
        // (\"Takumi\")", "Tata Consultancy Services Limited (\"TCS\")") is another way of writing the full name
        String full = withoutLegalSuffix(name);
        String defined = definedShortName(s[1]).orElse(null);
        boolean abbreviates = defined != null && abbreviates(defined, full);
        String canonical = defined == null || abbreviates ? full : defined;
        TaggedEntity te = byKey.computeIfAbsent("text:" + canonical,
            k -> new TaggedEntity(null, canonical, EntityType.ORG, null, null, null, null, false));
        addMention(te, s[0], s[1]);
        if (abbreviates && !defined.equals(canonical)) {
          definedAliases.putIfAbsent(te, defined);
        }
      }
      addRepeatedUnknownOrgMentions();

      Map<TaggedEntity, TaggedEntity> mergedInto = mergeShortFormsIntoFullNames();
      mergeKnownNamesOpeningLongerOnes(mergedInto);
      mergePersonsNamedAsOrganisations(mergedInto);
      preferHeadlineForms(mergedInto);

      List<TaggedEntity> entities = new ArrayList<>();
      for (TaggedEntity te : byKey.values()) {
        if (te.mentions() > 0) {
          entities.add(te);
        }
      }
      entities.sort((a, b) -> Integer.compare(a.firstStart(), b.firstStart()));
      List<Tagging.Mention> ms = new ArrayList<>();
      for (Tagging.Mention m : mentions) {
        TaggedEntity to = mergedInto.get(m.entity());
        while (to != null && mergedInto.containsKey(to)) {
          to = mergedInto.get(to);
        }
        if (to != null) {
          ms.add(new Tagging.Mention(m.start(), m.end(), to));
        } else if (m.entity().mentions() > 0) {
          ms.add(m);
        }
      }
      ms.sort((a, b) -> Integer.compare(a.start(), b.start()));
      return new Tagging(doc, entities, ms);
    }

    /**
     * An organisation the text introduces under a short form, often in the headline ("Siemens, Kestrel settle"), and
     * names in full elsewhere ("Kestrel Automation"): one entity under the full name. Only unknown organisations, and
     * only when exactly one full name starts with the short form.
     */
    private Map<TaggedEntity, TaggedEntity> mergeShortFormsIntoFullNames() {
      List<TaggedEntity> unknown = new ArrayList<>();
      for (TaggedEntity te : byKey.values()) {
        if (te.type() == EntityType.ORG && te.id() == null && te.mentions() > 0) {
          unknown.add(te);
        }
      }
      // every proper word-prefix of a name, to the names it starts (linear in the words, not quadratic in the names)
      Map<String, List<TaggedEntity>> byPrefix = new HashMap<>();
      for (TaggedEntity te : unknown) {
        String n = te.name();
        for (int sp = n.indexOf(' '); sp > 0; sp = n.indexOf(' ', sp + 1)) {
          if (!CORP_SUFFIX.contains(n.substring(sp + 1))) {
            byPrefix.computeIfAbsent(n.substring(0, sp), k -> new ArrayList<>()).add(te);
          }
        }
      }
      Map<TaggedEntity, TaggedEntity> merged = new HashMap<>();
      for (TaggedEntity shortForm : unknown) {
        List<TaggedEntity> fulls = byPrefix.getOrDefault(shortForm.name(), List.of());
        TaggedEntity full = fulls.isEmpty() ? null : fulls.get(0);
        if (fulls.size() == 1 && !merged.containsKey(full) && full.mentions() > 0) {
          shortForm.moveSpansTo(full);
          merged.put(shortForm, full);
        }
      }
      // "Siemens, Kestrel settle ..." and in the body "Siemens and Kestrel Automation have settled": the short form
      // was found first and took the body mention; the word that follows it there completes the name
      for (TaggedEntity te : unknown) {
        if (merged.containsKey(te) || merged.containsValue(te) || te.mentions() == 0 || te.name().contains(" ")) {
          continue; // only a one-word short form is completed; a full name is never extended
        }
        // the first body mention the next capitalised word completes ("Voltaic partnership", then "Voltaic Cells")
        String full = null;
        for (int[] sp : te.spans()) {
          if (sp[0] >= doc.bodyStart()) {
            full = completedName(te.name(), sp[1]);
            if (full != null) {
              break;
            }
          }
        }
        if (full != null && !byKey.containsKey("text:" + full)) {
          String name = full;
          TaggedEntity longer = byKey.computeIfAbsent("text:" + name,
              k -> new TaggedEntity(null, name, EntityType.ORG, null, null, null, null, false));
          te.moveSpansTo(longer);
          merged.put(te, longer);
        }
      }
      return merged;
    }

    /**
     * A known name that only ever opens a longer name the text introduces is that longer name: the gazetteer's
     * "Sierra" in "Sierra Dorada Mining", "Sierra Dorada closes deal" and "Sierra Dorada (TSX: SDM)". A known name
     * that also stands alone anywhere in the article stays what it is.
     */
    /**
     * A name the text introduces as an organisation ("a partnership with Tessel Prime, a Tallinn venue") that a
     * speech cue alone made a person elsewhere ("Tessel Prime said") is one organisation: one name, one entity. A
     * name that opens with a known first name stays a person.
     */
    private void mergePersonsNamedAsOrganisations(Map<TaggedEntity, TaggedEntity> mergedInto) {
      for (TaggedEntity person : new ArrayList<>(byKey.values())) {
        if (person.type() != EntityType.PERSON || person.id() != null || person.mentions() == 0
            || mergedInto.containsKey(person)) {
          continue;
        }
        TaggedEntity org = byKey.get("text:" + person.name());
        int space = person.name().indexOf(' ');
        if (org == null || org.mentions() == 0 || mergedInto.containsKey(org)
            || space > 0 && FIRST_NAMES.contains(person.name().substring(0, space))) {
          continue;
        }
        person.moveSpansTo(org);
        mergedInto.put(person, org);
      }
    }

    private void mergeKnownNamesOpeningLongerOnes(Map<TaggedEntity, TaggedEntity> mergedInto) {
      List<TaggedEntity> unknown = new ArrayList<>();
      for (TaggedEntity te : byKey.values()) {
        if (te.type() == EntityType.ORG && te.id() == null && te.mentions() > 0 && !mergedInto.containsKey(te)
            && te.name().indexOf(' ') > 0) {
          unknown.add(te);
        }
      }
      if (unknown.isEmpty()) {
        return;
      }
      for (TaggedEntity known : new ArrayList<>(byKey.values())) {
        if (known.type() != EntityType.ORG || known.id() == null || known.mentions() == 0) {
          continue;
        }
        TaggedEntity target = null;
        boolean all = true;
        for (int[] sp : known.spans()) {
          TaggedEntity opened = null;
          for (TaggedEntity u : unknown) {
            if (u.name().startsWith(known.name() + " ") && text.startsWith(known.name() + " ", sp[0])
                && (text.startsWith(u.name(), sp[0]) || namePrefixEnd(text, u.name(), sp[0]) > 0)) {
              opened = opened == null ? u : known; // two longer names: ambiguous
            }
          }
          if (opened == null || opened == known || target != null && opened != target) {
            all = false;
            break;
          }
          target = opened;
        }
        if (all && target != null) {
          known.moveSpansTo(target);
          mergedInto.put(known, target);
        }
      }
    }

    /**
     * The name a headline gives an organisation the text introduces, when it is a shorter form of the full name of
     * two words or more: the headline's "Minato Precision" for the body's "Minato Precision Industries Co., Ltd.",
     * the common name a reader knows the company by. Renames by merging into a new entity, as short forms are merged.
     */
    private void preferHeadlineForms(Map<TaggedEntity, TaggedEntity> mergedInto) {
      if (doc.titleEnd() <= 0) {
        return;
      }
      String title = text.substring(0, doc.titleEnd());
      for (TaggedEntity te : new ArrayList<>(byKey.values())) {
        if (te.type() != EntityType.ORG || te.id() != null || te.mentions() == 0 || mergedInto.containsKey(te)
            || !writtenWithLegalForm(te)) {
          continue; // "Atacama Pacific" in a headline is short for "Atacama Pacific Minerals", which stays its name
        }
        String n = te.name();
        String form = null;
        for (int sp = n.lastIndexOf(' '); sp > 0 && form == null; sp = n.lastIndexOf(' ', sp - 1)) {
          String prefix = n.substring(0, sp);
          // a number ends a fund's name, not a description ("SoftBank Vision Fund 2")
          boolean numbered = Character.isDigit(n.charAt(n.length() - 1));
          if (prefix.indexOf(' ') > 0 && !numbered && namedInTitleAsIs(title, prefix)) {
            form = prefix;
          }
        }
        if (form == null || byKey.containsKey("text:" + form)) {
          continue;
        }
        String name = form;
        TaggedEntity shorter = byKey.computeIfAbsent("text:" + name,
            k -> new TaggedEntity(null, name, EntityType.ORG, null, null, null, null, false));
        te.moveSpansTo(shorter);
        mergedInto.put(te, shorter);
      }
    }

    /**
     * Whether the text writes the organisation's full, registered name somewhere: with a legal form ("Minato Precision
     * Industries Co., Ltd.", "PT Kirana Analitika Nusantara Tbk"). Only such a name yields to a headline's shorter form.
     */
    private boolean writtenWithLegalForm(TaggedEntity te) {
      for (int[] sp : te.spans()) {
        String written = text.substring(sp[0], sp[1]);
        if (!withoutLegalSuffix(written).equals(written)) {
          return true;
        }
      }
      return false;
    }

    /** Whether the title names {@code form} on its own: whole words, not followed by another capitalised word. */
    private static boolean namedInTitleAsIs(String title, String form) {
      for (int at = WholeWords.next(title, form, 0); at >= 0; at = WholeWords.next(title, form, at + form.length())) {
        int end = at + form.length();
        if (end + 1 >= title.length() || title.charAt(end) != ' ' || !Character.isUpperCase(title.charAt(end + 1))) {
          return true;
        }
      }
      return false;
    }

    private static final Pattern NAME_WORD_AFTER = Pattern.compile("^ (\\p{Lu}[\\p{Ll}]+)(?![\\p{L}\\p{N}'\u2019\\-])");

    /** The name completed by the one capitalised word after a mention ending at {@code end}, or null. */
    private String completedName(String name, int end) {
      String after = text.substring(end, Math.min(text.length(), end + 40));
      Matcher m = NAME_WORD_AFTER.matcher(after);
      if (!m.find()) {
        return null;
      }
      // a capitalised word after the completing one starts a longer name, unless it is a legal form ("Energie S.A.")
      String rest = after.substring(m.end());
      if (rest.length() > 1 && rest.charAt(0) == ' ' && Character.isUpperCase(rest.charAt(1))
          && !LEGAL_SUFFIX_AFTER.matcher(rest).find()) {
        return null;
      }
      String w = m.group(1);
      if (LEAD_STOP.contains(w) || FIRST_NAMES.contains(w) || PLACES.contains(w) || NOT_NAME_AFTER.contains(w)
          || isTaken(end + 1, end + 1 + w.length())) {
        return null;
      }
      return name + " " + w;
    }

    /** Whether a capitalised first name ("John") ends right before {@code start}, separated by one space. */
    private boolean followsFirstName(int start) {
      if (start < 3 || text.charAt(start - 1) != ' ') {
        return false;
      }
      int i = start - 1;
      while (i > 0 && Character.isLetter(text.charAt(i - 1))) {
        i--;
      }
      String w = text.substring(i, start - 1);
      return !w.isEmpty() && Character.isUpperCase(w.charAt(0)) && FIRST_NAMES.contains(w) && !isTaken(i, start - 1);
    }

    private TaggedEntity orgEntity(int index) {
      return orgEntity(index, null);
    }

    /** The organisation at {@code index}, named {@code written} when not null, else by its canonical name. */
    private TaggedEntity orgEntity(int index, String written) {
      Gazetteer.Org o = matcher.orgs().get(index);
      String name = written != null ? written : o.name();
      return byKey.computeIfAbsent(o.id(), k -> new TaggedEntity(o.id(), name, EntityType.ORG, o.ticker(),
          o.exchange(), null, o.category(), o.usListed()));
    }

    /**
     * The name as the article first writes it when that is another spelling of the organisation, not a shorter or
     * longer form of its canonical name: "Mercado Libre" for MercadoLibre, "Nubank" for Nu Holdings. Null (the
     * canonical name) when the article anywhere writes the canonical name, a part or an extension of it ("Telekom",
     * "Microsoft Corp."), when the canonical name is an abbreviation ("ONGC"), and when it writes only abbreviations.
     */
    private String writtenName(Gazetteer.Org o, List<int[]> spans) {
      if (spans.isEmpty()) {
        return null;
      }
      if (abbreviation(o.name())) {
        return null;
      }
      String cn = compact(o.name());
      int[] first = null;
      for (int[] s : spans) {
        String w = text.substring(s[0], s[1]);
        String cw = compact(w);
        if (w.equals(o.name()) || !cw.equals(cn) && (cw.contains(cn) || cn.contains(cw))) {
          return null; // the article also writes the canonical name, a part or an extension of it
        }
        if (!abbreviation(w) && !LEGAL_WORD.matcher(w).find() && words(w) <= words(o.name()) + 1
            && (first == null || s[0] < first[0])) {
          first = s;
        }
      }
      return first == null ? null : text.substring(first[0], first[1]);
    }

    /** A legal form or a group word: a registered name ("PT Telekomunikasi Indonesia Tbk"), not another spelling. */
    private static final Pattern LEGAL_WORD = Pattern.compile("\\b(?:PT|Tbk|Persero|Inc|Ltd|Limited|Corp|Corporation|"
        + "plc|PLC|AG|SA|S\\.A|SE|NV|N\\.V|GmbH|LLC|Co|Company|Holdings?|Group|Berhad|Bhd|KK|Kabushiki|SpA|S\\.p\\.A|AB|ASA|"
        + "Oyj|Ltda|SAB|de C\\.V)\\b");

    private static int words(String name) {
      return name.trim().split("\\s+").length;
    }

    private static boolean abbreviation(String name) {
      return !name.contains(" ") && name.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
    }

    private static String compact(String name) {
      String s = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKD);
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < s.length(); i++) {
        char ch = s.charAt(i);
        if (Character.isLetterOrDigit(ch)) {
          b.append(Character.toLowerCase(ch));
        }
      }
      return b.toString();
    }

    private void addMention(TaggedEntity te, int start, int end) {
      for (Tagging.Mention m : mentions) {
        if (m.start() < end && start < m.end()) {
          return;
        }
      }
      te.addSpan(start, end);
      mentions.add(new Tagging.Mention(start, end, te));
      mark(start, end);
    }

    private void findTickers(Pattern p, int group, List<int[]> spans, Map<Integer, List<int[]>> mentionsByOrg) {
      char anchor = group == 2 ? ':' : '$';
      Matcher m = p.matcher(text);
      int lastEnd = 0;
      // only look around the ':' or '$' every ticker form contains: far cheaper than scanning the whole text
      for (int at = text.indexOf(anchor); at >= 0; at = text.indexOf(anchor, at + 1)) {
        m.region(Math.max(lastEnd, at - 16), Math.min(text.length(), at + 16));
        if (!m.find()) {
          continue;
        }
        lastEnd = m.end();
        String t = m.group(group).toUpperCase(Locale.ROOT);
        List<Integer> orgs = orgsByTicker.get(t);
        if (orgs == null) {
          continue;
        }
        int idx = orgs.get(0);
        if (orgs.size() > 1 && group == 2) {
          String ex = m.group(1).toUpperCase(Locale.ROOT);
          for (int o : orgs) {
            String oe = matcher.orgs().get(o).exchange();
            if (oe != null && oe.toUpperCase(Locale.ROOT).startsWith(ex.substring(0, Math.min(3, ex.length())))) {
              idx = o;
            }
          }
        }
        if (orgs.size() > 1) {
          idx = nearestNamed(orgs, m.start(), idx);
        }
        spans.add(new int[] {m.start(), m.end()});
        // a cashtag standing alone ("$ACME rose 2%") is a mention of its own; "(NASDAQ: ACME)" only restates one
        boolean standalone = group == 1 && (m.start() == 0 || text.charAt(m.start() - 1) != '(');
        mentionsByOrg.computeIfAbsent(idx, k -> new ArrayList<>())
            .add(new int[] {m.start(group), m.end(group), standalone ? 1 : 0});
      }
    }

    /**
     * Of several companies sharing a ticker (Alphabet and Google share GOOGL), the one named closest before the
     * ticker ("Alphabet (NASDAQ: GOOGL)"), else the one the article names at all, else {@code fallback}.
     */
    private int nearestNamed(List<Integer> orgs, int tickerStart, int fallback) {
      String before = text.substring(Math.max(0, tickerStart - 80), tickerStart);
      int best = fallback;
      int bestAt = -1;
      boolean anyNamed = false;
      for (int o : orgs) {
        String name = matcher.orgs().get(o).name();
        int at = before.lastIndexOf(name);
        if (at > bestAt) {
          bestAt = at;
          best = o;
        }
        if (bestAt < 0 && !anyNamed && text.contains(name)) {
          anyNamed = true;
          best = o;
        }
      }
      return best;
    }

    /** 1 = this mention itself shows a company, 0 = acceptable if the article supports it, -1 = not the company. */
    private int ambiguousMentionVerdict(int start, int end, Gazetteer.Org o, Set<Integer> othersPresent) {
      String surface = text.substring(start, end);
      if (!Character.isUpperCase(surface.charAt(0))) {
        return -1;
      }
      String before = text.substring(Math.max(0, start - 40), start);
      String after = text.substring(end, Math.min(text.length(), end + 60));
      String afterNoPoss = Rx.replaceFirst(after, "^(?:'s|\u2019s)", "");
      if (Rx.matches(after, "(?s)^\\s*\\((?:NASDAQ|Nasdaq|NYSE|LSE|XETRA|TSE|HKEX|Euronext|TSX|ASX|OTC)[^)]*\\).*")) {
        return 1;
      }
      String nextWord = firstWord(afterNoPoss);
      boolean possessive = !after.equals(afterNoPoss);
      if (CORP_SUFFIX.contains(nextWord)) {
        return 1;
      }
      boolean precededByArticle = Rx.matches(before, "(?s).*\\b(?:the|a|an|this|that|no)\\s+$");
      boolean sentenceInitial = isSentenceInitial(start);
      String nw = nextWord.toLowerCase(Locale.ROOT);
      boolean companyNext = COMPANY_NEXT.contains(nw) || possessive && possessesCompanyNoun(afterNoPoss);
      if (precededByArticle) {
        return nw.equals("shares") || nw.equals("stock") ? 1 : -1;
      }
      if (companyNext) {
        return 1;
      }
      // coordinated with a company the article names unambiguously: "Apple and Google", "Meta, Nvidia and Apple"
      for (int idx : othersPresent) {
        String other = matcher.orgs().get(idx).name();
        if (after.startsWith(" and " + other) || after.startsWith(", " + other) || after.startsWith(" & " + other)
            || before.endsWith(other + " and ") || before.endsWith(other + ", ") || before.endsWith(other + " & ")) {
          return 1;
        }
      }
      // coordinated with a name carrying an organisation head: "Visa and the International Finance Corporation"
      Matcher coordinated = COORDINATED_NAME.matcher(after);
      if (coordinated.find() && (ORG_HEADS.contains(coordinated.group(1)) || CORP_SUFFIX.contains(coordinated.group(1)))) {
        return 1;
      }
      if (Rx.matches(before, "(?s).*\\b(?:shares (?:in|of)|stake in|invest(?:ed|s|ing)? in|acquire[sd]?|acquisition of|"
          + "rival|rivals|analysts? at|partnership with|deal with|agreement with|talks with|such as|like|including|"
          + "versus|vs\\.?|than|by|from|with)\\s+$")) {
        return sentenceInitial ? 0 : 1;
      }
      if (!sentenceInitial && start >= doc.bodyStart()) {
        Document.Sentence s = doc.sentenceAt(start);
        if (s != null && sentenceHasOtherOrg(s, start, othersPresent)) {
          return 1;
        }
      }
      return 0;
    }

    private boolean sentenceHasOtherOrg(Document.Sentence s, int exclude, Set<Integer> othersPresent) {
      String sentence = doc.sentenceText(s);
      for (int idx : othersPresent) {
        Gazetteer.Org o = matcher.orgs().get(idx);
        int i = sentence.indexOf(o.name());
        if (i >= 0 && s.start() + i != exclude) {
          return true;
        }
      }
      return false;
    }

    private boolean isSentenceInitial(int start) {
      Document.Sentence s = doc.sentenceAt(start);
      if (s == null) {
        return true;
      }
      for (int i = s.start(); i < start; i++) {
        if (Character.isLetterOrDigit(text.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    private Map<String, TaggedEntity> findParentheticalShortForms() {
      Map<String, TaggedEntity> out = new HashMap<>();
      for (Tagging.Mention m : new ArrayList<>(mentions)) {
        if (m.entity().type() != EntityType.ORG) {
          continue;
        }
        int i = m.end();
        if (i + 3 < text.length() && text.charAt(i) == ' ' && text.charAt(i + 1) == '(') {
          int close = text.indexOf(')', i + 2);
          if (close > 0 && close - (i + 2) <= 6) {
            String abbr = text.substring(i + 2, close);
            if (Rx.matches(abbr, "[A-Z][A-Za-z&]{0,5}")) {
              out.putIfAbsent(abbr, m.entity());
            }
          }
        }
      }
      // an abbreviation defined in the text but not in the gazetteer: "Competition and Markets Authority (CMA)"
      for (var e : out.entrySet()) {
        String w = e.getKey();
        for (int at = WholeWords.next(text, w, 0); at >= 0; at = WholeWords.next(text, w, at + w.length())) {
          if (!isTaken(at, at + w.length())) {
            addMention(e.getValue(), at, at + w.length());
          }
        }
      }
      return out;
    }

    private int distanceToNearestPrior(TaggedEntity e, int pos) {
      int best = Integer.MAX_VALUE;
      for (int[] s : e.spans()) {
        int d = s[0] <= pos ? pos - s[0] : (s[0] - pos) * 4 + 100000;
        best = Math.min(best, d);
      }
      return best;
    }

    // ---------------------------------------------------------------- names introduced in the text

    /** Spans [start, end, gazetteerOrgIndexOr-1] of organisations introduced in the body. */
    private List<int[]> findUnknownOrgs(List<GazetteerMatcher.Hit> hits) {
      List<int[]> out = new ArrayList<>();
      for (int[] seq : splitCoordinated(capitalisedSequences(doc.bodyStart()), hits)) {
        int first = seq[0];
        int last = seq[seq.length - 1];
        String lastWord = tokenText(last);
        int s = seq.length;
        // "World Federation of Advertisers", "University of Chicago", "City of Grand Rapids": a head word followed by
        // "of" and a name
        boolean headOf = false;
        int lead = trimOrgLead(seq);
        for (int k = 0; k + 2 < s; k++) {
          String w = tokenText(seq[k]);
          if (k == lead ? (ORG_HEADS.contains(w) || OF_HEADS.contains(w)) && !listContinues(last)
              : k > 0 && ORG_HEADS.contains(w)) {
            headOf |= tokenText(seq[k + 1]).equals("of");
          }
        }
        // organisation head words: "Index Ventures", "Competition and Markets Authority", "Foo Inc.", and two-word
        // heads ("Keystone Valley Federal Credit Union")
        boolean headed = ORG_HEADS.contains(lastWord)
            || s >= 3 && ORG_HEADS.contains(tokenText(seq[s - 2]) + " " + lastWord);
        if ((headed || headOf) && s >= 2 && s <= 6) {
          int from = trimOrgLead(seq);
          if (from >= s - 1) {
            continue;
          }
          int startChar = tokStart(seq[from]);
          int endChar = tokEnd(last);
          GazetteerMatcher.Hit inner = hitStartingAt(hits, startChar);
          if (inner != null) {
            if (inner.end() >= endChar) {
              continue; // the gazetteer knows the whole name
            }
            String rest = text.substring(inner.end(), endChar).trim();
            boolean collapses = true;
            for (String w : Rx.split(rest, "\\s+")) {
              if (!COLLAPSING_HEADS.contains(w)) {
                collapses = false;
              }
            }
            int orgIdx = orgOf(inner);
            if (collapses && orgIdx >= 0) {
              out.add(new int[] {startChar, endChar, orgIdx});
              continue;
            }
            if (orgIdx < 0 && !hasOnlyWeakRefs(inner)) {
              continue;
            }
          } else if (containsHit(hits, startChar, endChar)) {
            continue;
          }
          if (isPlaceOrPersonLike(startChar, endChar)
              || s - from <= 2 && GENERIC_MODIFIERS.contains(tokenText(seq[from]))) {
            continue; // "Venture Capital", "Artificial Intelligence", "Clean Energy" are topics, not names
          }
          // "General Catalyst and Lightspeed Venture Partners": two names, not one
          int and = -1;
          for (int k = from + 2; k < s - 2; k++) {
            if (tokenText(seq[k]).equals("and")) {
              and = k;
            }
          }
          if (and > 0) {
            int leftEnd = tokEnd(seq[and - 1]);
            // "Legendary Entertainment and Seoul-based Hanbit Pictures": the right name opens after its own lead words
            int rightFrom = and + 1 + trimOrgLead(java.util.Arrays.copyOfRange(seq, and + 1, s));
            if (rightFrom >= s) {
              rightFrom = and + 1;
            }
            int rightStart = tokStart(seq[rightFrom]);
            boolean leftGeneric = and - from <= 2 && GENERIC_MODIFIERS.contains(tokenText(seq[from]));
            boolean rightGeneric = s - rightFrom <= 2 && GENERIC_MODIFIERS.contains(tokenText(seq[rightFrom]));
            if (!containsHit(hits, startChar, leftEnd) && !leftGeneric) {
              out.add(new int[] {startChar, leftEnd, -1});
            }
            if (!containsHit(hits, rightStart, endChar) && !rightGeneric) {
              out.add(new int[] {rightStart, endChar, -1});
            }
            continue;
          }
          out.add(new int[] {startChar, endChar, -1});
          continue;
        }
        // cue-based: descriptor before, appositive after, "called X"
        int from = trimLead(seq);
        if (from >= s) {
          continue;
        }
        int startChar = tokStart(seq[from]);
        int endChar = tokEnd(last);
        if (containsHit(hits, startChar, endChar) || s - from > 4) {
          continue;
        }
        String before = text.substring(Math.max(doc.bodyStart(), startChar - 40), startChar);
        String after = text.substring(endChar, Math.min(text.length(), endChar + 120));
        // "Jakarta-listed Sunda Gas Energi", "Perth-based Tanami": a place-listed or place-based lead names a company
        boolean placedLead = from > 0 && Rx.matches(tokenText(seq[from - 1]), "\\p{Lu}[\\p{L}.]*-(?:listed|based)");
        boolean cue = placedLead
            || endsBeforeSpaces(before, STRONG_DESCRIPTOR_ENDS) && STRONG_DESCRIPTOR_BEFORE.matcher(before).find()
            || APPOSITIVE_AFTER.matcher(after).find()
            || LEGAL_SUFFIX_AFTER.matcher(after).find()
            || LISTING_AFTER.matcher(after).find()
            || bareTicker(text.substring(startChar, endChar), after)
            || s - from == 1 && ROLE_NAME_AFTER.matcher(after).find()
            || s - from >= 2 && ORG_LEADS.contains(tokenText(seq[from]))
            || endsBeforeSpaces(before, VENTURE_NAME_ENDS) && VENTURE_NAME.matcher(before).find()
            || endsBeforeSpaces(before, COMMA) && DESCRIPTOR_COMMA_BEFORE.matcher(before).find()
            && Rx.matches(after, "(?s)^[,.;].*");
        if (!cue || isPlaceOrPersonLike(startChar, endChar) || looksLikePersonName(seq, from)) {
          continue;
        }
        out.add(new int[] {startChar, endChar, -1});
      }
      findReportingOutlets(hits, out);
      return out;
    }

    /**
     * A short name the text defines right after a full one, as filings and releases do: "PT Telekomunikasi Indonesia
     * Tbk (\"Telkom\")" is Telkom. Generic defined terms ("the Company", "the Purchaser") are not names.
     */
    private java.util.Optional<String> definedShortName(int end) {
      Matcher m = DEFINED_SHORT_NAME.matcher(text.substring(end, Math.min(text.length(), end + 80)));
      if (!m.find() || GENERIC_DEFINED_TERMS.contains(m.group(1))) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(m.group(1));
    }

    private static final Pattern DEFINED_SHORT_NAME = Pattern.compile(
        "^,?\\s*(?:Tbk\\.?|Ltd\\.?|Berhad|Bhd\\.?|Inc\\.?|AG|SE|plc|PLC|S\\.p\\.A\\.?|Co\\., Ltd\\.?)?\\s*"
            + "\\(\\s*(?:hereinafter\\s+)?[\"\u201c]([\\p{Lu}][\\p{L}\\p{N}&.\\-]*(?: [\\p{Lu}][\\p{L}\\p{N}&.\\-]*){0,3})"
            + "[\"\u201d]\\s*\\)");
    private static final Set<String> GENERIC_DEFINED_TERMS = Set.of("Company", "Purchaser", "Vendor", "Seller",
        "Buyer", "Group", "Issuer", "Offeror", "Target", "Bank", "Board", "Parties", "Party", "Subscriber",
        "Investor", "Transaction", "Agreement", "Partnership", "Alliance", "Joint Venture", "JV", "Consortium",
        "Acquirer", "Offeree", "Guarantor", "Lender", "Borrower", "Fund", "Manager", "Trust");

    /** "Corvana Grid, Inc.", "Kestrel Mesh SAS", "Velorin Charging Pte. Ltd.": a legal form after a name. */
    private static final Pattern LEGAL_SUFFIX_AFTER = Pattern.compile(
        "^,?\\s+(?:Inc|Corp|Corporation|Incorporated|Ltd|Limited|LLC|LLP|PLC|plc|SAS|SARL|SA|S\\.A|S\\.p\\.A|SpA|GmbH|"
            + "AG|NV|N\\.V|BV|B\\.V|Pte|Pty|KK|K\\.K|Oy|Oyj|AB|ASA|SE|Srl|S\\.r\\.l|Sdn|Bhd|Berhad|Tbk|Co)\\b\\.?");
    /** Trailing legal-form words, dropped from a name the text introduces ("Tallis Quantum Ltd" is Tallis Quantum). */
    private static final Pattern LEGAL_SUFFIX_END = Pattern.compile(
        "(?:,?\\s+(?:Inc|Corp|Corporation|Incorporated|Ltd|Limited|LLC|LLP|PLC|plc|SAS|SARL|S\\.A|S\\.p\\.A|SpA|GmbH|"
            + "Pte|Pty|KK|K\\.K|Oyj|Oy|Srl|S\\.r\\.l|Sdn|Bhd|Berhad|Tbk|Co|Ltda|S\\.A\\.S|"
            + "S\\.A\\.(?:B\\.|P\\.I\\.)? de C\\.V|SAB de CV)\\.?)+$");
    /** Leading legal forms: "PT Kirana Analitika" (Indonesia), "Kabushiki Kaisha Takumi Sensing" (Japan). */
    private static final Pattern LEGAL_PREFIX_START = Pattern.compile("^(?:PT|Kabushiki Kaisha|K\\.K\\.)\\s+(?=\\p{Lu})");

    static String withoutLegalSuffix(String name) {
      String n = LEGAL_PREFIX_START.matcher(LEGAL_SUFFIX_END.matcher(name).replaceAll("")).replaceAll("");
      if (n.endsWith(" and") || n.endsWith(" &")) {
        // "Mitsui and Co Ltd": the "Co" belongs to the name, only what follows it is a legal form
        Matcher co = CO_IN_NAME.matcher(name);
        n = co.find() ? LEGAL_PREFIX_START.matcher(name.substring(0, co.end())).replaceAll("") : name;
      }
      return n.isBlank() || n.length() < 2 ? name : n;
    }

    private static final Pattern CO_IN_NAME = Pattern.compile("^.*?\\s(?:and|&)\\s+Co\\b\\.?");

    /**
     * Splits "Infineon and Voltra Systems" or "Kestrel Dynamics and Siemens" into its conjuncts when a side next to
     * the "and" is a name the gazetteer knows: a known company is never the first half of an unknown name.
     */
    private List<int[]> splitCoordinated(List<int[]> seqs, List<GazetteerMatcher.Hit> hits) {
      List<int[]> out = new ArrayList<>();
      for (int[] seq : seqs) {
        int cut = 0;
        for (int k = 1; k + 1 < seq.length; k++) {
          if (!tokenText(seq[k]).equals("and")) {
            continue;
          }
          int leftEnd = tokEnd(seq[k - 1]);
          int rightStart = tokStart(seq[k + 1]);
          boolean knownLeft = false;
          boolean knownRight = false;
          for (GazetteerMatcher.Hit h : hits) {
            knownLeft |= h.end() == leftEnd && h.start() >= tokStart(seq[cut]);
            knownRight |= h.start() == rightStart;
          }
          if (knownLeft || knownRight || nameBeforeHeadedName(seq, cut, k) || headedNameBeforeName(seq, cut, k)) {
            if (k > cut) {
              out.add(java.util.Arrays.copyOfRange(seq, cut, k));
            }
            cut = k + 1;
          }
        }
        out.add(cut == 0 ? seq : java.util.Arrays.copyOfRange(seq, cut, seq.length));
      }
      return out;
    }

    /**
     * "Gécamines and Lualaba Copper", "Lionsgate and Hanbit Pictures": one uncommon word, "and", then a name of two
     * words or more ending in an industry head word is two companies. Not "Competition and Markets Authority" (a common
     * word on the left), "Procter and Gamble Co" (a legal form closes one name), "Bill and Melinda Gates Foundation".
     */
    private boolean nameBeforeHeadedName(int[] seq, int cut, int and) {
      String left = tokenText(seq[and - 1]);
      String head = tokenText(seq[seq.length - 1]);
      return and == cut + 1 && seq.length - and - 1 >= 2 && left.length() >= 3 && ORG_HEADS.contains(head)
          && !CORP_SUFFIX.contains(head) && !ORG_HEADS.contains(left) && !GENERIC_MODIFIERS.contains(left)
          && !FIRST_NAMES.contains(left) && !PLACES.contains(left) && !NOT_NAME.contains(left)
          && !isCommonWord(left);
    }

    /**
     * Whether a comma and a capitalised word follow the token: "Ministry of Trade, Industry and Energy" goes on past
     * its comma, so the run before it is not the whole name.
     */
    private boolean listContinues(int token) {
      int end = tokEnd(token);
      return end + 2 < text.length() && text.charAt(end) == ',' && text.charAt(end + 1) == ' '
          && Character.isUpperCase(text.charAt(end + 2));
    }

    /**
     * "Iowa State University and Heartland Agronomics": a name of two words or more that ends in an organisation head
     * word, "and", then another name is two organisations ("Panasonic Energy and Ridgeline Motors"). Not "Kentucky
     * Science and Technology Corporation" (no head word before "and"), nor "New Energy and Industrial Technology
     * Development Organization" (nothing but common words before the head: a topic, one name).
     */
    private boolean headedNameBeforeName(int[] seq, int cut, int and) {
      if (and - cut < 2 || !ORG_HEADS.contains(tokenText(seq[and - 1])) || seq.length - and - 1 < 1) {
        return false;
      }
      for (int k = cut; k < and - 1; k++) {
        String w = tokenText(seq[k]);
        if (!isCommonWord(w) && !GENERIC_MODIFIERS.contains(w) && !ORG_HEADS.contains(w)) {
          return true; // a word of a name, not of a topic
        }
      }
      return false;
    }

    /** News outlets cited as sources: "The Wall Street Journal reported", "according to CNBC", "told Handelsblatt". */
    private void findReportingOutlets(List<GazetteerMatcher.Hit> hits, List<int[]> out) {
      for (int[] seq : capitalisedSequences(doc.bodyStart())) {
        int from = trimOrgLead(seq);
        int n = seq.length - from;
        if (n < 1 || n > 4) {
          continue;
        }
        int startChar = tokStart(seq[from]);
        int endChar = tokEnd(seq[seq.length - 1]);
        String name = text.substring(startChar, endChar);
        if (containsHit(hits, startChar, endChar) || overlapsAny(out, startChar, endChar)
            || n == 1 && !Rx.matches(name, "\\p{Lu}{2,6}") || isPlaceOrPersonLike(startChar, endChar)
            || looksLikePersonName(seq, from) || FIRST_NAMES.contains(tokenText(seq[from]))) {
          continue;
        }
        String before = text.substring(Math.max(doc.bodyStart(), startChar - 30), startChar);
        String after = text.substring(endChar, Math.min(text.length(), endChar + 30));
        if (OUTLET_BEFORE.matcher(before).find() || OUTLET_AFTER.matcher(after).find()) {
          out.add(new int[] {startChar, endChar, -1});
        }
      }
    }

    private int orgOf(GazetteerMatcher.Hit h) {
      int idx = -1;
      for (GazetteerMatcher.Ref r : h.refs()) {
        if (r.kind() == GazetteerMatcher.Kind.ORG_NAME || r.kind() == GazetteerMatcher.Kind.ORG_ALIAS) {
          return r.entry();
        }
      }
      return idx;
    }

    private boolean hasOnlyWeakRefs(GazetteerMatcher.Hit h) {
      for (GazetteerMatcher.Ref r : h.refs()) {
        if (r.kind() != GazetteerMatcher.Kind.ORG_SHORT) {
          return false;
        }
      }
      return true;
    }

    /** Index of the first hit (hits are sorted by start, non-overlapping) that ends after pos. */
    private int firstHitEndingAfter(List<GazetteerMatcher.Hit> hits, int pos) {
      int lo = 0;
      int hi = hits.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (hits.get(mid).end() <= pos) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

    private GazetteerMatcher.Hit hitStartingAt(List<GazetteerMatcher.Hit> hits, int start) {
      int i = firstHitEndingAfter(hits, start);
      return i < hits.size() && hits.get(i).start() == start ? hits.get(i) : null;
    }

    private boolean containsHit(List<GazetteerMatcher.Hit> hits, int start, int end) {
      int i = firstHitEndingAfter(hits, start);
      return i < hits.size() && hits.get(i).start() < end;
    }

    private boolean isPlaceOrPersonLike(int start, int end) {
      String name = text.substring(start, end);
      return PLACES.contains(name) || NOT_NAME.contains(name) || placeList(name);
    }

    private boolean looksLikePersonName(int[] seq, int from) {
      int n = seq.length - from;
      return n >= 2 && n <= 3 && FIRST_NAMES.contains(tokenText(seq[from]));
    }

    private void findUnknownPeople(List<int[]> unknownOrgSpans) {
      List<int[]> parts = new ArrayList<>();
      for (int[] whole : capitalisedSequences(doc.bodyStart())) {
        // "Cathy Seifert of CFRA Research", "Jean-Pierre Mustier and Martin O'Brien": names end at connectors
        int from0 = 0;
        for (int k = 0; k <= whole.length; k++) {
          // "Globex CEO Jane Roe", "Co-president John Doe": a title splits the company from the name
          if (k == whole.length || isConnector(tokenText(whole[k])) || isTitleWord(tokenText(whole[k]))) {
            if (k > from0) {
              parts.add(java.util.Arrays.copyOfRange(whole, from0, k));
            }
            from0 = k + 1;
          }
        }
      }
      for (int[] seq : parts) {
        int from = trimLead(seq);
        // "Sofia", "Jordan", "Austin": a place that is also a first name may start a name, given a person cue
        boolean placeFirst = from > 0 && from < seq.length && PLACES.contains(tokenText(seq[from - 1]))
            && FIRST_NAMES.contains(tokenText(seq[from - 1]));
        if (placeFirst) {
          from--;
        }
        int n = seq.length - from;
        if (n < 2 || n > 3) {
          continue;
        }
        int startChar = tokStart(seq[from]);
        int endChar = tokEnd(seq[seq.length - 1]);
        if (isTaken(startChar, endChar)) {
          continue;
        }
        boolean shape = true;
        for (int i = from; i < seq.length; i++) {
          String w = tokenText(seq[i]);
          if (NOT_NAME.contains(w) || PLACES.contains(w) && !(placeFirst && i == from) || ORG_HEADS.contains(w)
              || !(Rx.matches(w, "\\p{Lu}[\\p{Ll}'\u2019\\-]+(?:\\p{Lu}[\\p{Ll}]+)?") || Rx.matches(w, "\\p{Lu}{1,2}")
              || Rx.matches(w, "(?:\\p{Lu}\\.){1,3}"))) {
            shape = false;
          }
        }
        String lastWord = tokenText(seq[seq.length - 1]);
        if (!shape || lastWord.length() < 2 || !Rx.matches(lastWord, ".*\\p{Ll}.*")) {
          continue;
        }
        String before = text.substring(Math.max(0, startChar - 40), startChar);
        String after = text.substring(endChar, Math.min(text.length(), endChar + 40));
        boolean first = FIRST_NAMES.contains(tokenText(seq[from])) && !placeFirst || surnameFirst(seq, from);
        boolean role = ROLE_BEFORE.matcher(before).find() || from > 0 && isRoleWord(tokenText(seq[from - 1]));
        boolean speech = SPEECH_AFTER.matcher(after).find();
        boolean personAppositive = PERSON_APPOSITIVE.matcher(after).find();
        boolean middleInitial = n == 3 && tokenText(seq[from + 1]).length() <= 2;
        boolean said = SAID_AFTER.matcher(after).find();
        if (said && n == 2 && !first && !role && !personAppositive && calledByFirstWord(seq, from)) {
          // "Helixa Power said ..., Helixa's pilot line": a company is called by its first word, a person by the last
          unknownOrgSpans.add(new int[] {startChar, endChar, -1});
          mark(startChar, endChar);
          continue;
        }
        if (first || role && (speech || n == 2 || middleInitial) || personAppositive || said
            || speech && n == 2 && Rx.matches(tokenText(seq[from]), "\\p{Lu}{1,2}")) {
          String name = text.substring(startChar, endChar);
          TaggedEntity te = byKey.computeIfAbsent("person:" + name,
              k -> new TaggedEntity(null, name, EntityType.PERSON, null, null, null, null, false));
          addMention(te, startChar, endChar);
        }
      }
    }

    /**
     * "Tan Wei Ming", "Chan Siu Fung": a family name written first, then two short given-name syllables; "Sato Kenta",
     * "Choi Min-seo": then a known given name or a hyphenated one.
     */
    private boolean surnameFirst(int[] seq, int from) {
      int n = seq.length - from;
      if (!SURNAMES_FIRST.contains(tokenText(seq[from])) || n < 2 || n > 3) {
        return false;
      }
      if (n == 3) {
        return tokenText(seq[from + 1]).length() <= 5 && tokenText(seq[from + 2]).length() <= 5;
      }
      String given = tokenText(seq[from + 1]);
      return FIRST_NAMES.contains(given) || Rx.matches(given, "\\p{Lu}\\p{Ll}+-\\p{Ll}+");
    }

    /**
     * Whether the two-word name {@code seq[from..]} is called elsewhere in the text by its first word alone
     * ("Helixa's pilot line", "Helixa swaps Toyota"), as companies are, and never by its last word alone, as people
     * are ("Pike said").
     */
    private boolean calledByFirstWord(int[] seq, int from) {
      String firstWord = tokenText(seq[from]);
      String lastWord = tokenText(seq[seq.length - 1]);
      return aloneElsewhere(firstWord, lastWord, true) && !aloneElsewhere(lastWord, firstWord, false);
    }

    /** Whether {@code word} occurs as a whole word not joined to {@code partner} (after it, or before it). */
    private boolean aloneElsewhere(String word, String partner, boolean partnerAfter) {
      for (int at = WholeWords.next(text, word, 0); at >= 0; at = WholeWords.next(text, word, at + word.length())) {
        boolean joined = partnerAfter ? text.startsWith(" " + partner, at + word.length())
            : at >= partner.length() + 1 && text.startsWith(partner + " ", at - partner.length() - 1);
        if (!joined) {
          return true;
        }
      }
      return false;
    }

    /**
     * Transcripts label each turn with its speaker in capitals ("GRANT ABARA: Let's talk about Ford."), later often by
     * the surname alone ("ABARA: Right."): a label of two or three capitalised words at the start of a line is a
     * person, named in title case, and a later one-word label that is its surname is the same person. Words a
     * company or a place would use (a known organisation, an organisation head word, a place) make it no person.
     */
    private void findSpeakerLabels() {
      Matcher m = SPEAKER_LABEL.matcher(text);
      Map<String, TaggedEntity> bySurname = new HashMap<>();
      List<int[]> later = new ArrayList<>();
      while (m.find()) {
        int start = m.start(1);
        int end = m.end(1);
        String label = m.group(1);
        // "PRESENTER CLAIRE DUVAL:", "CFO ROBIN HALE:": the role is not part of the name
        Matcher role = SPEAKER_ROLE.matcher(label);
        if (role.find()) {
          start += role.end();
          label = label.substring(role.end());
        }
        String[] words = Rx.split(label, "\\s+");
        if (label.isEmpty() || isTaken(start, end)) {
          continue;
        }
        if (words.length == 1) {
          later.add(new int[] {start, end});
          continue;
        }
        StringBuilder name = new StringBuilder();
        boolean person = true;
        for (String w : words) {
          String t = w.charAt(0) + w.substring(1).toLowerCase(java.util.Locale.ROOT);
          if (PLACES.contains(t) || ORG_HEADS.contains(t) || NOT_NAME.contains(t) || isGazetteerWord(t)
              || w.length() < 2 || NOT_SPEAKER.contains(w)) {
            person = false;
          }
          name.append(name.length() > 0 ? " " : "").append(t);
        }
        if (!person) {
          continue;
        }
        String n = name.toString();
        TaggedEntity te = byKey.computeIfAbsent("person:" + n,
            k -> new TaggedEntity(null, n, EntityType.PERSON, null, null, null, null, false));
        addMention(te, start, end);
        bySurname.putIfAbsent(words[words.length - 1], te);
      }
      for (int[] l : later) {
        TaggedEntity te = bySurname.get(text.substring(l[0], l[1]));
        if (te != null && !isTaken(l[0], l[1])) {
          addMention(te, l[0], l[1]);
        }
      }
    }

    private static final Set<String> NOT_SPEAKER = Set.of("NEWS", "NOTE", "UPDATE", "UPDATED", "BREAKING",
        "CORRECTION", "EDITOR'S", "EDITORS", "OPERATOR", "MODERATOR", "HOST", "ANALYST", "UNIDENTIFIED", "SPEAKER",
        "EXECUTIVE", "QUESTION", "ANSWER", "SUMMARY", "DISCLAIMER", "SOURCE", "SOURCES", "CONTACT", "MEDIA",
        "INVESTORS", "ABOUT", "PRESS", "RELEASE", "FORWARD-LOOKING", "STATEMENTS", "DISCLOSURE", "THE", "AND", "OF");
    private static final Pattern SPEAKER_LABEL = Pattern.compile(
        "(?m)^[ \\t]*(\\p{Lu}[\\p{Lu}'\\-]+(?: \\p{Lu}[\\p{Lu}'\\-]+){0,3}):[ \\t]");
    private static final Pattern SPEAKER_ROLE = Pattern.compile(
        "^(?:(?:PRESENTER|ANCHOR|HOST|CO-HOST|CORRESPONDENT|REPORTER|CFO|CEO|COO|CTO|CHAIRMAN|CHAIRWOMAN|PRESIDENT|"
            + "ANALYST|INTERVIEWER|GUEST|EDITOR|DR|MR|MS|MRS|PROF|SENATOR|MINISTER|JUDGE) )+");

    private boolean isTitleWord(String w) {
      return isRoleWord(w) || w.equals("CFO") || w.equals("CTO") || w.equals("COO") || w.equals("Chief")
          || Rx.matches(w, "(?i)(?:co|vice|deputy)-(?:president|chair\\w*|founder|head|ceo|director|lead)");
    }

    private boolean isRoleWord(String w) {
      return Set.of("Chief", "CEO", "Chairman", "Chairwoman", "President", "Founder", "Co-founder", "Analyst",
          "Director", "Minister", "Secretary", "Senator", "Governor", "Mr", "Ms", "Mrs", "Dr", "Sir", "Dame",
          "Professor", "Commissioner").contains(w);
    }

    /** The organisations the text introduces (step 3 of {@link #run}), before they become entities. */
    private List<int[]> introducedOrgSpans = List.of();

    private void addSurnameMentions() {
      List<TaggedEntity> persons = new ArrayList<>();
      for (TaggedEntity te : byKey.values()) {
        if (te.type() == EntityType.PERSON && te.mentions() > 0) {
          persons.add(te);
        }
      }
      for (TaggedEntity p : persons) {
        String[] parts = Rx.split(p.name(), "\\s+");
        if (parts.length < 2) {
          continue;
        }
        String surname = parts[parts.length - 1];
        if (surname.length() < 3) {
          continue;
        }
        int first = p.firstStart();
        int len = surname.length();
        for (int at = WholeWords.next(text, surname, 0); at >= 0; at = WholeWords.next(text, surname, at + len)) {
          // "lawyer Defne Kaplan of Kaplan & Partners": the firm's name is not a mention of the lawyer
          if (at > first && !isTaken(at, at + len) && !overlapsAny(introducedOrgSpans, at, at + len)) {
            addMention(p, at, at + len);
          }
        }
      }
    }

    /** Whether {@code shortName} is the first words of {@code full} or its initials ("TCS"). */
    static boolean abbreviates(String shortName, String full) {
      if (full.startsWith(shortName + " ")) {
        return true;
      }
      StringBuilder initials = new StringBuilder();
      for (String w : full.split(" ")) {
        if (!w.isEmpty() && Character.isUpperCase(w.charAt(0))) {
          initials.append(w.charAt(0));
        }
      }
      return shortName.length() >= 2 && shortName.contentEquals(initials);
    }

    /** A short name the text defines for an organisation it introduces, searched for as one of its mentions. */
    private final Map<TaggedEntity, String> definedAliases = new HashMap<>();

    private void addRepeatedUnknownOrgMentions() {
      List<TaggedEntity> orgs = new ArrayList<>();
      for (TaggedEntity te : byKey.values()) {
        if (te.type() == EntityType.ORG && te.id() == null && te.mentions() > 0) {
          orgs.add(te);
        }
      }
      // an article naming hundreds of unknown organisations is a list, not a story: bound the search for repeats
      for (TaggedEntity o : orgs.subList(0, Math.min(orgs.size(), MAX_REPEAT_SEARCHES))) {
        List<String> forms = new ArrayList<>();
        forms.add(o.name());
        if (definedAliases.containsKey(o)) {
          forms.add(definedAliases.get(o));
        }
        String[] words = Rx.split(o.name(), "\\s+");
        if (words.length >= 2 && usableShortForm(words[0]) && !isGazetteerWord(words[0])) {
          forms.add(words[0]); // "Lumora" for "Lumora Labs"
        }
        for (String f : forms) {
          int len = f.length();
          boolean shortForm = !f.equals(o.name());
          for (int at = WholeWords.next(text, f, 0); at >= 0; at = WholeWords.next(text, f, at + len)) {
            int end = at + len;
            if (shortForm && followedByNameWord(text, end)) {
              end = namePrefixEnd(text, o.name(), at); // "Atacama Pacific (TSX-V: APM)" for "Atacama Pacific Minerals"
            } else if (!shortForm && o.name().indexOf(' ') > 0 && followedByNameWord(text, end)
                && !COLLAPSING_HEADS.contains(firstWord(text.substring(end + 1, Math.min(text.length(), end + 40))))) {
              continue; // "Sunda Gas" in "Jakarta-listed Sunda Gas Energi" is the start of a longer name
            }
            if (end > at && !isTaken(at, end) && !crossesTitleBody(at, end)) {
              addMention(o, at, end);
            }
          }
        }
      }
    }

    private boolean isGazetteerWord(String w) {
      return orgIndexByName.containsKey(w);
    }

    // ---------------------------------------------------------------- tokens

    private List<int[]> tokens;

    private List<int[]> tokens() {
      if (tokens == null) {
        tokens = wordSpans(text);
        for (int[] t : tokens) {
          if (t[1] - t[0] >= 2 && (text.startsWith("'s", t[1] - 2) || text.startsWith("\u2019s", t[1] - 2))) {
            t[1] -= 2;
          }
        }
      }
      return tokens;
    }

    private String tokenText(int i) {
      int[] t = tokens().get(i);
      return text.substring(t[0], t[1]);
    }

    private int tokStart(int i) {
      return tokens().get(i)[0];
    }

    private int tokEnd(int i) {
      return tokens().get(i)[1];
    }

    /**
     * Maximal runs of capitalised tokens separated only by single spaces (connectors "and", "of", "for", "&", "de",
     * "van", "von" allowed inside), that do not overlap taken spans.
     */
    private List<int[]> capitalisedSequences(int from) {
      // three rules ask for the same sequences; they only change when a span gets taken
      if (capitalisedCache == null || capitalisedFrom != from || capitalisedVersion != takenVersion) {
        capitalisedCache = Collections.unmodifiableList(computeCapitalisedSequences(from));
        capitalisedFrom = from;
        capitalisedVersion = takenVersion;
      }
      return capitalisedCache;
    }

    private List<int[]> capitalisedCache;
    private int capitalisedFrom;
    private int capitalisedVersion;

    private List<int[]> computeCapitalisedSequences(int from) {
      List<int[]> out = new ArrayList<>();
      List<int[]> toks = tokens();
      List<Integer> cur = new ArrayList<>();
      for (int i = 0; i < toks.size(); i++) {
        int[] t = toks.get(i);
        if (t[0] < from) {
          continue;
        }
        String w = null;
        boolean cap = (Character.isUpperCase(text.charAt(t[0]))
            || mayBeCamel(text, t[0], t[1]) && CAMEL_NAME.matcher(w = text.substring(t[0], t[1])).matches())
            && !isTaken(t[0], t[1]);
        boolean joined = !cur.isEmpty() && onlySpaceBetween(toks.get(cur.get(cur.size() - 1))[1], t[0])
            && !endsWithPossessive(toks.get(cur.get(cur.size() - 1))[1]);
        if (cap && (cur.isEmpty() || joined)) {
          cur.add(i);
          continue;
        }
        if (!cap && joined && isConnector(w != null ? w : text.substring(t[0], t[1])) && i + 1 < toks.size()) {
          int[] nx = toks.get(i + 1);
          if (onlySpaceBetween(t[1], nx[0]) && Character.isUpperCase(text.charAt(nx[0])) && !isTaken(nx[0], nx[1])
              && !CURRENCY_CODES.contains(text.substring(nx[0], nx[1])) // "acquire Velorin for SGD 180 million"
              && !currencyPrefix(text, nx[0], nx[1])) { // "for C$41 million", "for R$ 240 million", "for Rs 900 crore"
            cur.add(i);
            continue;
          }
        }
        flush(cur, out);
        if (cap) {
          cur.add(i);
        }
      }
      flush(cur, out);
      return out;
    }

    private boolean endsWithPossessive(int end) {
      return end + 1 < text.length() && (text.charAt(end) == '\'' || text.charAt(end) == '\u2019')
          && text.charAt(end + 1) == 's';
    }

    private void flush(List<Integer> cur, List<int[]> out) {
      if (!cur.isEmpty()) {
        int[] a = cur.stream().mapToInt(Integer::intValue).toArray();
        out.add(a);
        cur.clear();
      }
    }

    private boolean isConnector(String w) {
      return w.equals("and") || w.equals("of") || w.equals("for") || w.equals("&") || w.equals("de")
          || w.equals("van") || w.equals("von") || w.equals("der") || w.equals("du") || w.equals("la");
    }

    private boolean onlySpaceBetween(int a, int b) {
      if (b - a == 2 && text.charAt(a) == '.' && text.charAt(a + 1) == ' ' && a >= 1
          && Character.isUpperCase(text.charAt(a - 1)) && (a < 2 || !Character.isLetter(text.charAt(a - 2)))) {
        return true; // a middle initial: "Frank D. Yeary"
      }
      if (b - a != 1) {
        return b - a == 3 && text.startsWith(" & ", a);
      }
      return text.charAt(a) == ' ';
    }

    /** Like {@link #trimLead} but keeps adjectives and places that can start a name ("European Commission"). */
    private int trimOrgLead(int[] seq) {
      int i = 0;
      while (i < seq.length) {
        String w = tokenText(seq[i]);
        if (LEAD_STOP.contains(w) && !ORG_HEADS.contains(w) && !w.equals("New") || w.endsWith("-based") || isConnector(w)) {
          i++;
        } else {
          break;
        }
      }
      return i;
    }

    /** Index into seq of the first token that is not a leading stop word, place or "X-based". */
    private int trimLead(int[] seq) {
      int i = 0;
      // "First Abu Dhabi Bank", "First Republic Bank": an ordinal opening a name that ends in an organisation word
      boolean orgHeaded = seq.length >= 3 && ORG_HEADS.contains(tokenText(seq[seq.length - 1]));
      while (i < seq.length) {
        String w = tokenText(seq[i]);
        if (i == 0 && orgHeaded && NAME_OPENING_ORDINALS.contains(w)) {
          break;
        }
        if (LEAD_STOP.contains(w) || PLACES.contains(w) || w.endsWith("-based") || isConnector(w)
            || MODIFIER_SUFFIX.matcher(w).find() || NOT_NAME.contains(w) && !ORG_HEADS.contains(w)) {
          i++;
        } else {
          break;
        }
      }
      return i;
    }

    private int takenVersion;

    private void mark(int start, int end) {
      takenVersion++;
      for (int i = start; i < end && i < taken.length; i++) {
        taken[i] = true;
      }
    }

    private boolean isTaken(int start, int end) {
      for (int i = start; i < end && i < taken.length; i++) {
        if (taken[i]) {
          return true;
        }
      }
      return false;
    }

    private boolean crossesTitleBody(int start, int end) {
      return start < doc.titleEnd() && end > doc.titleEnd();
    }
  }

  private static final List<String> COMMA = List.of(",");

  /**
   * Whether {@link #CAMEL_NAME} may match text[start, end): it needs a capital as the second or third letter, so a
   * token whose chars after the first (four of them, enough for two surrogate pairs) are ASCII without a capital
   * cannot match; a non-ASCII char, a surrogate half included, leaves it to the pattern.
   */
  static boolean mayBeCamel(String text, int start, int end) {
    for (int i = start + 1; i < Math.min(end, start + 5); i++) {
      char c = text.charAt(i);
      if (c >= 128 || c >= 'A' && c <= 'Z') {
        return true;
      }
    }
    return false;
  }

  /**
   * The [start, end) of every {@link #WORD} match, in order, found without the regex engine (the tagger's tokens were
   * 3% of the extract path): a run of letters and digits, continued over an apostrophe, ampersand, dot or hyphen
   * only when a letter or digit follows it. A test checks the spans against the pattern on random text.
   */
  static List<int[]> wordSpans(String text) {
    List<int[]> out = new ArrayList<>();
    int n = text.length();
    int i = 0;
    while (i < n) {
      if (!WholeWords.isLetterOrDigit(text.codePointAt(i))) {
        i++;
        continue;
      }
      int start = i;
      i = lettersAndDigitsEnd(text, i);
      while (i + 1 < n && isWordJoiner(text.charAt(i)) && WholeWords.isLetterOrDigit(text.codePointAt(i + 1))) {
        i = lettersAndDigitsEnd(text, i + 1);
      }
      out.add(new int[] {start, i});
    }
    return out;
  }

  private static int lettersAndDigitsEnd(String text, int i) {
    int j = i;
    while (j < text.length()) {
      int cp = text.codePointAt(j);
      if (!WholeWords.isLetterOrDigit(cp)) {
        break;
      }
      j += Character.charCount(cp);
    }
    return j;
  }

  private static boolean isWordJoiner(char c) {
    return c == '\'' || c == '\u2019' || c == '&' || c == '.' || c == '-';
  }

  /**
   * Whether {@code s} ends with one of {@code words} followed only by spaces and line ends: the cheap check in front
   * of the patterns {@code ...(?:words)\s+$} run on the text before a name. Every match of those ends with one of the
   * words, then {@code \s+} up to the end or a final line terminator ({@code $}); java.util.regex would otherwise try
   * the whole alternation at every position of the text.
   */
  static boolean endsBeforeSpaces(String s, List<String> words) {
    int end = s.length();
    while (end > 0 && isSpaceOrLineEnd(s.charAt(end - 1))) {
      end--;
    }
    for (String w : words) {
      if (s.startsWith(w, end - w.length())) {
        return true;
      }
    }
    return false;
  }

  /** {@code \s} of java.util.regex and the line terminators its {@code $} may stand before. */
  private static boolean isSpaceOrLineEnd(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u0085'
        || c == '\u2028' || c == '\u2029';
  }

  private static boolean overlapsAny(List<int[]> spans, int start, int end) {
    for (int[] s : spans) {
      if (s[0] < end && start < s[1]) {
        return true;
      }
    }
    return false;
  }

  private static String firstWord(String s) {
    int i = 0;
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
      i++;
    }
    int j = i;
    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.' || s.charAt(j) == '-')) {
      j++;
    }
    String w = s.substring(i, j);
    return w.endsWith(".") && !CORP_SUFFIX.contains(w) ? w.substring(0, w.length() - 1) : w;
  }

  /** Words right after a name that show a company is meant ("Apple said", "Shell shares"). */
  private static final Set<String> COMPANY_NEXT = words("shares", "share", "stock", "stocks", "said", "says",
      "announced", "announces", "agreed", "agrees", "will", "has", "had", "is", "was", "reported", "reports",
      "plans", "planned", "unveiled", "unveils", "launched", "launches", "rose", "fell", "jumped", "slid", "gained",
      "dropped", "climbed", "surged", "tumbled", "slipped", "dipped", "sank", "soared", "rallied", "declined",
      "chief", "ceo", "cfo", "executive", "executives", "spokesperson", "spokesman", "spokeswoman", "investors",
      "acquired", "bought", "buys", "invests", "invested", "partnered", "partners", "teamed", "signed", "denied",
      "declined", "confirmed", "hired", "sued", "shareholders", "board", "management", "founder", "co-founder",
      "boss", "revenue", "earnings", "profit", "sales", "inc", "corp", "agreed", "raised", "raises", "expects",
      "warned", "posted", "beat", "missed", "cut", "cuts", "would", "could", "may", "might", "also", "did", "does",
      "declined", "disclosed", "filed", "faces", "won", "lost", "released", "released", "introduced", "makes",
      "made", "sells", "sold", "employs", "told", "engineer", "engineers", "employee", "employees", "staff",
      "workers", "veteran", "veterans", "alumni", "subsidiary", "unit", "division", "customers", "rival", "rivals",
      "executive", "managers", "investor", "backer", "co-founder", "cofounder", "founder", "spokesperson", "took",
      "takes", "struck", "strikes", "named", "names", "opened", "opens", "closed", "closes", "completed", "acquires",
      "led", "leads", "joined", "joins", "wins", "announces", "reports", "shed", "sheds", "slashed", "priced",
      "filed", "files", "sues", "settled", "settles", "paid", "pays", "hires", "plans", "expands", "expanded");
  /** Nouns after a possessive name that show a company is meant ("Apple's shares", "Block's chief executive"). */
  private static final Set<String> COMPANY_POSSESSED = words("shares", "stock", "chief", "ceo", "board", "new",
      "partnership", "deal", "acquisition", "investment", "stake", "revenue", "sales", "profit", "earnings",
      "market", "valuation", "executive", "executives", "spokesperson", "largest", "biggest", "own", "products",
      "devices", "software", "cloud", "chips", "app", "services", "platform", "business", "seller", "head",
      "decision", "move", "plan", "plans", "bid", "offer", "shareholders", "investors", "founder", "co-founder");

  private static final Pattern COORDINATED_NAME = Pattern.compile(
      "^\\s+(?:and|&)\\s+(?:the\\s+)?(?:\\p{Lu}[\\p{L}\\-]*\\s+){1,4}(\\p{Lu}[\\p{L}.]*)(?![\\p{L}])");

  /** "'s ad platform", "'s streaming business": a company noun within the first three words after a possessive. */
  private static boolean possessesCompanyNoun(String afterPossessive) {
    String[] ws = Rx.split(afterPossessive.trim(), "[\\s,.;:]+", 4);
    for (int i = 0; i < Math.min(3, ws.length); i++) {
      String w = ws[i].toLowerCase(Locale.ROOT);
      if (COMPANY_POSSESSED.contains(w)) {
        return true;
      }
      if (i > 0 && !Rx.matches(w, "[a-z\\-]+")) {
        return false;
      }
    }
    return false;
  }

  private static Set<String> words(String... ws) {
    return Set.copyOf(new HashSet<>(List.of(ws)));
  }

  /** "United States and Canada", "Spain, Portugal and Morocco": a list of places is a place. */
  static boolean placeList(String name) {
    String[] parts = name.split("\\s*,\\s*|\\s+(?:and|&)\\s+");
    if (parts.length < 2) {
      return false;
    }
    for (String p : parts) {
      if (!PLACES.contains(p.strip())) {
        return false;
      }
    }
    return true;
  }

  static Set<String> loadWords(String resource) {
    try (InputStream in = EntityTagger.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      Set<String> out = new HashSet<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String w = line.strip();
        if (!w.isEmpty() && !w.startsWith("#")) {
          out.add(w);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
