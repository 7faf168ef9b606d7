package io.newssignals.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.schema.EntityType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exchange inside a ticker's brackets is not a company of the article. */
class ExchangeNamesTest {

  private static Tagging.Mention mention(String text, String name, TaggedEntity e, int from) {
    int at = text.indexOf(name, from);
    e.addSpan(at, at + name.length());
    return new Tagging.Mention(at, at + name.length(), e);
  }

  @Test
  void shouldDropAnExchangeNamedOnlyInsideTickerBracketsAndKeepItsOtherMentions() {
    String body = "Globex preferred shares (B3: GLBX4) closed up 0.7%. Initech (Euronext Paris: INTC) rose."
        + " Euronext said volumes were high.";
    Document doc = Document.of("", body);
    String text = doc.text();
    TaggedEntity globex = new TaggedEntity(null, "Globex", EntityType.ORG, null, null, null, null, false);
    TaggedEntity b3 = new TaggedEntity(null, "B3", EntityType.ORG, null, null, null, null, false);
    TaggedEntity initech = new TaggedEntity(null, "Initech", EntityType.ORG, null, null, null, null, false);
    TaggedEntity euronext = new TaggedEntity(null, "Euronext", EntityType.ORG, null, null, null, null, false);
    List<Tagging.Mention> ms = List.of(mention(text, "Globex", globex, 0), mention(text, "B3", b3, 0),
        mention(text, "Initech", initech, 0), mention(text, "Euronext", euronext, 0),
        mention(text, "Euronext", euronext, text.indexOf("Euronext said")));
    Tagging out = ExchangeNames.drop(new Tagging(doc, List.of(globex, b3, initech, euronext), ms));
    assertThat(out.entities()).extracting(TaggedEntity::name).containsExactly("Globex", "Initech", "Euronext");
    assertThat(out.mentions()).extracting(m -> text.substring(m.start(), m.end()))
        .containsExactly("Globex", "Initech", "Euronext");
    assertThat(out.mentions().get(2).start()).isEqualTo(text.indexOf("Euronext said"));
  }

  @Test
  void shouldDropAnExchangeNamedAsWhereACompanyIsListed() {
    String body = "Globex signed a partnership with Fotonova, a Turin company listed on Euronext Growth Milan.";
    Document doc = Document.of("", body);
    String text = doc.text();
    TaggedEntity globex = new TaggedEntity(null, "Globex", EntityType.ORG, null, null, null, null, false);
    TaggedEntity fotonova = new TaggedEntity(null, "Fotonova", EntityType.ORG, null, null, null, null, false);
    TaggedEntity euronext = new TaggedEntity(null, "Euronext", EntityType.ORG, null, null, null, null, false);
    List<Tagging.Mention> ms = List.of(mention(text, "Globex", globex, 0), mention(text, "Fotonova", fotonova, 0),
        mention(text, "Euronext", euronext, 0));
    Tagging out = ExchangeNames.drop(new Tagging(doc, List.of(globex, fotonova, euronext), ms));
    assertThat(out.entities()).extracting(TaggedEntity::name).containsExactly("Globex", "Fotonova");
  }

  @Test
  void shouldDropACompanyNameThatIsPartOfAnIndexName() {
    String body = "The Dow Jones Industrial Average fell 0.3% but Globex rose 2.1%.";
    Document doc = Document.of("", body);
    String text = doc.text();
    TaggedEntity dj = new TaggedEntity(null, "Dow Jones", EntityType.ORG, null, null, null, null, false);
    TaggedEntity globex = new TaggedEntity(null, "Globex", EntityType.ORG, null, null, null, null, false);
    Tagging out = ExchangeNames.drop(new Tagging(doc, List.of(dj, globex), List.of(mention(text, "Dow Jones", dj, 0),
        mention(text, "Globex", globex, 0))));
    assertThat(out.entities()).extracting(TaggedEntity::name).containsExactly("Globex");
  }
}
