package io.newssignals.enrich;

import io.newssignals.schema.EntityType;
import java.util.ArrayList;
import java.util.List;

/** An entity found in one article, with the spans where it is mentioned. */
public final class TaggedEntity {
  private final String id;
  private final String name;
  private final EntityType type;
  private String ticker;
  private final String exchange;
  private final String owner;
  private final String category;
  private final boolean usListed;
  private boolean tickerPrinted;
  private final List<int[]> spans = new ArrayList<>();

  TaggedEntity(String id, String name, EntityType type, String ticker, String exchange, String owner, String category,
      boolean usListed) {
    this.id = id;
    this.name = name;
    this.type = type;
    this.ticker = ticker;
    this.exchange = exchange;
    this.owner = owner;
    this.category = category;
    this.usListed = usListed;
  }

  /** Gazetteer id, or null for an organisation or person found only in the text. */
  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public EntityType type() {
    return type;
  }

  public String ticker() {
    return ticker;
  }

  public String exchange() {
    return exchange;
  }

  public String owner() {
    return owner;
  }

  public String category() {
    return category;
  }

  /** The ticker to report: for a US primary listing, or when the article prints it. */
  public String reportedTicker() {
    return ticker != null && (usListed || tickerPrinted) ? ticker : null;
  }

  /** A ticker the article prints after a company the gazetteer does not list: "Helixa Bio (NASDAQ: HLXB)". */
  void printedTicker(String t) {
    if (ticker == null) {
      ticker = t;
      tickerPrinted = true;
    }
  }

  void markTickerPrinted() {
    tickerPrinted = true;
  }

  void addSpan(int start, int end) {
    for (int[] s : spans) {
      if (s[0] == start) {
        return;
      }
    }
    spans.add(new int[] {start, end});
  }

  /** Moves every mention of this entity to another (the two are one organisation). */
  void moveSpansTo(TaggedEntity other) {
    for (int[] sp : spans) {
      other.addSpan(sp[0], sp[1]);
    }
    other.spans.sort((a, b) -> Integer.compare(a[0], b[0]));
    spans.clear();
  }

  /** Mention spans [start, end) in document order. */
  public List<int[]> spans() {
    spans.sort((a, b) -> Integer.compare(a[0], b[0]));
    return spans;
  }

  public int mentions() {
    return spans.size();
  }

  public int firstStart() {
    int m = Integer.MAX_VALUE;
    for (int[] s : spans) {
      m = Math.min(m, s[0]);
    }
    return m;
  }

  @Override
  public String toString() {
    return type + ":" + name;
  }
}
