package io.newssignals.launcher.bench;

import io.newssignals.schema.Article;
import io.newssignals.schema.PartnershipStatus;
import io.newssignals.topics.Topics;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

/**
 * Deterministic stream of realistic synthetic news articles for benchmarks and fault tests.
 *
 * <p>Every article is 2-5 KB of plain text built from sentence templates with companies from the bundled gazetteer
 * ({@code gazetteer/organisations.csv} on the classpath, shipped by the enrich module): market colour, stock moves,
 * funding rounds and acquisitions, and, in its title and lead sentence, one partnership-status change between two
 * gazetteer companies (FORMED, EXPANDED, EXCLUSIVE, NON_EXCLUSIVE, STRAINED, ENDED). The status of each pair always
 * changes relative to the pair's previous article (FORMED and EXPANDED both count as ACTIVE), over many distinct
 * pairs, so a correct pipeline emits one partnership alert per article. Published times increase strictly, so the
 * per-pair order is the stream order.
 *
 * <p>The same seed gives the same articles: runs are repeatable and comparable. Not thread-safe.
 */
public final class SyntheticArticles {
  /** Default seed of benchmarks and tests. */
  public static final long DEFAULT_SEED = 20_250_122L;

  private static final String GAZETTEER = "gazetteer/organisations.csv";
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Z][A-Za-z0-9]+(?: [A-Z][A-Za-z0-9]+){0,2}");
  private static final Instant EPOCH = Instant.parse("2025-01-06T08:00:00Z");
  /** Body length of realistic articles: 2-5 KB. */
  public static final int MIN_BODY_CHARS = 2_048;
  public static final int MAX_BODY_CHARS = 5_000;

  private static final String[] OUTLETS = {
    "Wire Desk", "TechLedger", "Market Courier", "The Signal Post", "Harbour Business Review", "Ledger Daily",
    "Northgate Financial", "Circuit Weekly"
  };
  private static final String[] DOMAINS = {
    "edge computing", "industrial robotics", "payments infrastructure", "chip packaging", "cybersecurity",
    "logistics software", "battery storage", "satellite broadband", "speech recognition", "fraud detection",
    "clinical data", "warehouse automation", "data centre cooling", "network security", "design software",
    "supply-chain analytics", "autonomous driving", "identity verification", "smart metering", "private 5G networks"
  };
  private static final String[] CITIES = {
    "London", "Berlin", "Paris", "Toronto", "Singapore", "Tokyo", "Austin", "Dublin", "Stockholm", "Madrid",
    "Seoul", "Sydney", "Chicago", "Zurich", "Amsterdam", "Warsaw", "Boston", "Denver", "Milan", "Osaka"
  };
  private static final String[] REGIONS = {
    "Europe", "North America", "Southeast Asia", "Latin America", "the Gulf states", "the Nordic countries",
    "central Europe", "Japan and Korea"
  };
  private static final String[] WEEKDAYS = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday"};
  private static final String[] STARTUP_PREFIX = {
    "Norvik", "Quillon", "Brightwater", "Castellan", "Veridian", "Lumenfold", "Orbisa", "Tessaro", "Kaltern",
    "Marisol", "Peregrine", "Solvane", "Tarkin", "Umbrel", "Westmark", "Zephra", "Halcyon", "Ostrava", "Pemberly",
    "Ravelin"
  };
  private static final String[] STARTUP_SUFFIX = {"Labs", "Systems", "Robotics", "Analytics", "Networks", "Software"};
  private static final String[] SERIES = {"A", "B", "C", "D"};

  private final List<String> companies;
  private final List<String> banks;
  private final List<Pair> pairs;
  private final SplittableRandom random;
  private final int minBodyChars;
  private final int maxBodyChars;
  private final boolean pairsInTurn;
  private long sequence;

  /** The next status change a pair goes through: pair and status as the article reports it. */
  public record Change(String first, String second, PartnershipStatus status) {
    /** The pair key on the deals, partnerships and alerts topics. */
    public String pairKey() {
      return Topics.pairKey(first, second);
    }
  }

  /** One generated article and the partnership change its lead sentence reports. */
  public record Generated(Article article, Change change) {}

  private static final class Pair {
    final String a;
    final String b;
    PairState state = PairState.NONE;

    Pair(String a, String b) {
      this.a = a;
      this.b = b;
    }
  }

  /** The pair vocabulary of alerts: FORMED and EXPANDED are both ACTIVE. */
  private enum PairState { NONE, ACTIVE, EXCLUSIVE, NON_EXCLUSIVE, STRAINED, ENDED }

  private static final Map<PairState, PartnershipStatus[]> NEXT = new EnumMap<>(PairState.class);

  static {
    NEXT.put(PairState.NONE, new PartnershipStatus[] {PartnershipStatus.FORMED});
    NEXT.put(PairState.ACTIVE, new PartnershipStatus[] {
      PartnershipStatus.EXCLUSIVE, PartnershipStatus.STRAINED, PartnershipStatus.ENDED});
    NEXT.put(PairState.EXCLUSIVE, new PartnershipStatus[] {
      PartnershipStatus.NON_EXCLUSIVE, PartnershipStatus.STRAINED, PartnershipStatus.ENDED});
    NEXT.put(PairState.NON_EXCLUSIVE, new PartnershipStatus[] {
      PartnershipStatus.EXCLUSIVE, PartnershipStatus.STRAINED, PartnershipStatus.ENDED});
    NEXT.put(PairState.STRAINED, new PartnershipStatus[] {PartnershipStatus.EXPANDED, PartnershipStatus.ENDED});
    NEXT.put(PairState.ENDED, new PartnershipStatus[] {PartnershipStatus.FORMED});
  }

  /**
   * A generator over {@code pairCount} distinct company pairs.
   *
   * @param seed fixes every choice: the same seed gives the same stream
   * @param pairCount distinct company pairs whose partnerships change over the stream (at least 1)
   * @param minBodyChars shortest body
   * @param maxBodyChars longest body (at least 300 more than the shortest)
   */
  public SyntheticArticles(long seed, int pairCount, int minBodyChars, int maxBodyChars) {
    this(seed, pairCount, minBodyChars, maxBodyChars, false);
  }

  private SyntheticArticles(long seed, int pairCount, int minBodyChars, int maxBodyChars, boolean pairsInTurn) {
    if (pairCount < 1) {
      throw new IllegalArgumentException("pairCount must be >= 1, got " + pairCount);
    }
    if (minBodyChars < 1 || maxBodyChars < minBodyChars + 300) {
      throw new IllegalArgumentException("body sizes must satisfy 1 <= min and min + 300 <= max, got "
          + minBodyChars + ".." + maxBodyChars);
    }
    this.minBodyChars = minBodyChars;
    this.maxBodyChars = maxBodyChars;
    this.pairsInTurn = pairsInTurn;
    this.random = new SplittableRandom(seed);
    Map<String, List<String>> byCategory = gazetteerCompanies();
    this.companies = byCategory.getOrDefault("company", List.of());
    this.banks = byCategory.getOrDefault("bank", List.of("Goldman Sachs"));
    if (companies.size() < 20) {
      throw new IllegalStateException("the gazetteer on the classpath (" + GAZETTEER + ") has only "
          + companies.size() + " plain, unambiguous company names; at least 20 are needed");
    }
    int possible = companies.size() * (companies.size() - 1) / 2;
    int wanted = Math.min(pairCount, possible);
    Set<String> seen = new LinkedHashSet<>();
    this.pairs = new ArrayList<>(wanted);
    while (pairs.size() < wanted) {
      String a = pick(companies);
      String b = pick(companies);
      if (!a.equals(b) && seen.add(Topics.pairKey(a, b))) {
        pairs.add(new Pair(a, b));
      }
    }
  }

  /** Realistic 2-5 KB articles, with enough pairs for {@code articles} articles to change each about five times. */
  public static SyntheticArticles forArticles(long seed, int articles) {
    return new SyntheticArticles(seed, Math.max(20, articles / 5), MIN_BODY_CHARS, MAX_BODY_CHARS);
  }

  /** Short articles (about 300-800 characters) for fault tests, where volume matters more than realism. */
  public static SyntheticArticles small(long seed, int articles) {
    return new SyntheticArticles(seed, Math.max(20, articles / 5), 300, 800);
  }

  /**
   * Realistic articles, each about a pair no earlier article named (up to {@code articles} articles), so each gives
   * exactly one FORMED alert whatever order the pipeline processes them in: fault tests compare outputs with the
   * input without depending on ordering across partitions. Full-size bodies keep the articles from looking like
   * syndicated copies of each other to the novelty index (short ones sometimes do: same templates).
   */
  public static SyntheticArticles distinctPairs(long seed, int articles) {
    return new SyntheticArticles(seed, articles, MIN_BODY_CHARS, MAX_BODY_CHARS, true);
  }

  /** Distinct company pairs of this stream. */
  public int pairCount() {
    return pairs.size();
  }

  /** The next article of the stream, with id {@code idPrefix + sequence number}. */
  public Generated next(String idPrefix) {
    long n = sequence++;
    Pair pair = pairsInTurn ? pairs.get((int) (n % pairs.size())) : pairs.get(random.nextInt(pairs.size()));
    PartnershipStatus[] options = NEXT.get(pair.state);
    PartnershipStatus status = options[random.nextInt(options.length)];
    pair.state = stateOf(status);
    boolean flip = random.nextBoolean();
    String first = flip ? pair.b : pair.a;
    String second = flip ? pair.a : pair.b;

    Instant published = EPOCH.plusSeconds(90 * n);
    String source = OUTLETS[random.nextInt(OUTLETS.length)];
    String domain = DOMAINS[random.nextInt(DOMAINS.length)];
    String title = title(first, second, status, domain);
    String body = body(first, second, status, domain);
    String id = idPrefix + n;
    String slug = title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    Article article = Article.newBuilder()
        .setId(id)
        .setRevision(1)
        .setFeedUrl("https://" + host(source) + "/feed.xml")
        .setSource(source)
        .setUrl("https://" + host(source) + "/" + n + "/" + slug)
        .setTitle(title)
        .setBody(body)
        .setPublished(published)
        .setFetched(published.plusSeconds(30))
        .setAuthor(null)
        .setTags(new ArrayList<>(List.of("business", "technology")))
        .build();
    return new Generated(article, new Change(first, second, status));
  }

  /** The next {@code count} articles. */
  public List<Generated> next(String idPrefix, int count) {
    List<Generated> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(next(idPrefix));
    }
    return out;
  }

  private static PairState stateOf(PartnershipStatus s) {
    return switch (s) {
      case FORMED, EXPANDED -> PairState.ACTIVE;
      case EXCLUSIVE -> PairState.EXCLUSIVE;
      case NON_EXCLUSIVE -> PairState.NON_EXCLUSIVE;
      case STRAINED -> PairState.STRAINED;
      case ENDED -> PairState.ENDED;
      case UNKNOWN -> throw new IllegalArgumentException("no synthetic story for " + s);
    };
  }

  private String title(String a, String b, PartnershipStatus status, String domain) {
    return switch (status) {
      case FORMED -> a + " and " + b + " form " + domain + " partnership";
      case EXPANDED -> a + " expands " + domain + " partnership with " + b;
      case EXCLUSIVE -> a + " makes " + b + " its exclusive " + domain + " partner";
      case NON_EXCLUSIVE -> a + " drops exclusivity in " + b + " partnership";
      case STRAINED -> a + " puts " + b + " partnership under review";
      case ENDED -> a + " ends " + domain + " partnership with " + b;
      case UNKNOWN -> throw new IllegalArgumentException("no synthetic story for " + status);
    };
  }

  /** The sentence that carries the change: plain, unhedged, the two parties and nothing else named in it. */
  private String lead(String a, String b, PartnershipStatus status, String domain) {
    String day = WEEKDAYS[random.nextInt(WEEKDAYS.length)];
    String city = CITIES[random.nextInt(CITIES.length)];
    int years = 2 + random.nextInt(4);
    return switch (status) {
      case FORMED -> random.nextBoolean()
          ? a + " has signed a partnership with " + b + " to develop " + domain + " products for customers in "
              + city + ", the companies said on " + day + "."
          : a + " and " + b + " announced a strategic partnership on " + day + " to bring " + domain
              + " tools to their customers, starting in " + city + ".";
      case EXPANDED -> a + " is expanding its partnership with " + b + " to cover " + domain
          + " as well, the two companies said on " + day + ", after a pilot in " + city + " met its targets.";
      case EXCLUSIVE -> a + " has turned its partnership with " + b + " into an exclusive partnership, making "
          + b + " its sole provider of " + domain + " for the next " + years + " years.";
      case NON_EXCLUSIVE -> a + " said on " + day + " that its partnership with " + b
          + " is no longer exclusive, and that " + b + " keeps a right of first refusal on new " + domain + " work.";
      case STRAINED -> a + " has put its partnership with " + b + " under review after a dispute over "
          + domain + " service levels in " + city + ".";
      case ENDED -> a + " has terminated its partnership with " + b + ", ending their " + domain
          + " agreement " + years + " years early, the companies confirmed on " + day + ".";
      case UNKNOWN -> throw new IllegalArgumentException("no synthetic story for " + status);
    };
  }

  private String body(String a, String b, PartnershipStatus status, String domain) {
    StringBuilder text = new StringBuilder(maxBodyChars + 400);
    text.append(lead(a, b, status, domain));
    int target = minBodyChars + random.nextInt(maxBodyChars - minBodyChars - 250);
    while (text.length() < target) {
      String s = filler(a, b, domain);
      if (text.length() + 2 + s.length() > maxBodyChars) {
        break;
      }
      text.append(random.nextInt(5) == 0 ? "\n\n" : " ").append(s);
    }
    return text.toString();
  }

  /** A sentence that names at most one of the partners and reports no partnership. */
  private String filler(String a, String b, String domain) {
    String party = random.nextBoolean() ? a : b;
    String other = otherCompany(a, b);
    String city = CITIES[random.nextInt(CITIES.length)];
    String region = REGIONS[random.nextInt(REGIONS.length)];
    String day = WEEKDAYS[random.nextInt(WEEKDAYS.length)];
    String startup = STARTUP_PREFIX[random.nextInt(STARTUP_PREFIX.length)] + " "
        + STARTUP_SUFFIX[random.nextInt(STARTUP_SUFFIX.length)];
    int year = 2025 + random.nextInt(3);
    return switch (random.nextInt(16)) {
      case 0 -> "Shares of " + other + " rose " + percent() + "% in " + city + " trading on " + day + ".";
      case 1 -> other + " shares fell " + percent() + "% after the company cut its full-year outlook.";
      case 2 -> startup + ", a startup based in " + city + ", raised $" + (5 + random.nextInt(190))
          + " million in a Series " + SERIES[random.nextInt(SERIES.length)] + " funding round led by " + other + ".";
      case 3 -> other + " agreed to acquire " + startup + " for $" + (40 + random.nextInt(900))
          + " million in cash, according to a regulatory filing.";
      case 4 -> party + " reported quarterly revenue of $" + (1 + random.nextInt(30)) + "." + random.nextInt(10)
          + " billion, slightly ahead of analyst estimates.";
      case 5 -> "Demand for " + domain + " has picked up across " + region
          + " as customers move more of their workloads to the cloud.";
      case 6 -> "Analysts at " + pick(banks) + " said spending on " + DOMAINS[random.nextInt(DOMAINS.length)]
          + " was likely to stay uneven heading into " + year + ".";
      case 7 -> party + " plans to hire about " + (50 + random.nextInt(950)) + " engineers in " + city
          + " over the next " + (6 + random.nextInt(19)) + " months.";
      case 8 -> "Executives declined to comment on pricing or on how revenue from the arrangement would be shared.";
      case 9 -> "Regulators in " + region + " have been examining how large technology groups structure agreements"
          + " of this kind, though no formal inquiry has been opened.";
      case 10 -> party + " said it expects capital expenditure of about $" + (1 + random.nextInt(40))
          + " billion this year, mostly on data centres in " + region + ".";
      case 11 -> "Customer pilots are planned in " + city + ", " + CITIES[random.nextInt(CITIES.length)] + " and "
          + CITIES[random.nextInt(CITIES.length)] + " before a wider rollout in " + year + ".";
      case 12 -> "The " + city + " team will focus on " + DOMAINS[random.nextInt(DOMAINS.length)]
          + ", according to a person familiar with the plans who asked not to be named.";
      case 13 -> party + " has spent the past " + (2 + random.nextInt(8)) + " years building its "
          + domain + " business, which now accounts for about " + (5 + random.nextInt(40)) + " percent of sales.";
      case 14 -> "Trading volumes in " + city + " were about " + (10 + random.nextInt(60))
          + " percent above their 30-day average, with technology stocks among the most active.";
      default -> "Industry surveys in " + region + " suggest that " + (20 + random.nextInt(70))
          + " percent of mid-sized firms plan to increase their budgets for " + domain + " in " + year + ".";
    };
  }

  private String otherCompany(String a, String b) {
    while (true) {
      String c = pick(companies);
      if (!c.equals(a) && !c.equals(b)) {
        return c;
      }
    }
  }

  private String percent() {
    return (1 + random.nextInt(9)) + "." + random.nextInt(10);
  }

  private String pick(List<String> from) {
    return from.get(random.nextInt(from.size()));
  }

  private static String host(String outlet) {
    return outlet.toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "") + ".example.com";
  }

  /**
   * Plain, unambiguous company and bank names of the bundled gazetteer, by category, in file order (so the same
   * seed gives the same stream for the same gazetteer).
   */
  private static Map<String, List<String>> gazetteerCompanies() {
    ClassLoader loader = SyntheticArticles.class.getClassLoader();
    try (InputStream in = loader.getResourceAsStream(GAZETTEER)) {
      if (in == null) {
        throw new IllegalStateException("no " + GAZETTEER + " on the classpath (it ships in the enrich jar)");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String header = reader.readLine();
      if (header == null) {
        throw new IllegalStateException(GAZETTEER + " is empty");
      }
      List<String> columns = List.of(header.split(",", -1));
      int nameCol = columns.indexOf("name");
      int categoryCol = columns.indexOf("category");
      int ambiguousCol = columns.indexOf("ambiguous");
      if (nameCol < 0 || categoryCol < 0 || ambiguousCol < 0) {
        throw new IllegalStateException(GAZETTEER + " lacks a name, category or ambiguous column: " + header);
      }
      Map<String, List<String>> out = new HashMap<>();
      Set<String> seen = new LinkedHashSet<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.indexOf('"') >= 0) {
          continue; // quoted rows carry commas in names: not "plain" names, skip them
        }
        String[] cells = line.split(",", -1);
        if (cells.length <= Math.max(nameCol, Math.max(categoryCol, ambiguousCol))) {
          continue;
        }
        String name = cells[nameCol].trim();
        String category = cells[categoryCol].trim();
        boolean ambiguous = Boolean.parseBoolean(cells[ambiguousCol].trim());
        if (ambiguous || !PLAIN_NAME.matcher(name).matches() || !seen.add(name)) {
          continue;
        }
        String bucket = category.equals("bank") ? "bank" : category.equals("company") ? "company" : "";
        if (!bucket.isEmpty()) {
          out.computeIfAbsent(bucket, k -> new ArrayList<>()).add(name);
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + GAZETTEER, e);
    }
  }
}
