package io.newssignals.ingest.feed;

import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import org.jsoup.select.QueryParser;

/**
 * HTML to clean plain text for enrichment, with jsoup: scripts, styles, embedded objects and comments are dropped,
 * entities decoded, runs of whitespace collapsed, block elements separated by a blank line and {@code <br>} by a
 * line break.
 */
public final class HtmlText {
  private static final Set<String> DROP = Set.of(
      "script", "style", "noscript", "template", "iframe", "object", "embed", "svg", "canvas", "head", "form",
      "button", "select", "textarea", "audio", "video", "math");
  private static final Set<String> BLOCKS = Set.of(
      "p", "div", "section", "article", "header", "footer", "aside", "nav", "main", "blockquote", "pre", "ul", "ol",
      "li", "dl", "dt", "dd", "table", "thead", "tbody", "tfoot", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "figure",
      "figcaption", "hr", "address", "details", "summary", "center");

  private static final Evaluator DROP_SELECTOR = QueryParser.parse(String.join(", ", DROP));

  private HtmlText() {}

  /** Plain text of an HTML fragment; {@code null} gives "". */
  public static String toPlainText(String html) {
    if (html == null || html.isBlank()) {
      return "";
    }
    Document doc = Jsoup.parseBodyFragment(html);
    doc.select(DROP_SELECTOR).remove();
    StringBuilder out = new StringBuilder(html.length());
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode t) {
          appendText(out, t.getWholeText());
        } else if (node instanceof Element e) {
          String tag = e.normalName();
          if (tag.equals("br")) {
            lineBreak(out);
          } else if (BLOCKS.contains(tag)) {
            paragraphBreak(out);
          } else if (tag.equals("td") || tag.equals("th")) {
            appendText(out, " ");
          }
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
          paragraphBreak(out);
        }
      }
    }, doc.body());
    return finish(out);
  }

  /** Plain text with whitespace normalised (for {@code text} content that has no markup). */
  public static String normalise(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (String para : text.replace("\r\n", "\n").replace('\r', '\n').split("\n\\s*\n")) {
      paragraphBreak(out);
      appendText(out, para);
    }
    return finish(out);
  }

  /** True when {@code s} looks like it carries markup or entities. */
  public static boolean looksLikeHtml(String s) {
    if (s == null) {
      return false;
    }
    if (s.indexOf('&') >= 0) {
      return true;
    }
    for (int i = s.indexOf('<'); i >= 0 && i + 1 < s.length(); i = s.indexOf('<', i + 1)) {
      char c = s.charAt(i + 1);
      if ((Character.isLetter(c) || c == '!' || c == '/') && s.indexOf('>', i) > 0) {
        return true;
      }
    }
    return false;
  }

  private static void appendText(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = FeedDecoder.windows1252ForC1(text.charAt(i));
      if (Character.isWhitespace(c) || c == '\u00a0' || c == '\u200b') {
        int n = out.length();
        if (n > 0 && out.charAt(n - 1) != ' ' && out.charAt(n - 1) != '\n') {
          out.append(' ');
        }
      } else if (!Character.isISOControl(c)) {
        out.append(c);
      }
    }
  }

  private static void lineBreak(StringBuilder out) {
    trimTrailingSpace(out);
    if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
      out.append('\n');
    }
  }

  private static void paragraphBreak(StringBuilder out) {
    trimTrailingSpace(out);
    int n = out.length();
    if (n == 0) {
      return;
    }
    if (out.charAt(n - 1) != '\n') {
      out.append("\n\n");
    } else if (n < 2 || out.charAt(n - 2) != '\n') {
      out.append('\n');
    }
  }

  private static void trimTrailingSpace(StringBuilder out) {
    while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
      out.setLength(out.length() - 1);
    }
  }

  private static String finish(StringBuilder out) {
    return out.toString().strip();
  }
}
