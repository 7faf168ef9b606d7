package io.newssignals.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of one service (or one file), in declaration order: validates an environment at start-up
 * (every bad value reported at once, each naming its variable), lists the effective values for the status
 * page with secrets masked, and renders the docs table and the {@code --help} footer.
 */
public final class Settings {
  private final String title;
  private final List<Setting<?>> all;

  public Settings(String title, List<Setting<?>> settings) {
    this.title = title;
    this.all = List.copyOf(settings);
    Map<String, Setting<?>> seen = new LinkedHashMap<>();
    for (Setting<?> s : all) {
      if (seen.put(s.name(), s) != null) {
        throw new IllegalStateException("setting declared twice in " + title + ": " + s.name());
      }
    }
  }

  /** A group of this group's settings followed by {@code more}. */
  public Settings with(String newTitle, Settings more) {
    List<Setting<?>> joined = new ArrayList<>(all);
    joined.addAll(more.all);
    return new Settings(newTitle, joined);
  }

  public String title() {
    return title;
  }

  public List<Setting<?>> all() {
    return all;
  }

  /** The environment variables declared here, in order (file settings have none). */
  public List<String> envNames() {
    return all.stream().filter(s -> s.env() != null).map(Setting::env).toList();
  }

  /**
   * Parses every setting of {@code env}; throws one {@link IllegalArgumentException} listing every bad value,
   * one per line, each naming its variable and what it accepts.
   */
  public void validate(Map<String, String> env) {
    List<String> errors = new ArrayList<>();
    for (Setting<?> s : all) {
      try {
        s.getOrNull(env);
      } catch (IllegalArgumentException e) {
        errors.add(e.getMessage());
      }
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", errors));
    }
  }

  /** Every setting with the value in effect for {@code env}; secrets masked; values not validated. */
  public List<EffectiveSetting> effective(Map<String, String> env) {
    List<EffectiveSetting> out = new ArrayList<>();
    for (Setting<?> s : all) {
      String raw = s.raw(env);
      String value = raw != null ? raw : s.defaultDoc();
      boolean set = env != null && env.get(s.name()) != null && !env.get(s.name()).isBlank();
      String def = s.defaultDoc();
      if (s.isSecret()) {
        value = value == null ? null : EffectiveSetting.MASK;
        def = def == null ? null : EffectiveSetting.MASK;
      }
      out.add(new EffectiveSetting(s.name(), s.env(), value, def, set, s.doc(), s.isSecret()));
    }
    return out;
  }

  /**
   * The Markdown table of these settings: variable, default, accepted values, doc. The docs embed it
   * verbatim, and a test checks they still do.
   */
  public String markdownTable() {
    StringBuilder b = new StringBuilder();
    b.append("| Setting | Default | Accepted | Description |\n");
    b.append("|---|---|---|---|\n");
    for (Setting<?> s : all) {
      b.append("| `").append(s.name()).append("` | ").append(defaultCell(s))
          .append(" | ").append(cell(s.accepted()))
          .append(" | ").append(cell(s.doc())).append(" |\n");
    }
    return b.toString();
  }

  /** Plain-text lines for a picocli footer: one block per setting, wrapped at {@value #HELP_WIDTH} columns. */
  public List<String> helpLines() {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add(title + ":");
    for (Setting<?> s : all) {
      String def = s.defaultDoc() == null ? "no default"
          : "default " + (s.isSecret() ? "(secret)" : s.defaultDoc());
      wrap(lines, "  ", "      ", s.name() + "  (" + s.accepted() + "; " + def + ")");
      wrap(lines, "      ", "      ", s.doc());
    }
    return lines;
  }

  /** Width of {@link #helpLines()}, picocli's default usage width: wider lines would be wrapped flush left. */
  static final int HELP_WIDTH = 80;

  private static void wrap(List<String> out, String first, String next, String text) {
    StringBuilder line = new StringBuilder(first);
    boolean empty = true;
    for (String word : text.split(" ")) {
      if (!empty && line.length() + 1 + word.length() > HELP_WIDTH) {
        out.add(line.toString());
        line = new StringBuilder(next);
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = false;
    }
    out.add(line.toString());
  }

  private static String defaultCell(Setting<?> s) {
    if (s.defaultDoc() == null) {
      return "(none)";
    }
    if (s.isSecret()) {
      return "(secret)";
    }
    // a default computed by the service is described, not quoted as a value
    return s.defaultText() == null || !s.defaultText().equals(s.defaultDoc()) ? cell(s.defaultDoc())
        : "`" + cell(s.defaultText()) + "`";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
