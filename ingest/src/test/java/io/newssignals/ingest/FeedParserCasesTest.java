package io.newssignals.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newssignals.ingest.feed.FeedItem;
import io.newssignals.ingest.feed.FeedParser;
import io.newssignals.ingest.feed.ParsedFeed;
import io.newssignals.schema.IngestErrorKind;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 12, problem 5: one fixture feed per normalisation or leniency case, named by the case, with the title, link
 * and text a feed reader shows.
 */
class FeedParserCasesTest {
  private static final URI FEED_URL = URI.create("https://feeds.example.com/path/feed.xml");

  private static ParsedFeed parse(String fixture) throws IngestFailure {
    return FeedParser.parse(Fixtures.bytes(fixture), null, FEED_URL);
  }

  private static ParsedFeed parse(String xml, boolean inline) throws IngestFailure {
    return FeedParser.parse(xml.getBytes(StandardCharsets.UTF_8), null, FEED_URL);
  }

  @ParameterizedTest(name = "{0} item {1}")
  @CsvSource(delimiter = '|', value = {
      // smart quotes: windows-1252 bytes, C1 character references, windows-1252 bytes declared ISO-8859-1
      "rss_2.0-windows-1252-smart-quotes.xml|0|Investors don’t expect a “deal”|https://quotes.example.com/1|It’s the CEO’s call – €5m.",
      "rss_2.0-windows-1252-smart-quotes.xml|1|Regulators don’t object|https://quotes.example.com/2|A “quiet” approval…",
      "rss_2.0-iso-8859-1-smart-quotes.xml|0|Bayer doesn’t “pause”|https://latin.example.com/1|Café – don’t.",
      // Atom mode="base64": title, summary and content decoded, in Atom 0.3 and 1.0
      "atom_0.3-base64-content.xml|0|Yahoo buys Flickr|https://b64.example.net/2005/08/1|Yahoo has acquired Flickr, the photo-sharing site, for an undisclosed sum. The deal closed on Friday and the team moves to Sunnyvale.",
      "atom_0.3-base64-content.xml|1|Nokia & Intel team up|https://b64.example.net/2005/08/2|Nokia and Intel said they would cooperate on mobile chips.",
      "atom_0.3-base64-whitespace.xml|0|Adobe buys Figma|https://b64ws.example.net/2022/09/figma|Adobe agreed to buy Figma for $20 billion.",
      "atom_1.0-base64-content.xml|0|Cisco to buy Splunk|https://b64one.example.org/1|Cisco agreed to buy Splunk for $28 billion.",
      // text that looks like a DOCTYPE
      "rss_2.0-description-looks-like-doctype.xml|0|Escaped doctype in a description|https://doctype.example.com/1|Siemens buys Altair.",
      "rss_2.0-description-looks-like-doctype.xml|1|Doctype-like text|https://doctype.example.com/2|<!DOCTYPE a",
      "rss_2.0-description-unescaped-doctype.xml|0|Pasted page|https://rawdoctype.example.com/1|Nokia buys Infinera.",
      // dc:title / dc:description fallbacks, xhtml:body, every content:encoded variant
      "rss_2.0-dc-title-description.xml|0|Unilever sells its tea unit|https://dc.example.com/1|Unilever agreed to sell Ekaterra to CVC.",
      "rss_1.0-dc-title-description.xml|0|Bosch buys a sensor maker|https://dcrdf.example.org/a/1|Bosch agreed to buy the sensor maker.",
      "rss_2.0-xhtml-body.xml|0|Philips and Signify renew licence|https://xhtml.example.com/1|Philips and Signify renewed their brand licence.\\n\\nSecond paragraph.",
      "rss_2.0-xhtml-body.xml|1|Default-namespace body|https://xhtml.example.com/2|Body in the XHTML default namespace.",
      "rss_2.0-content-encoded-full-item.xml|0|Only content:encoded|https://full.example.com/1|Vodafone and Three complete their merger.",
      "rss_2.0-content-encoded-full-item.xml|1|content:encoded as markup|https://full.example.com/2|Markup not escaped: BT sells a stake.",
      "rss_2.0-content-encoded-full-item.xml|2|Escaped content:encoded|https://full.example.com/3|Escaped full text is longer than the short description.",
      // a malformed character reference does not reject the feed
      "rss_2.0-malformed-character-reference.xml|0|Broken &#x reference|https://charref.example.com/1|Ericsson buys Vonage &#x; &#; &#xZZ; fine.",
      "rss_2.0-malformed-character-reference.xml|1|Good item ’ ok|https://charref.example.com/2|Still readable.",
      // lenient fallback: unescaped & and <, an unclosed <br> and <b>, no closing </rss>
      "rss_2.0-malformed-recoverable.xml|0|AT&T and Verizon settle|https://sloppy.example.com/1?a=1&b=2|Body with a stray < sign and an unclosed bold.",
      "rss_2.0-malformed-recoverable.xml|1|Second item|https://sloppy.example.com/2|Second body."})
  void shouldGiveTheTitleLinkAndTextAFeedReaderShows(String fixture, int index, String title, String link, String body)
      throws IngestFailure {
    FeedItem item = parse(fixture).items().get(index);

    assertThat(item.title()).isEqualTo(title);
    assertThat(item.link()).isEqualTo(link);
    assertThat(item.body()).isEqualTo(body.replace("\\n", "\n"));
  }

  @Test
  void shouldNeverDeleteSmartQuotesWhenRepairingEncodings() throws IngestFailure {
    // regression: "don’t" became "dont" (the C1 control of &#146; / ISO-8859-1 0x92 was dropped)
    for (FeedItem item : parse("rss_2.0-windows-1252-smart-quotes.xml").items()) {
      assertThat(item.title()).contains("don’t").doesNotContain("dont");
      assertThat(item.title() + item.body()).doesNotContainPattern("[\\u0080-\\u009f]");
    }
  }

  @Test
  void shouldReadAtom03Base64WithWhitespaceWithoutIndexOutOfBounds() throws IngestFailure {
    // regression: Rome's base64 decoder failed with "Index 19 out of bounds for length 19" on wrapped base64
    ParsedFeed feed = parse("atom_0.3-base64-whitespace.xml");

    assertThat(feed.type()).isEqualTo("atom_0.3");
    assertThat(feed.malformed()).as("a well-formed feed is not reported malformed").isNull();
  }

  @Test
  void shouldNotThrowOnDescriptionsThatLookLikeADoctype() throws IngestFailure {
    // regression: a DOCTYPE-looking description ended in a NullPointerException (eChannel is null)
    assertThat(parse("rss_2.0-description-looks-like-doctype.xml").items()).hasSize(2);
    assertThat(parse("rss_2.0-description-unescaped-doctype.xml").items()).hasSize(1);
  }

  @Test
  void shouldAcceptMalformedCharacterReferencesWithoutReportingTheFeedMalformed() throws IngestFailure {
    ParsedFeed feed = parse("rss_2.0-malformed-character-reference.xml");

    assertThat(feed.items()).hasSize(2);
    assertThat(feed.malformed()).isNull();
  }

  @Test
  void shouldRecoverTheReadableItemsOfAMalformedFeedAndSayWhy() throws IngestFailure {
    ParsedFeed feed = parse("rss_2.0-malformed-recoverable.xml");

    assertThat(feed.malformed()).startsWith("malformed XML at line");
    assertThat(feed.type()).isEqualTo("rss_2.0");
    assertThat(feed.title()).isEqualTo("Sloppy Feed");
    assertThat(feed.items()).extracting(FeedItem::title).containsExactly("AT&T and Verizon settle", "Second item");
    assertThat(feed.items().get(0).published()).isNotNull();
  }

  @Test
  void shouldNotReportAWellFormedFeedMalformed() throws IngestFailure {
    assertThat(parse("rss_2.0-basic.xml").malformed()).isNull();
  }

  @Test
  void shouldStillRejectWhatNoReaderCouldRead() {
    // an item cut off in its title, a web page, a document without items
    for (String fixture : new String[] {"malformed-unclosed-tags.xml", "not-a-feed.xml"}) {
      assertThatThrownBy(() -> parse(fixture)).isInstanceOfSatisfying(IngestFailure.class,
          f -> assertThat(f.kind()).isEqualTo(IngestErrorKind.MALFORMED));
    }
    assertThatThrownBy(() -> parse("<rss version=\"2.0\"><channel><title>cut off", true))
        .isInstanceOfSatisfying(IngestFailure.class, f -> assertThat(f.kind()).isEqualTo(IngestErrorKind.MALFORMED));
  }

  @Test
  void shouldRefuseEntityDeclarationsInMalformedFeedsToo() {
    // the lenient path reads only what passed the DOCTYPE guard: a malformed feed with an entity is still refused
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\">"
        + "<channel><item><title>&x; & unclosed <b></title><link>https://e.example/1</link></item></channel>";

    assertThatThrownBy(() -> parse(xml, true)).isInstanceOfSatisfying(IngestFailure.class,
        f -> assertThat(f.kind()).isEqualTo(IngestErrorKind.UNSAFE_XML));
    assertThatThrownBy(() -> parse("billion-laughs.xml")).isInstanceOfSatisfying(IngestFailure.class,
        f -> assertThat(f.kind()).isEqualTo(IngestErrorKind.UNSAFE_XML));
  }

  @Test
  void shouldNotExpandEntitiesDeclaredAfterTheRootInTheLenientPath() throws IngestFailure {
    // a DOCTYPE after the root element is not in the prolog, so strict parsing fails and the lenient reader runs:
    // it must neither read the file nor expand anything
    String xml = "<rss version=\"2.0\"><channel><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
        + "<item><title>T &e;</title><link>https://e.example/1</link><description>body</description></item>"
        + "</channel></rss>";

    ParsedFeed feed = parse(xml, true);

    assertThat(feed.malformed()).isNotNull();
    assertThat(feed.items().get(0).title()).doesNotContain("root:");
    assertThat(feed.items().get(0).body()).isEqualTo("body");
  }
}
