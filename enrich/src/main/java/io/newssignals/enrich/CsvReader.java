package io.newssignals.enrich;

import java.util.ArrayList;
import java.util.List;

/** A small RFC 4180 CSV reader: quoted fields, doubled quotes, CRLF or LF line ends, newlines inside quotes. */
final class CsvReader {
  private CsvReader() {}

  /** Parses the whole text into rows of fields. Blank lines are skipped. */
  static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean fieldStarted = false;
    int i = 0;
    int n = text.length();
    if (n > 0 && text.charAt(0) == '\uFEFF') {
      i = 1; // byte-order mark
    }
    for (; i < n; i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < n && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"' && field.length() == 0) {
        quoted = true;
        fieldStarted = true;
      } else if (c == ',') {
        row.add(field.toString());
        field.setLength(0);
        fieldStarted = true;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
          i++;
        }
        endRow(rows, row, field, fieldStarted);
        row = new ArrayList<>();
        field.setLength(0);
        fieldStarted = false;
      } else {
        field.append(c);
        fieldStarted = true;
      }
    }
    endRow(rows, row, field, fieldStarted);
    return rows;
  }

  private static void endRow(List<List<String>> rows, List<String> row, StringBuilder field, boolean started) {
    if (!started && row.isEmpty() && field.length() == 0) {
      return;
    }
    row.add(field.toString());
    rows.add(row);
  }
}
