package io.newssignals.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reference data the tagger matches: organisations, people and products, loaded from CSV files in the format
 * documented in docs/enrich.md. Files are applied in order; a later entry with the same id replaces an earlier one.
 */
public final class Gazetteer {

  /** Where the bundled files live on the classpath. */
  public static final String BUNDLED_DIR = "/gazetteer/";

  /** An organisation. */
  public record Org(String id, String name, List<String> aliases, List<String> shortForms, String ticker,
      String exchange, String country, String category, boolean ambiguous) {
    /** True when the primary listing is on a US exchange. */
    public boolean usListed() {
      if (ticker == null || exchange == null) {
        return false;
      }
      String e = exchange.toUpperCase(Locale.ROOT);
      return e.startsWith("NASDAQ") || e.startsWith("NYSE") || e.equals("AMEX") || e.equals("CBOE") || e.equals("OTC");
    }
  }

  /** A person with the organisation they are known for. */
  public record Person(String id, String name, List<String> aliases, String organisation, String role) {}

  /** A product, service, model or platform with its owner organisation. */
  public record Product(String id, String name, List<String> aliases, String owner, boolean ambiguous) {}

  private final Map<String, Org> orgs;
  private final Map<String, Person> people;
  private final Map<String, Product> products;
  private final Map<String, Org> orgByName;

  private Gazetteer(Map<String, Org> orgs, Map<String, Person> people, Map<String, Product> products) {
    this.orgs = Collections.unmodifiableMap(orgs);
    this.people = Collections.unmodifiableMap(people);
    this.products = Collections.unmodifiableMap(products);
    Map<String, Org> byName = new HashMap<>();
    for (Org o : orgs.values()) {
      byName.putIfAbsent(o.name().toLowerCase(Locale.ROOT), o);
    }
    this.orgByName = byName;
  }

  public List<Org> orgs() {
    return new ArrayList<>(orgs.values());
  }

  public List<Person> people() {
    return new ArrayList<>(people.values());
  }

  public List<Product> products() {
    return new ArrayList<>(products.values());
  }

  /** The organisation with this canonical name (case-insensitive), or null. */
  public Org orgNamed(String name) {
    return name == null ? null : orgByName.get(name.toLowerCase(Locale.ROOT));
  }

  /** The bundled gazetteer. */
  public static Gazetteer bundled() {
    return builder().addBundled().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Accumulates CSV sources; later entries with the same id override earlier ones. */
  public static final class Builder {
    private final Map<String, Org> orgs = new LinkedHashMap<>();
    private final Map<String, Person> people = new LinkedHashMap<>();
    private final Map<String, Product> products = new LinkedHashMap<>();

    /** Adds the three bundled files (a missing one is skipped). */
    public Builder addBundled() {
      for (String file : List.of("organisations.csv", "people.csv", "products.csv")) {
        try (InputStream in = Gazetteer.class.getResourceAsStream(BUNDLED_DIR + file)) {
          if (in != null) {
            add(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read bundled gazetteer " + file, e);
        }
      }
      return this;
    }

    /** Adds an operator file; its kind is read from its header row. */
    public Builder addFile(Path path) {
      try {
        return add(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read gazetteer file " + path, e);
      }
    }

    /** Adds CSV text; the header decides whether it holds organisations, people or products. */
    public Builder add(String sourceName, String csv) {
      List<List<String>> rows = CsvReader.parse(csv);
      if (rows.isEmpty()) {
        return this;
      }
      List<String> header = rows.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
      Map<String, Integer> col = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        col.put(header.get(i), i);
      }
      if (!col.containsKey("id") || !col.containsKey("name")) {
        throw new IllegalArgumentException(sourceName + ": gazetteer header needs id and name columns, got " + header);
      }
      boolean isPeople = col.containsKey("organisation");
      boolean isProducts = col.containsKey("owner");
      for (int r = 1; r < rows.size(); r++) {
        List<String> row = rows.get(r);
        String id = cell(row, col, "id");
        String name = cell(row, col, "name");
        if (id.isEmpty() || name.isEmpty()) {
          continue;
        }
        if (isPeople) {
          people.put(id, new Person(id, name, list(cell(row, col, "aliases")), emptyToNull(cell(row, col, "organisation")),
              emptyToNull(cell(row, col, "role"))));
        } else if (isProducts) {
          products.put(id, new Product(id, name, list(cell(row, col, "aliases")), emptyToNull(cell(row, col, "owner")),
              Boolean.parseBoolean(cell(row, col, "ambiguous"))));
        } else {
          orgs.put(id, new Org(id, name, list(cell(row, col, "aliases")), list(cell(row, col, "short_forms")),
              emptyToNull(cell(row, col, "ticker")), emptyToNull(cell(row, col, "exchange")),
              emptyToNull(cell(row, col, "country")), emptyToNull(cell(row, col, "category")),
              Boolean.parseBoolean(cell(row, col, "ambiguous"))));
        }
      }
      return this;
    }

    public Gazetteer build() {
      return new Gazetteer(new LinkedHashMap<>(orgs), new LinkedHashMap<>(people), new LinkedHashMap<>(products));
    }

    private static String cell(List<String> row, Map<String, Integer> col, String name) {
      Integer i = col.get(name);
      return i == null || i >= row.size() ? "" : row.get(i).trim();
    }

    private static List<String> list(String cell) {
      if (cell.isEmpty()) {
        return List.of();
      }
      return Arrays.stream(cell.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String emptyToNull(String s) {
      return s == null || s.isEmpty() ? null : s;
    }
  }
}
