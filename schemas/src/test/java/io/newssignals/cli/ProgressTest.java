package io.newssignals.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  private String written() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void shouldShowCountPercentRateAndTimeLeft() {
    Progress p = new Progress(err, "extract", "articles", 1_000, nanos::get);
    nanos.addAndGet(2_000_000_000L);
    p.advanceTo(200);

    assertThat(p.line(nanos.get())).isEqualTo("extract: 200/1,000 articles (20%), 100/s, about 8 s left");
    assertThat(written()).startsWith("\rextract: 200/1,000 articles (20%)");
  }

  @Test
  void shouldShowOnlyCountAndRateWhenTheTotalIsUnknown() {
    Progress p = new Progress(err, "extract", "articles", -1, nanos::get);
    nanos.addAndGet(4_000_000_000L);
    p.advanceTo(40);

    assertThat(p.line(nanos.get())).isEqualTo("extract: 40 articles, 10/s");
  }

  @Test
  void shouldRedrawAtMostFiveTimesASecond() {
    Progress p = new Progress(err, "backtest", "articles", 100, nanos::get);
    for (int i = 0; i < 50; i++) {
      p.step(); // no time passes: only the first step draws
    }
    nanos.addAndGet(250_000_000L);
    p.step();

    assertThat(written().chars().filter(c -> c == '\r').count()).isEqualTo(2);
    assertThat(written()).endsWith("backtest: 51/100 articles (51%)");
  }

  @Test
  void shouldEraseItsLineWhenClosed() {
    Progress p = new Progress(err, "extract", "articles", 10, nanos::get);
    p.step();
    p.close();

    String out = written();
    assertThat(out).endsWith("\r" + " ".repeat("extract: 1/10 articles (10%)".length()) + "\r");
  }

  @Test
  void shouldWriteNothingWhenStandardErrorIsNotATerminal() {
    System.clearProperty(Progress.TERMINAL_PROPERTY);
    PrintStream stderr = System.err;
    System.setErr(err);
    try (Progress p = Progress.start("extract", "articles", 10)) {
      p.step();
      p.phase("latency");
    } finally {
      System.setErr(stderr);
    }
    assertThat(written()).isEmpty();
  }
}
