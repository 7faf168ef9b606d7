package io.newssignals.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newssignals.ingest.feed.FeedItem;
import io.newssignals.ingest.feed.FeedParser;
import io.newssignals.ingest.feed.ParsedFeed;
import io.newssignals.schema.IngestErrorKind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeedParserTest {
  private static final URI FEED_URL = URI.create("https://feeds.example.com/path/feed.xml");

  private static ParsedFeed parse(String fixture) throws IngestFailure {
    return FeedParser.parse(Fixtures.bytes(fixture), null, FEED_URL);
  }

  private static ParsedFeed parse(String fixture, String contentType) throws IngestFailure {
    return FeedParser.parse(Fixtures.bytes(fixture), contentType, FEED_URL);
  }

  @ParameterizedTest
  @CsvSource({
      "rss_0.90.xml, rss_0.9, Netscape and AOL complete their merger",
      "rss_0.91.xml, rss_0.91U, Nokia and Siemens merge network units",
      "rss_0.92.xml, rss_0.92, Intel invests in a chip startup",
      "rss_0.94.xml, rss_0.94, Adobe buys Macromedia",
      "rss_1.0-rdf.xml, rss_1.0, SAP buys a process-mining firm",
      "rss_2.0-basic.xml, rss_2.0, Oracle & Nvidia expand cloud pact",
      "atom_0.3.xml, atom_0.3, Google buys Android",
      "atom_1.0-basic.xml, atom_1.0, Apple <3 OpenAI"})
  void shouldParseEveryFeedFormat(String fixture, String type, String firstTitle) throws IngestFailure {
    ParsedFeed feed = parse(fixture);

    assertThat(feed.type()).isEqualTo(type);
    assertThat(feed.items()).isNotEmpty();
    assertThat(feed.items().get(0).title()).isEqualTo(firstTitle);
    if (!type.equals("rss_0.9")) { // RSS 0.90 items have no description
      assertThat(feed.items().get(0).body()).isNotBlank();
    }
    assertThat(feed.items().get(0).link()).startsWith("http");
  }

  @Test
  void shouldPreferContentEncodedOverDescription() throws IngestFailure {
    FeedItem item = parse("rss_2.0-basic.xml").items().get(0);

    assertThat(item.body()).isEqualTo("Oracle and Nvidia said on Monday they would expand their partnership.\n\n"
        + "Shares of Oracle rose 2%.");
    assertThat(item.guid()).isEqualTo("mw-1001");
    assertThat(item.published()).isEqualTo(Instant.parse("2024-03-18T21:05:00Z"));
    assertThat(item.categories()).containsExactly("Cloud");
    assertThat(item.author()).isEqualTo("A. Writer");
  }

  @Test
  void shouldPreferAtomContentOverSummaryAndKeepTextTitlesLiteral() throws IngestFailure {
    ParsedFeed feed = parse("atom_1.0-basic.xml");

    assertThat(feed.items().get(0).body()).isEqualTo("Apple partners with OpenAI.");
    assertThat(feed.items().get(0).published()).isEqualTo(Instant.parse("2024-06-10T19:30:00Z"));
    assertThat(feed.items().get(1).body()).isEqualTo("Just a summary.");
    assertThat(feed.items().get(1).published()).as("updated when there is no published").isEqualTo(
        Instant.parse("2024-06-12T08:00:00Z"));
  }

  @Test
  void shouldParseDatesInOtherFormatsAndOffsets() throws IngestFailure {
    assertThat(parse("rss_2.0-basic.xml").items().get(1).published()).isEqualTo(Instant.parse("2024-03-19T08:00:00Z"));
    assertThat(parse("rss_1.0-rdf.xml").items().get(0).published()).isEqualTo(Instant.parse("2021-01-27T07:30:00Z"));
    assertThat(parse("atom_0.3.xml").items().get(0).published()).isEqualTo(Instant.parse("2005-08-17T10:00:00Z"));
    assertThat(parse("rss_0.94.xml").items().get(0).published()).isEqualTo(Instant.parse("2005-04-18T17:00:00Z"));
  }

  @Test
  void shouldLeaveItemTimeEmptyAndExposeTheFeedTimeWhenTheItemHasNone() throws IngestFailure {
    ParsedFeed feed = parse("rss_2.0-no-item-dates.xml");

    assertThat(feed.items().get(0).published()).isNull();
    assertThat(feed.published()).isEqualTo(Instant.parse("2024-10-02T10:00:00Z"));
  }

  @Test
  void shouldResolveRelativeRssLinksAgainstTheFeedUrl() throws IngestFailure {
    assertThat(parse("rss_2.0-relative-links.xml").items().get(0).link())
        .isEqualTo("https://feeds.example.com/2024/05/story.html#comments");
  }

  @Test
  void shouldResolveRelativeAtomLinksAgainstXmlBase() throws IngestFailure {
    ParsedFeed feed = parse("atom_1.0-relative-links.xml");

    assertThat(feed.items().get(0).link()).isEqualTo("https://base.example.org/blog/posts/2024/relative.html");
    assertThat(feed.link()).isEqualTo("https://base.example.org/blog/");
  }

  @Test
  void shouldUseRdfAboutAsGuidOfRss10ButNotInventGuidsForRss20() throws IngestFailure {
    assertThat(parse("rss_1.0-rdf.xml").items().get(0).guid()).isEqualTo("https://rdfnews.example.org/a/1");
    assertThat(parse("rss_2.0-relative-links.xml").items().get(0).guid()).isNull();
  }

  @Test
  void shouldStripScriptsStylesAndMarkupAndDecodeEntities() throws IngestFailure {
    FeedItem item = parse("rss_2.0-html-body.xml").items().get(0);

    assertThat(item.title()).isEqualTo("Café chain Starbucks & Nestlé deal");
    assertThat(item.body()).isEqualTo("Starbucks & Nestlé extend their coffee alliance.\n\nSecond paragraph\nwith a line break.");
    assertThat(item.body()).doesNotContain("alert", "color", "<", "tracking", "enable js");
  }

  @Test
  void shouldDecodeEscapedHtmlDescriptions() throws IngestFailure {
    assertThat(parse("rss_2.0-basic.xml").items().get(1).body()).isEqualTo("Escaped HTML in a description & an entity.");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "encoding-iso-8859-1.xml|Crédit Agricole acquiert|Déjà vu.",
      "encoding-utf-16-bom.xml|日本語 SoftBank 投資|Body é.",
      "encoding-utf-8-bom.xml|Samsung – BOM|Körper.",
      "encoding-windows-1252-declared-utf-8.xml|Société Générale “wins” €2bn deal|Café – naïve résumé.",
      "encoding-utf-8-declared-iso-8859-1.xml|Münchener Rück – Übernahme|Größte Übernahme.",
      "encoding-utf-8-with-stray-windows-1252-bytes.xml|Nestlé CEO’s “plan”|Zürich – café € 5m"})
  void shouldYieldReadableTextWhateverTheEncoding(String fixture, String title, String body) throws IngestFailure {
    FeedItem item = parse(fixture).items().get(0);

    assertThat(item.title()).isEqualTo(title);
    assertThat(item.body()).isEqualTo(body);
  }

  @Test
  void shouldHonourTheHttpCharsetOverTheXmlProlog() throws IngestFailure {
    // the server says windows-1252, the prolog says UTF-8, the bytes are windows-1252
    FeedItem item = parse("encoding-windows-1252-declared-utf-8.xml", "application/rss+xml; charset=windows-1252")
        .items().get(0);

    assertThat(item.title()).isEqualTo("Société Générale “wins” €2bn deal");
  }

  @Test
  void shouldKeepTheNetscapeRss091DoctypeWorking() throws IngestFailure {
    assertThat(parse("rss_0.91.xml").items()).hasSize(1);
  }

  @Test
  void shouldRefuseExternalEntitiesWithoutReadingLocalFiles() {
    assertThatThrownBy(() -> parse("xxe-external-entity.xml"))
        .isInstanceOfSatisfying(IngestFailure.class, f -> assertThat(f.kind()).isEqualTo(IngestErrorKind.UNSAFE_XML))
        .hasMessageNotContaining("root:");
    assertThatThrownBy(() -> parse("xxe-external-dtd.xml"))
        .isInstanceOfSatisfying(IngestFailure.class, f -> assertThat(f.kind()).isEqualTo(IngestErrorKind.UNSAFE_XML));
  }

  @Test
  void shouldRefuseBillionLaughsWithoutExpandingEntities() {
    Runtime rt = Runtime.getRuntime();
    long before = rt.totalMemory() - rt.freeMemory();

    assertThatThrownBy(() -> parse("billion-laughs.xml"))
        .isInstanceOfSatisfying(IngestFailure.class, f -> assertThat(f.kind()).isEqualTo(IngestErrorKind.UNSAFE_XML));
    // 10^9 "lol"s would need gigabytes; refusing before parsing allocates next to nothing
    assertThat(rt.totalMemory() - rt.freeMemory() - before).isLessThan(256L * 1024 * 1024);
  }

  @Test
  void shouldRefuseAnInternalSubsetHiddenAfterComments() {
    String xml = "<?xml version=\"1.0\"?><!-- hi --><!DOCTYPE rss [<!ENTITY a \"b\">]><rss version=\"2.0\"><channel>"
        + "<title>&a;</title></channel></rss>";

    assertThatThrownBy(() -> FeedParser.parse(xml.getBytes(StandardCharsets.UTF_8), null, FEED_URL))
        .isInstanceOfSatisfying(IngestFailure.class, f -> assertThat(f.kind()).isEqualTo(IngestErrorKind.UNSAFE_XML));
  }

  @Test
  void shouldNotMistakeADoctypeInsideItemContentForADeclaration() throws IngestFailure {
    String xml = "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>T</title><item><title>x</title>"
        + "<link>https://e.example/1</link><description><![CDATA[<!DOCTYPE html><p>Hello</p>]]></description></item>"
        + "</channel></rss>";

    assertThat(FeedParser.parse(xml.getBytes(StandardCharsets.UTF_8), null, FEED_URL).items().get(0).body())
        .isEqualTo("Hello");
  }

  @ParameterizedTest
  @CsvSource({"malformed-unclosed-tags.xml", "not-a-feed.xml"})
  void shouldReportMalformedDocuments(String fixture) {
    assertThatThrownBy(() -> parse(fixture))
        .isInstanceOfSatisfying(IngestFailure.class, f -> assertThat(f.kind()).isEqualTo(IngestErrorKind.MALFORMED));
  }

  @Test
  void shouldReportAnEmptyBodyAsMalformed() {
    assertThatThrownBy(() -> FeedParser.parse(new byte[0], "text/xml", FEED_URL))
        .isInstanceOfSatisfying(IngestFailure.class, f -> assertThat(f.kind()).isEqualTo(IngestErrorKind.MALFORMED));
  }
}
