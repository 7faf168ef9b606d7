package io.newssignals.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The capitalised runs the organisation model reads, and what it is told about each. */
class OrgCandidatesTest {

  private static final EntityTagger RULES = new EntityTagger(new GazetteerMatcher(TestGazetteer.load()));

  private static List<OrgCandidates.Candidate> of(String body, Set<String> common) {
    return OrgCandidates.of(RULES.tag(Document.of("x", body)), common);
  }

  private static OrgCandidates.Candidate named(List<OrgCandidates.Candidate> cs, String text) {
    return cs.stream().filter(c -> c.text().equals(text)).findFirst().orElseThrow(
        () -> new AssertionError(text + " not among " + cs.stream().map(OrgCandidates.Candidate::text).toList()));
  }

  @Test
  void shouldSplitAListOfTwoNamesAtAndButKeepAnAmpersandName() {
    List<OrgCandidates.Candidate> cs = of("Tamberlo Quilts and Pernwick Lumen are forming a venture with Oat & Acre.",
        Set.of());
    assertThat(cs).extracting(OrgCandidates.Candidate::text)
        .contains("Tamberlo Quilts", "Pernwick Lumen", "Oat & Acre").doesNotContain("Tamberlo Quilts and Pernwick Lumen");
  }

  @Test
  void shouldEndARunAtAComma() {
    List<OrgCandidates.Candidate> cs = of("The deal closed in May, Loomwise said on Monday.", Set.of());
    assertThat(cs).extracting(OrgCandidates.Candidate::text).contains("Loomwise").doesNotContain("May, Loomwise");
  }

  @Test
  void shouldMarkANameListedWithAKnownCompanyAndTheVerbAfterIt() {
    List<OrgCandidates.Candidate> cs = of("Globex and Stitchbright signed a licensing deal.", Set.of());
    assertThat(named(cs, "Stitchbright").features()).contains("joined-to-org", "next-verb=act");
  }

  @Test
  void shouldTellARunOfCommonWordsFromAName() {
    Set<String> common = Set.of("clean", "energy", "quilts");
    List<OrgCandidates.Candidate> cs = of("Investors poured money into Clean Energy while Tamberlo Quilts grew.",
        common);
    assertThat(named(cs, "Clean Energy").features()).contains("common=all");
    assertThat(named(cs, "Tamberlo Quilts").features()).contains("common=some");
  }

  @Test
  void shouldLearnCommonWordsFromLowerCaseUseOnly() {
    Set<String> common = OrgCandidates.commonWords(List.of("clean energy is energy, and clean water is clean.",
        "Energy Clean Kestrel kestrel"), 2);
    assertThat(common).contains("clean", "energy").doesNotContain("kestrel", "water");
  }
}
