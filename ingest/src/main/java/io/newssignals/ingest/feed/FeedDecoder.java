package io.newssignals.ingest.feed;

import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Turns feed bytes into text. The charset is chosen the way Rome's lenient {@code XmlReader(InputStream,
 * contentType, true)} does (BOM, then HTTP charset versus XML prolog, with the RFC 3023 rules relaxed), then two
 * common mis-declarations are repaired: bytes that are not valid UTF-8 although UTF-8 was declared are read as
 * windows-1252 (byte by byte, so valid UTF-8 around them survives), and valid multi-byte UTF-8 declared as
 * ISO-8859-1/windows-1252 is read as UTF-8.
 */
public final class FeedDecoder {
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
  private static final char[] WINDOWS_1252_CHARS = new char[256];

  static {
    byte[] all = new byte[256];
    for (int i = 0; i < 256; i++) {
      all[i] = (byte) i;
    }
    // the five bytes windows-1252 leaves undefined decode to U+FFFD; keep them as the C1 control they would be
    String decoded = new String(all, WINDOWS_1252);
    for (int i = 0; i < 256; i++) {
      char ch = decoded.charAt(i);
      WINDOWS_1252_CHARS[i] = ch == '\uFFFD' ? (char) i : ch;
    }
  }

  private FeedDecoder() {}

  /**
   * The windows-1252 character a C1 control (U+0080 to U+009F) stands for: feeds write smart quotes as {@code &#146;}
   * or declare ISO-8859-1 for windows-1252 bytes, and deleting the control would turn "don’t" into "dont". Any other
   * character, and the five controls windows-1252 leaves undefined, are returned unchanged.
   */
  static char windows1252ForC1(char c) {
    return c >= 0x80 && c <= 0x9F ? WINDOWS_1252_CHARS[c] : c;
  }

  /** The decoded document and the charset finally used. */
  public record Decoded(String text, String charset) {}

  public static Decoded decode(byte[] body, String contentType) {
    String declared;
    try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body), contentType, true)) {
      declared = reader.getEncoding();
    } catch (IOException e) {
      declared = "UTF-8";
    }
    Charset charset;
    try {
      charset = Charset.forName(declared);
    } catch (RuntimeException e) {
      charset = StandardCharsets.UTF_8;
    }
    int offset = bomLength(body, charset);
    String name = charset.name().toUpperCase(Locale.ROOT);
    if (charset.equals(StandardCharsets.UTF_8)) {
      String strict = strict(body, offset, StandardCharsets.UTF_8);
      if (strict != null) {
        return new Decoded(strict, "UTF-8");
      }
      return new Decoded(utf8WithWindows1252Fallback(body, offset), "UTF-8 (invalid bytes as windows-1252)");
    }
    if (name.equals("ISO-8859-1") || name.equals("WINDOWS-1252") || name.equals("US-ASCII")) {
      if (hasNonAscii(body)) {
        String utf8 = strict(body, offset, StandardCharsets.UTF_8);
        if (utf8 != null) {
          return new Decoded(utf8, "UTF-8");
        }
      }
      // windows-1252 is a superset of the printable ISO-8859-1 range and what mislabelled Latin-1 really is
      return new Decoded(new String(body, offset, body.length - offset, WINDOWS_1252), "windows-1252");
    }
    return new Decoded(new String(body, offset, body.length - offset, charset), charset.name());
  }

  /**
   * UTF-8, except that each byte that does not start a valid UTF-8 sequence is read as windows-1252: a feed that is
   * mostly UTF-8 with a few pasted cp1252 quotes keeps both its accents and its quotes.
   */
  static String utf8WithWindows1252Fallback(byte[] b, int offset) {
    StringBuilder sb = new StringBuilder(b.length - offset);
    int i = offset;
    while (i < b.length) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        sb.append((char) c);
        i++;
        continue;
      }
      int len = utf8SequenceLength(b, i);
      if (len > 0) {
        sb.append(new String(b, i, len, StandardCharsets.UTF_8));
        i += len;
      } else {
        sb.append(WINDOWS_1252_CHARS[c]);
        i++;
      }
    }
    return sb.toString();
  }

  /** Length of the valid UTF-8 sequence starting at {@code i}, or 0 when it is not one (RFC 3629 ranges). */
  private static int utf8SequenceLength(byte[] b, int i) {
    int c = b[i] & 0xff;
    int len;
    int lo = 0x80;
    int hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) {
        lo = 0xA0;
      } else if (c == 0xED) {
        hi = 0x9F;
      }
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) {
        lo = 0x90;
      } else if (c == 0xF4) {
        hi = 0x8F;
      }
    } else {
      return 0;
    }
    if (i + len > b.length) {
      return 0;
    }
    int second = b[i + 1] & 0xff;
    if (second < lo || second > hi) {
      return 0;
    }
    for (int k = 2; k < len; k++) {
      int cont = b[i + k] & 0xff;
      if (cont < 0x80 || cont > 0xBF) {
        return 0;
      }
    }
    return len;
  }

  private static String strict(byte[] body, int offset, Charset cs) {
    try {
      return cs.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body, offset, body.length - offset))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static boolean hasNonAscii(byte[] body) {
    for (byte b : body) {
      if (b < 0) {
        return true;
      }
    }
    return false;
  }

  private static int bomLength(byte[] b, Charset cs) {
    if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
      return cs.equals(StandardCharsets.UTF_8) ? 3 : 0;
    }
    if (b.length >= 2 && ((b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF || (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE)) {
      String n = cs.name().toUpperCase(Locale.ROOT);
      // UTF-16 consumes its own BOM; the explicit-endian forms do not
      return n.equals("UTF-16BE") || n.equals("UTF-16LE") ? 2 : 0;
    }
    return 0;
  }
}
