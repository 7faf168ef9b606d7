package io.newssignals.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.newssignals.config.Setting;
import io.newssignals.config.Settings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The feeds file: YAML or JSON (by extension, {@code .json} is JSON, anything else YAML, which also reads JSON),
 * either a list of entries or an object with a {@code feeds} list. An entry is a URL string or an object:
 *
 * <pre>
 * feeds:
 *   - url: https://example.com/rss.xml   # required: http or https (file only when allowed)
 *     name: Example News                 # optional: Article.source, else the feed's title
 *     interval: 10m                      # optional: PT10M, 600, 600s, 10m, 2h (1s to 7d); default INGEST_POLL_INTERVAL
 *     tags: [tech, us]                   # optional
 *   - https://example.org/atom.xml
 * </pre>
 *
 * The keys of an entry are declared in {@link #ENTRY_SETTINGS}, with their valid ranges. A bad entry is reported
 * with its line and skipped; the other entries are used. Feed URLs are canonical ({@link FeedUrls}): an entry whose canonical URL an earlier entry already has is a duplicate, reported with both
 * spellings, and the feed is polled once.
 */
public final class FeedsConfig {
  /** URL scheme of the feeds bundled in the jar; never accepted from a feeds file. */
  public static final String CLASSPATH_SCHEME = "classpath";
  /** Classpath folder of the bundled sample feeds and the index listing them. */
  public static final String SAMPLES_DIR = "samples/";

  private static final Set<String> KEYS = Set.of("url", "name", "interval", "pollinterval", "poll_interval", "tags");

  /** A feed's URL. */
  public static final Setting<String> URL = Setting.text("url", null, v -> !v.isBlank(),
      "an absolute http(s) URL (file too when INGEST_ALLOWED_SCHEMES lists it)", "The feed; required.")
      .inFile("url").defaultShownAs("(required)");
  /** A feed's name. */
  public static final Setting<String> NAME = Setting.text("name", null,
      "Article.source of the feed's articles; default the feed's own title.").inFile("name");
  /** A feed's poll interval; {@code pollInterval} and {@code poll_interval} are accepted spellings. */
  public static final Setting<Duration> INTERVAL = Setting.duration("interval", null, Duration.ofSeconds(1),
      Duration.ofDays(7), "How often the feed is polled (also spelt pollInterval or poll_interval).")
      .inFile("interval").defaultShownAs(IngestConfig.POLL_INTERVAL_ENV);
  /** A feed's tags. */
  public static final Setting<String> TAGS = Setting.text("tags", null,
      "Tags of the feed, a list or a comma-separated string.").inFile("tags");

  /** The keys of one entry of the feeds file. */
  public static final Settings ENTRY_SETTINGS = new Settings("Keys of each entry of the feeds file (INGEST_FEEDS_FILE)",
      List.of(URL, NAME, INTERVAL, TAGS));

  /**
   * Feeds read from a file.
   *
   * @param feeds the valid entries, in file order
   * @param problems one message per bad entry, each starting with {@code file:line:}
   */
  public record Loaded(List<FeedSpec> feeds, List<String> problems) {
    public Loaded {
      feeds = List.copyOf(feeds);
      problems = List.copyOf(problems);
    }
  }

  private FeedsConfig() {}

  /** The feeds to poll for {@code config}: its feeds file, else the bundled samples. */
  public static Loaded load(IngestConfig config) throws IOException {
    if (config.feedsFile().isPresent()) {
      return load(config.feedsFile().get(), config.pollInterval(), config.allowedSchemes());
    }
    return new Loaded(samples(config.pollInterval()), List.of());
  }

  /** The bundled sample feeds ({@code classpath:samples/...}), named by their own titles. */
  public static List<FeedSpec> samples(Duration interval) {
    List<FeedSpec> feeds = new ArrayList<>();
    try (InputStream in = FeedsConfig.class.getClassLoader().getResourceAsStream(SAMPLES_DIR + "samples.list")) {
      if (in == null) {
        throw new IllegalStateException("bundled samples index " + SAMPLES_DIR + "samples.list is missing");
      }
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        if (!line.isBlank()) {
          feeds.add(new FeedSpec(URI.create(CLASSPATH_SCHEME + ":" + SAMPLES_DIR + line.trim()), null, interval, List.of("sample"), 0));
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bundled samples index: " + e.getMessage(), e);
    }
    return feeds;
  }

  /**
   * Reads a feeds file. A file that is not YAML/JSON at all fails with an {@link IllegalArgumentException} naming
   * the line; bad entries are returned as problems.
   */
  public static Loaded load(Path file, Duration defaultInterval, Set<String> allowedSchemes) throws IOException {
    boolean json = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    List<FeedSpec> feeds = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, String> firstSpelling = new HashMap<>(); // canonical URL -> "line N (url as written)" of its first entry
    String where = file.toString();
    try (JsonParser p = mapper.getFactory().createParser(Files.newBufferedReader(file, StandardCharsets.UTF_8))) {
      p.setCodec(mapper);
      JsonToken t = p.nextToken();
      if (t == null) {
        return new Loaded(List.of(), List.of());
      }
      if (t == JsonToken.START_OBJECT) {
        t = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          if ("feeds".equals(field) && value == JsonToken.START_ARRAY) {
            t = value;
            break;
          }
          if ("feeds".equals(field) && value == JsonToken.VALUE_NULL) {
            continue; // "feeds:" with nothing under it: no feeds yet
          }
          if ("feeds".equals(field)) {
            problems.add(where + ":" + p.currentTokenLocation().getLineNr() + ": 'feeds' must be a list");
            p.skipChildren();
            continue;
          }
          problems.add(where + ":" + p.currentTokenLocation().getLineNr() + ": unknown top-level key '" + field
              + "' (expected 'feeds', a list)");
          p.skipChildren();
        }
        if (t == null) {
          return new Loaded(List.of(), problems);
        }
      }
      if (t != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException(where + ":" + p.currentTokenLocation().getLineNr()
            + ": expected a list of feeds or an object with a 'feeds' list");
      }
      while (p.nextToken() != JsonToken.END_ARRAY) {
        int line = p.currentTokenLocation().getLineNr();
        JsonNode entry = p.readValueAsTree();
        try {
          FeedSpec spec = entry(entry, line, defaultInterval, allowedSchemes);
          String first = firstSpelling.putIfAbsent(spec.key(), "line " + line + " (" + written(entry) + ")");
          if (first != null) {
            throw new IllegalArgumentException("duplicate url " + written(entry) + ": the same feed as " + first
                + ", polled once as " + spec.key());
          }
          feeds.add(spec);
        } catch (IllegalArgumentException e) {
          problems.add(where + ":" + line + ": " + e.getMessage());
        }
      }
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw new IllegalArgumentException(where + ":" + line + ": not valid " + (json ? "JSON" : "YAML") + ": "
          + e.getOriginalMessage(), e);
    }
    return new Loaded(feeds, problems);
  }

  private static String written(JsonNode entry) {
    JsonNode url = entry.isTextual() ? entry : entry.get("url");
    return url == null ? "" : url.asText().trim();
  }

  private static FeedSpec entry(JsonNode n, int line, Duration defaultInterval, Set<String> allowedSchemes) {
    if (n == null || n.isNull()) {
      throw new IllegalArgumentException("empty entry");
    }
    if (n.isTextual()) {
      return new FeedSpec(url(n.asText(), allowedSchemes), null, defaultInterval, List.of(), line);
    }
    if (!n.isObject()) {
      throw new IllegalArgumentException("an entry must be a URL or an object with 'url'");
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("unknown key '" + key + "' (known: url, name, interval, tags)");
      }
    }
    JsonNode url = n.get("url");
    if (url == null || !url.isTextual() || url.asText().isBlank()) {
      throw new IllegalArgumentException("missing 'url'");
    }
    String name = n.hasNonNull("name") ? n.get("name").asText().trim() : null;
    Duration interval = defaultInterval;
    for (String key : List.of("interval", "pollInterval", "poll_interval")) {
      if (n.hasNonNull(key)) {
        interval = (key.equals("interval") ? INTERVAL : INTERVAL.inFile(key)).parse(n.get(key).asText());
      }
    }
    List<String> tags = new ArrayList<>();
    JsonNode t = n.get("tags");
    if (t != null && !t.isNull()) {
      if (t.isArray()) {
        t.forEach(x -> tags.add(x.asText().trim()));
      } else if (t.isTextual()) {
        for (String s : t.asText().split(",")) {
          tags.add(s.trim());
        }
      } else {
        throw new IllegalArgumentException("'tags' must be a list or a comma-separated string");
      }
      tags.removeIf(String::isEmpty);
    }
    return new FeedSpec(url(url.asText(), allowedSchemes), name == null || name.isEmpty() ? null : name, interval, tags, line);
  }

  /**
   * Parses and checks a feed URL (absolute, an allowed scheme, a host for http(s)) and returns its canonical form
   * ({@link FeedUrls#canonical}).
   */
  public static URI url(String text, Set<String> allowedSchemes) {
    URI uri;
    try {
      uri = new URI(text.trim());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("invalid url '" + text + "': " + e.getReason());
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme == null) {
      throw new IllegalArgumentException("url '" + text + "' is not absolute");
    }
    if (!allowedSchemes.contains(scheme)) {
      throw new IllegalArgumentException("url scheme '" + scheme + "' is not allowed (allowed: "
          + String.join(", ", new TreeSet<>(allowedSchemes)) + "; see " + IngestConfig.ALLOWED_SCHEMES_ENV + ")");
    }
    if ((scheme.equals("http") || scheme.equals("https")) && (uri.getHost() == null || uri.getHost().isEmpty())) {
      throw new IllegalArgumentException("url '" + text + "' has no host");
    }
    return FeedUrls.canonical(uri);
  }
}
