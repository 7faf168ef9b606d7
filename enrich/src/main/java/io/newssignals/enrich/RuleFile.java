package io.newssignals.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A file of named cue patterns (the rules as data: {@code enrich/src/main/resources/enrich/rules/*.rules}, one per
 * event type). Format, line by line:
 * <ul>
 *   <li>{@code NAME = regex} or {@code NAME/i = regex} (case-insensitive) defines a pattern;</li>
 *   <li>{@code @NAME = text} defines a macro, written {@code {@NAME}} in later definitions;</li>
 *   <li>a line that starts with four spaces continues the definition above it, verbatim after those spaces;</li>
 *   <li>blank lines and lines starting with {@code #} are comments.</li>
 * </ul>
 * Everything is checked when the file is read (at start-up, when {@link EventDetector} loads): an unknown macro, a
 * duplicate name, a regex that does not compile or a stray line fails with the file and line number.
 */
final class RuleFile {

  private static final Pattern DEFINITION = Pattern.compile("^(@?)([A-Z][A-Z0-9_]*)(/i)? = (.*)$");
  private static final Pattern MACRO_USE = Pattern.compile("\\{@([A-Z][A-Z0-9_]*)}");
  private static final String CONTINUATION = "    ";

  private final String file;
  private final Map<String, Pattern> patterns;

  private RuleFile(String file, Map<String, Pattern> patterns) {
    this.file = file;
    this.patterns = patterns;
  }

  /** Reads and checks a rule file from the class path. */
  static RuleFile load(String resource) {
    try (InputStream in = RuleFile.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("rule file missing from the class path: " + resource);
      }
      return parse(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rule file " + resource, e);
    }
  }

  /** One definition being read: where it starts and its text so far. */
  private record Pending(String name, boolean macro, boolean ignoreCase, int line, StringBuilder text) {}

  static RuleFile parse(String file, String content) {
    Map<String, String> macros = new HashMap<>();
    Map<String, Pattern> patterns = new LinkedHashMap<>();
    List<String> lines = content.lines().toList();
    Pending pending = null;
    for (int i = 0; i <= lines.size(); i++) {
      String line = i < lines.size() ? lines.get(i) : null;
      if (line != null && line.startsWith(CONTINUATION) && !line.isBlank()) {
        if (pending == null) {
          throw error(file, i + 1, "a continuation line with no definition above it");
        }
        pending.text().append(line.substring(CONTINUATION.length()));
        continue;
      }
      if (pending != null) {
        define(file, pending, macros, patterns);
        pending = null;
      }
      if (line == null || line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher d = DEFINITION.matcher(line);
      if (!d.matches()) {
        throw error(file, i + 1, "expected 'NAME = regex', 'NAME/i = regex' or '@NAME = text', got: " + line);
      }
      pending = new Pending(d.group(2), !d.group(1).isEmpty(), d.group(3) != null, i + 1,
          new StringBuilder(d.group(4)));
    }
    return new RuleFile(file, patterns);
  }

  private static void define(String file, Pending p, Map<String, String> macros, Map<String, Pattern> patterns) {
    if (macros.containsKey(p.name()) || patterns.containsKey(p.name())) {
      throw error(file, p.line(), p.name() + " is defined twice");
    }
    StringBuilder expanded = new StringBuilder();
    Matcher use = MACRO_USE.matcher(p.text());
    while (use.find()) {
      String body = macros.get(use.group(1));
      if (body == null) {
        throw error(file, p.line(), "unknown macro {@" + use.group(1) + "} in " + p.name()
            + " (a macro must be defined above its first use)");
      }
      use.appendReplacement(expanded, Matcher.quoteReplacement(body));
    }
    use.appendTail(expanded);
    if (p.macro()) {
      macros.put(p.name(), expanded.toString());
      return;
    }
    try {
      patterns.put(p.name(), Pattern.compile(expanded.toString(), p.ignoreCase() ? Pattern.CASE_INSENSITIVE : 0));
    } catch (PatternSyntaxException e) {
      throw error(file, p.line(), p.name() + " is not a valid regular expression: " + e.getDescription()
          + " near index " + e.getIndex());
    }
  }

  private static IllegalStateException error(String file, int line, String what) {
    return new IllegalStateException(file + ":" + line + ": " + what);
  }

  /** The pattern of this name; a name the file does not define fails at start-up, naming the file. */
  Pattern pattern(String name) {
    Pattern p = patterns.get(name);
    if (p == null) {
      throw new IllegalStateException(file + ": no rule named " + name);
    }
    return p;
  }

  /** The names defined, in file order. */
  List<String> names() {
    return List.copyOf(patterns.keySet());
  }
}
