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
 * windows-1252, and valid multi-byte UTF-8 declared as ISO-8859-1/windows-1252 is read as UTF-8.
 */
public final class FeedDecoder {
  private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  private FeedDecoder() {}

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
      return new Decoded(new String(body, offset, body.length - offset, WINDOWS_1252), "windows-1252");
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
