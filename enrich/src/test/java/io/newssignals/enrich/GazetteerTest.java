package io.newssignals.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newssignals.schema.EnrichedArticle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GazetteerTest {

  @TempDir
  Path dir;

  @Test
  void shouldReadQuotedCellsListsAndFlags() {
    Gazetteer g = Gazetteer.builder().add("orgs", "id,name,aliases,short_forms,ticker,exchange,country,category,"
        + "ambiguous\r\norg:acme,Acme,\"Acme, Inc.|Acme \"\"Rockets\"\"\",AC,ACME,NYSE,US,company,true\r\n").build();
    Gazetteer.Org o = g.orgs().get(0);
    assertThat(o.aliases()).containsExactly("Acme, Inc.", "Acme \"Rockets\"");
    assertThat(o.shortForms()).containsExactly("AC");
    assertThat(o.ambiguous()).isTrue();
    assertThat(o.usListed()).isTrue();
  }

  @Test
  void shouldLetALaterFileOverrideAnEntryWithTheSameIdAndAddNewOnes() throws Exception {
    Path extra = dir.resolve("operator-orgs.csv");
    Files.writeString(extra, "id,name,aliases,short_forms,ticker,exchange,country,category,ambiguous\n"
        + "org:initech,Initech Systems,Initech,,INTC2,NASDAQ,US,company,false\n"
        + "org:zephyr,Zephyr Dynamics,,,,,US,startup,false\n");
    Gazetteer g = Gazetteer.builder().add("base", TestGazetteerCsv.ORGS).addFile(extra).build();
    assertThat(g.orgNamed("Initech Systems").ticker()).isEqualTo("INTC2");
    assertThat(g.orgNamed("Initech")).isNull();
    EnrichedArticle e = EnrichmentPipeline.withGazetteer(g).enrich(Articles.article("g-1", "x",
        "Zephyr Dynamics hired staff and Initech grew."));
    assertThat(Articles.names(e)).contains("Zephyr Dynamics", "Initech Systems");
  }

  @Test
  void shouldRejectAFileWithoutIdAndNameColumns() {
    assertThatThrownBy(() -> Gazetteer.builder().add("bad.csv", "x,y\n1,2\n"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad.csv");
  }

  @Test
  void shouldLoadTheBundledGazetteer() {
    Gazetteer g = Gazetteer.bundled();
    assertThat(g.orgs()).hasSizeGreaterThan(1500);
    assertThat(g.people()).hasSizeGreaterThan(300);
    assertThat(g.products()).isNotEmpty();
    assertThat(List.of("Microsoft", "Nvidia", "Deutsche Telekom")).allSatisfy(n -> assertThat(g.orgNamed(n)).isNotNull());
  }

  /** A tiny base file for the override test. */
  static final class TestGazetteerCsv {
    static final String ORGS = "id,name,aliases,short_forms,ticker,exchange,country,category,ambiguous\n"
        + "org:initech,Initech,,,,,US,startup,false\n";
  }
}
