package io.newssignals.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.contract.ArticleJson;
import io.newssignals.schema.Article;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class FeedsCommandTest {
  record Run(int exit, String out, String err) {
    List<String> lines() {
      return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
  }

  static Run check(String target) {
    FeedsCommand.Check check = new FeedsCommand.Check();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    check.out = new PrintStream(out, true, StandardCharsets.UTF_8);
    check.err = new PrintStream(err, true, StandardCharsets.UTF_8);
    int exit = new CommandLine(check).execute(target);
    return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static Stream<Path> feedFiles() throws IOException, URISyntaxException {
    Path fixtures = Path.of(FeedsCommandTest.class.getClassLoader().getResource("feeds").toURI());
    Path samples = Path.of(FeedsCommandTest.class.getClassLoader().getResource("samples").toURI());
    return Stream.concat(Files.list(fixtures), Files.list(samples)).filter(p -> p.toString().endsWith(".xml")).sorted();
  }

  private static boolean unreadable(Path p) {
    String n = p.getFileName().toString();
    return n.startsWith("xxe-") || n.startsWith("billion-") || n.startsWith("malformed-") || n.startsWith("not-a-feed");
  }

  @ParameterizedTest
  @MethodSource("feedFiles")
  void shouldCheckEveryFixtureFeed(Path feed) throws IOException {
    Run run = check(feed.toString());

    if (unreadable(feed)) {
      assertThat(run.exit()).isEqualTo(1);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).startsWith("feeds check: cannot read");
      return;
    }
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.lines()).isNotEmpty();
    for (String line : run.lines()) {
      Article a = ArticleJson.read(line);
      assertThat(a.getId()).isNotBlank();
      assertThat(a.getSource()).isNotBlank();
      assertThat(a.getTitle()).isNotBlank();
      assertThat(a.getBody()).doesNotContain("<p>", "<script", "&amp;");
      assertThat(ArticleJson.MAPPER.readTree(line).fieldNames()).toIterable()
          .containsExactly("id", "source", "url", "title", "body", "published");
    }
    assertThat(run.err()).contains(run.lines().size() + " articles");
  }

  @Test
  void shouldPrintTheSampleStoriesAsArticleJsonLines() throws Exception {
    Path sample = Path.of(FeedsCommandTest.class.getClassLoader().getResource("samples/techledger.atom.xml").toURI());

    Run run = check(sample.toString());

    assertThat(run.lines()).hasSize(3);
    Article first = ArticleJson.read(run.lines().get(0));
    assertThat(first.getId()).isEqualTo("urn:news-signals:sample:dev-06");
    assertThat(first.getSource()).isEqualTo("TechLedger");
    assertThat(first.getTitle()).isEqualTo("Amazon to invest up to $4 billion in Anthropic");
    assertThat(first.getBody()).startsWith("Amazon will invest up to $4 billion in Anthropic");
    assertThat(run.lines().get(0)).contains("\"published\":\"2023-09-25T12:00:00Z\"");
  }

  @Test
  void shouldFetchOverHttp() throws IOException {
    try (TestFeedServer server = new TestFeedServer()) {
      server.serveWithEtag("/feed", Fixtures.bytes("rss_2.0-basic.xml"), "\"x\"");

      Run run = check(server.uri("/feed").toString());

      assertThat(run.exit()).isZero();
      assertThat(run.lines()).hasSize(2);
    }
  }

  @Test
  void shouldExitNonZeroWithAClearMessageForAMissingFile() {
    Run run = check("/no/such/feed.xml");

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.err()).contains("no such file");
  }
}
