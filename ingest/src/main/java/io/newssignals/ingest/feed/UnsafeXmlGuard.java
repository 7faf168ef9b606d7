package io.newssignals.ingest.feed;

import io.newssignals.ingest.IngestFailure;
import io.newssignals.schema.IngestErrorKind;
import java.util.Locale;

/**
 * Refuses feeds that declare a DOCTYPE able to define or load entities, before any XML parser sees them: an
 * internal subset ({@code <!DOCTYPE x [ <!ENTITY ... ]>}, the XXE and billion-laughs payloads) or an external DTD
 * ({@code SYSTEM "file:///etc/passwd"}). Only the harmless forms are tolerated and removed: a bare
 * {@code <!DOCTYPE rss>} and the public Netscape RSS 0.91 declaration many old feeds carry. The parser then runs
 * with DOCTYPEs disallowed as a second line of defence.
 */
public final class UnsafeXmlGuard {
  private static final String NETSCAPE_RSS_091 = "-//Netscape Communications//DTD RSS 0.91//EN";

  private UnsafeXmlGuard() {}

  /** The document with a tolerated DOCTYPE removed, or the document unchanged when it has none. */
  public static String check(String xml) throws IngestFailure {
    int start = doctypeStart(xml);
    if (start < 0) {
      return xml;
    }
    int end = declarationEnd(xml, start);
    String decl = xml.substring(start, end);
    if (decl.indexOf('[') >= 0) {
      throw new IngestFailure(IngestErrorKind.UNSAFE_XML,
          "DOCTYPE with an internal subset refused (entity declarations: XXE / entity expansion risk)");
    }
    String upper = decl.toUpperCase(Locale.ROOT);
    boolean external = upper.contains("SYSTEM") || upper.contains("PUBLIC");
    if (external && !decl.contains(NETSCAPE_RSS_091)) {
      throw new IngestFailure(IngestErrorKind.UNSAFE_XML, "DOCTYPE with an external DTD refused: "
          + decl.replaceAll("\\s+", " ").substring(0, Math.min(decl.length(), 160)));
    }
    return xml.substring(0, start) + xml.substring(end);
  }

  /**
   * Index of a DOCTYPE in the prolog, or -1. Only the prolog is searched: "&lt;!DOCTYPE" inside CDATA of an item
   * is content, not a declaration.
   */
  private static int doctypeStart(String xml) throws IngestFailure {
    int i = 0;
    int n = xml.length();
    while (i < n) {
      char c = xml.charAt(i);
      if (c == '<') {
        if (xml.startsWith("<?", i)) {
          int e = xml.indexOf("?>", i + 2);
          i = e < 0 ? n : e + 2;
        } else if (xml.startsWith("<!--", i)) {
          int e = xml.indexOf("-->", i + 4);
          i = e < 0 ? n : e + 3;
        } else if (xml.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
          return i;
        } else if (xml.startsWith("<!", i)) {
          throw new IngestFailure(IngestErrorKind.UNSAFE_XML, "markup declaration outside a DOCTYPE refused");
        } else {
          return -1;
        }
      } else {
        i++;
      }
    }
    return -1;
  }

  private static int declarationEnd(String xml, int start) throws IngestFailure {
    boolean inSubset = false;
    char quote = 0;
    for (int i = start; i < xml.length(); i++) {
      char c = xml.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '[') {
        inSubset = true;
      } else if (c == ']') {
        inSubset = false;
      } else if (c == '>' && !inSubset) {
        return i + 1;
      }
    }
    throw new IngestFailure(IngestErrorKind.UNSAFE_XML, "unterminated DOCTYPE refused");
  }
}
