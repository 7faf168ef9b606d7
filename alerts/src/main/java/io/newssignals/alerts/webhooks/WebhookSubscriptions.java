package io.newssignals.alerts.webhooks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code --webhooks} file: a JSON or YAML list of objects with keys {@code url}, {@code secret}
 * ({@code whsec_<base64>}, or a list of them during a rotation, current first), optional {@code id},
 * {@code events}, {@code companies} and {@code minConfidence}. Any mistake fails with the file, line and key at
 * fault. JSON is recognised by a {@code .json} extension or a leading {@code [}; everything else is read as YAML.
 */
public final class WebhookSubscriptions {
  private static final Set<String> KEYS = Set.of("id", "url", "secret", "events", "companies", "minConfidence");

  private WebhookSubscriptions() {}

  public static List<WebhookSubscription> load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalArgumentException("webhooks file " + file + ": cannot read: " + e.getMessage());
    }
    boolean json = file.toString().toLowerCase(Locale.ROOT).endsWith(".json") || text.stripLeading().startsWith("[");
    return parse(text, json, file.toString());
  }

  /** Parses the file content; {@code name} prefixes every error. */
  public static List<WebhookSubscription> parse(String text, boolean json, String name) {
    JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
    ObjectMapper mapper = new ObjectMapper(factory);
    List<WebhookSubscription> subs = new ArrayList<>();
    Map<String, Integer> idLines = new HashMap<>();
    try (JsonParser p = mapper.createParser(text)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return List.of();
      }
      if (t != JsonToken.START_ARRAY) {
        throw error(name, line(p), null, "expected a list of subscriptions");
      }
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        int objLine = line(p);
        if (t != JsonToken.START_OBJECT) {
          throw error(name, objLine, null, "each subscription must be an object with 'url' and 'secret'");
        }
        Map<String, JsonNode> values = new HashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int keyLine = line(p);
          if (!KEYS.contains(key)) {
            throw error(name, keyLine, key, "unknown key (expected one of " + new java.util.TreeSet<>(KEYS) + ")");
          }
          if (values.containsKey(key)) {
            throw error(name, keyLine, key, "given twice");
          }
          p.nextToken();
          values.put(key, mapper.readTree(p));
          lines.put(key, keyLine);
        }
        WebhookSubscription sub = subscription(name, objLine, values, lines);
        Integer previous = idLines.putIfAbsent(sub.id(), objLine);
        if (previous != null) {
          throw error(name, objLine, values.containsKey("id") ? "id" : "url",
              "same subscription id '" + sub.id() + "' as the subscription at line " + previous
                  + " (give each an explicit distinct 'id')");
        }
        subs.add(sub);
      }
    } catch (JsonProcessingException e) {
      int l = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw error(name, l, null, "not valid " + (json ? "JSON" : "YAML") + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
    }
    return List.copyOf(subs);
  }

  private static WebhookSubscription subscription(
      String name, int objLine, Map<String, JsonNode> v, Map<String, Integer> lines) {
    JsonNode urlNode = v.get("url");
    if (urlNode == null) {
      throw error(name, objLine, "url", "missing");
    }
    URI url;
    try {
      url = new URI(text(name, lines.get("url"), "url", urlNode));
    } catch (URISyntaxException e) {
      throw error(name, lines.get("url"), "url", "not a URL: " + e.getMessage());
    }
    if (url.getScheme() == null || !Set.of("http", "https").contains(url.getScheme().toLowerCase(Locale.ROOT))
        || url.getHost() == null) {
      throw error(name, lines.get("url"), "url", "must be an absolute http:// or https:// URL");
    }
    JsonNode secretNode = v.get("secret");
    if (secretNode == null) {
      throw error(name, objLine, "secret", "missing");
    }
    List<String> secrets = new ArrayList<>();
    if (secretNode.isArray()) {
      secretNode.forEach(s -> secrets.add(text(name, lines.get("secret"), "secret", s)));
    } else {
      secrets.add(text(name, lines.get("secret"), "secret", secretNode));
    }
    if (secrets.isEmpty()) {
      throw error(name, lines.get("secret"), "secret", "empty list");
    }
    for (String s : secrets) {
      try {
        WebhookSignature.secretKey(s);
      } catch (IllegalArgumentException e) {
        throw error(name, lines.get("secret"), "secret", e.getMessage());
      }
    }
    Set<String> events = new LinkedHashSet<>(WebhookSubscription.EVENT_TYPES);
    if (v.containsKey("events")) {
      events = new LinkedHashSet<>(list(name, lines.get("events"), "events", v.get("events")));
      for (String e : events) {
        if (!WebhookSubscription.EVENT_TYPES.contains(e)) {
          throw error(name, lines.get("events"), "events",
              "unknown event type '" + e + "' (expected " + new java.util.TreeSet<>(WebhookSubscription.EVENT_TYPES) + ")");
        }
      }
      if (events.isEmpty()) {
        throw error(name, lines.get("events"), "events", "empty list: the subscription would receive nothing");
      }
    }
    Set<String> companies = Set.of();
    if (v.containsKey("companies")) {
      companies = new LinkedHashSet<>(list(name, lines.get("companies"), "companies", v.get("companies")));
    }
    double minConfidence = 0;
    if (v.containsKey("minConfidence")) {
      JsonNode n = v.get("minConfidence");
      if (!n.isNumber() || n.asDouble() < 0 || n.asDouble() > 1) {
        throw error(name, lines.get("minConfidence"), "minConfidence", "must be a number between 0 and 1");
      }
      minConfidence = n.asDouble();
    }
    String id = v.containsKey("id") ? text(name, lines.get("id"), "id", v.get("id")) : derivedId(url);
    if (!id.matches("[A-Za-z0-9._-]{1,100}")) {
      throw error(name, lines.get("id"), "id", "only letters, digits, '.', '_' and '-' (at most 100)");
    }
    return new WebhookSubscription(id, url, secrets, events, companies, minConfidence);
  }

  /** Stable id of a subscription without an explicit {@code id}: changing the secret keeps it. */
  static String derivedId(URI url) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(url.toString().getBytes(StandardCharsets.UTF_8));
      return "sub-" + HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(String name, int line, String key, JsonNode n) {
    if (!n.isTextual() || n.asText().isBlank()) {
      throw error(name, line, key, "must be a non-empty string");
    }
    return n.asText().trim();
  }

  private static List<String> list(String name, int line, String key, JsonNode n) {
    if (!n.isArray()) {
      throw error(name, line, key, "must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    n.forEach(e -> out.add(text(name, line, key, e)));
    return out;
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  private static IllegalArgumentException error(String name, Integer line, String key, String message) {
    StringBuilder sb = new StringBuilder("webhooks file ").append(name);
    if (line != null && line > 0) {
      sb.append(" line ").append(line);
    }
    if (key != null) {
      sb.append(" key '").append(key).append('\'');
    }
    return new IllegalArgumentException(sb.append(": ").append(message).toString());
  }
}
