package io.newssignals.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.ingest.feed.HtmlText;
import org.junit.jupiter.api.Test;

class HtmlTextTest {
  @Test
  void shouldSeparateBlocksAndDropNonText() {
    String html = "<h2>Head</h2><ul><li>one</li><li>two &amp; three</li></ul><script>var x = '<p>';</script>"
        + "<style>p{}</style><table><tr><td>a</td><td>b</td></tr></table><iframe src=x>frame</iframe>";

    assertThat(HtmlText.toPlainText(html)).isEqualTo("Head\n\none\n\ntwo & three\n\na b");
  }

  @Test
  void shouldDecodeNamedAndNumericEntities() {
    assertThat(HtmlText.toPlainText("Caf&eacute; &#8220;quoted&#8221; &lt;tag&gt; &euro;5")).isEqualTo("Café “quoted” <tag> €5");
  }

  @Test
  void shouldCollapseWhitespaceAndNonBreakingSpaces() {
    assertThat(HtmlText.toPlainText("  a\n\t b&nbsp;&nbsp;c  ")).isEqualTo("a b c");
  }

  @Test
  void shouldNormalisePlainTextKeepingParagraphs() {
    assertThat(HtmlText.normalise("one  two\r\n\r\nthree")).isEqualTo("one two\n\nthree");
  }

  @Test
  void shouldGiveEmptyTextForNothing() {
    assertThat(HtmlText.toPlainText(null)).isEmpty();
    assertThat(HtmlText.toPlainText("<p> </p>")).isEmpty();
  }
}
