package io.newssignals.enrich;

import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Generated worst-case article bodies of every kind the detectors met in the wild (digits, percent lists, deal words
 * without punctuation, thousands of names, nested clauses, unicode, abbreviations), shared by the robustness test
 * and the worst-case benchmark so that both measure the same text.
 */
public final class WorstCases {
  /** The sizes measured: 5 KB to 200 KB (the extraction caps the text at 32 KiB; longer text is cut and flagged). */
  public static final int[] SIZES = {5_000, 40_000, 200_000};

  private static final List<BiFunction<Random, Integer, String>> KINDS = List.of(
      (r, i) -> String.valueOf(r.nextInt(10)),
      (r, i) -> r.nextInt(100) + "." + r.nextInt(10) + "% ",
      (r, i) -> r.nextInt(1000) + " pct, ",
      (r, i) -> "rose fell up down " + r.nextInt(50) + " percent ",
      (r, i) -> "Microsoft acquire partnership invest stake joint venture OpenAI Oracle ",
      (r, i) -> "Acme" + i + " Corp, ",
      (r, i) -> "which said that, " + (i % 2 == 0 ? "(" : ")") + " who ",
      (r, i) -> "\u00e9\u4e2d\uD83D\uDE00 $" + r.nextInt(999) + " billion ",
      (r, i) -> "Shares of Globex were up " + r.nextInt(99) + " pct but Initech's were ",
      (r, i) -> "The A. B. C. Inc. Co. Ltd. ");

  private WorstCases() { }

  /** How many kinds there are. */
  public static int kinds() {
    return KINDS.size();
  }

  /** A body of kind {@code kind} of about {@code size} characters, the same text on every call. */
  public static String body(int kind, int size) {
    Random r = new Random(1987L * 31 + kind * 7919L + size);
    StringBuilder b = new StringBuilder(size + 100);
    for (int i = 0; b.length() < size; i++) {
      b.append(KINDS.get(kind).apply(r, i));
    }
    return b.toString();
  }
}
