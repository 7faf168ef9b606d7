package io.newssignals.enrich;

import static io.newssignals.enrich.Articles.enrich;
import static io.newssignals.enrich.Articles.events;
import static io.newssignals.enrich.Articles.names;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.newssignals.schema.EnrichedArticle;
import io.newssignals.schema.Entity;
import io.newssignals.schema.EntityType;
import io.newssignals.schema.EventType;
import org.junit.jupiter.api.Test;

class EntityTaggerTest {

  private static Entity entity(EnrichedArticle e, String name) {
    return e.getEntities().stream().filter(x -> x.getName().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void shouldTagPossessivesHyphenatedCompoundsAndLegalNames() {
    EnrichedArticle e = enrich("Northwind's quarter beats",
        "Globex Corporation said Northwind-backed suppliers grew. Hooli's chief praised Globex.");
    assertThat(names(e)).contains("Northwind", "Globex", "Hooli");
    assertThat(entity(e, "Globex").getMentions()).isEqualTo(2);
  }

  @Test
  void shouldNameAnOrganisationAsWrittenWhenTheArticleWritesOnlyAnotherSpellingOfIt() {
    assertThat(names(enrich("x", "Nubank said on Monday it would cut card fees. Nubank shares rose 2%.")))
        .contains("Nubank").doesNotContain("Nu Holdings");
    assertThat(names(enrich("x", "Nu Holdings said on Monday it would cut card fees."))).contains("Nu Holdings");
    assertThat(names(enrich("x", "PT Telekomunikasi Indonesia Tbk said on Monday its unit would cut prices.")))
        .contains("Telkom Indonesia");
    assertThat(names(enrich("x", "Microsoft Corp. said on Monday it would cut prices."))).contains("Microsoft");
  }

  @Test
  void shouldNameACompanyByItsFullNameUnlessTheFilingCoinsAShortNameOfItsOwn() {
    EnrichedArticle e = enrich("Disclosure", "PT Varenna Sistem Nusantara Tbk (\"Varenna\") said it signed an"
        + " alliance agreement. Kabushiki Kaisha Torimaru Seiki, a Nagoya maker of gauges, said it agreed."
        + " Halvorsen Maritime Holdings Ltd (the \"Company\") also said it would take part."
        + " Malayan Banking Berhad (\"Maybank\") will lend. Tata Consultancy Services Limited (\"TCS\") will"
        + " integrate the systems, and TCS will second 50 engineers. Varenna shares rose.");
    // a short name that abbreviates the full one (first words, initials) is another way of writing it
    assertThat(names(e)).contains("Varenna Sistem Nusantara", "Torimaru Seiki", "Tata Consultancy Services")
        .doesNotContain("PT Varenna Sistem Nusantara", "Kabushiki Kaisha Torimaru Seiki", "Company", "Varenna",
            "TCS");
    assertThat(entity(e, "Tata Consultancy Services").getMentions()).isEqualTo(3);
    // a coined short name is the name the company goes by
    assertThat(names(e)).contains("Maybank").doesNotContain("Malayan Banking");
  }

  @Test
  void shouldReadFamilyNameFirstPeopleAndKeepAFirmNamedAfterAPerson() {
    EnrichedArticle e = enrich("Bank results", "Globex chief executive Tan Wei Ming said the bank would grow."
        + " Analyst Chan Siu Fung agreed, and Choi Min-seo, a fund manager, said little. \"Fines rarely work,\""
        + " said lawyer Defne Kaplan of the Istanbul law firm Kaplan & Partners.");
    assertThat(e.getEntities()).filteredOn(x -> x.getType() == EntityType.PERSON).extracting(x -> x.getName())
        .contains("Tan Wei Ming", "Chan Siu Fung", "Choi Min-seo", "Defne Kaplan");
    assertThat(names(e)).contains("Kaplan & Partners");
  }

  @Test
  void shouldNotTakeAPressReleaseAboutHeadingIntoTheName() {
    EnrichedArticle e = enrich("Orbyt Payments raises funds", "Orbyt Payments, a London startup, raised money from"
        + " Globex.\nAbout Orbyt Payments\nOrbyt Payments builds payment rails for small shops.");
    assertThat(names(e)).contains("Orbyt Payments").doesNotContain("About Orbyt Payments");
  }

  @Test
  void shouldKeepTheCoOfAnAndCoName() {
    assertThat(EntityTagger.withoutLegalSuffixName("Mitsui and Co Ltd")).isEqualTo("Mitsui and Co");
    assertThat(EntityTagger.withoutLegalSuffixName("Tallis Quantum Ltd")).isEqualTo("Tallis Quantum");
    assertThat(EntityTagger.withoutLegalSuffixName("PT Kirana Analitika Tbk")).isEqualTo("Kirana Analitika");
  }

  @Test
  void shouldPreferTheHeadlinesShorterFormOfAFullName() {
    EnrichedArticle e = enrich("Globex and Minato Precision agree digital-twin alliance",
        "Globex Corporation and Minato Precision Industries Co., Ltd., a Nagoya-based maker of machining centres, have"
            + " agreed a strategic alliance. Minato will ship Globex software.");
    assertThat(names(e)).contains("Minato Precision").doesNotContain("Minato Precision Industries");
  }

  @Test
  void shouldCompleteAHeadlineShortFormFromAnyLaterMention() {
    EnrichedArticle e = enrich("Globex ends Voltaic battery partnership",
        "Q: Is the Voltaic partnership over?\nKELL: Yes. We've terminated the agreement with Voltaic Cells,"
            + " effective today. Would Globex buy Voltaic outright? No. Solenne talks: Petrobras signed with"
            + " Solenne Energie S.A., a Paris-listed developer.");
    assertThat(names(e)).contains("Voltaic Cells", "Globex").doesNotContain("Voltaic");
  }

  @Test
  void shouldTellACompanyThatSpeaksFromAPersonByHowTheTextCallsItLater() {
    EnrichedArticle e = enrich("Helixa swaps Toyota for Hyundai",
        "Helixa Power said on Tuesday that it had ended its alliance with Toyota. Hyundai will buy the output of"
            + " Helixa's pilot line. Aaron Pike said the pact was sound, and Pike added that Toyota agreed.");
    assertThat(e.getEntities()).anyMatch(x -> x.getName().equals("Helixa Power") && x.getType() == EntityType.ORG);
    assertThat(e.getEntities()).anyMatch(x -> x.getName().equals("Aaron Pike") && x.getType() == EntityType.PERSON);
  }

  @Test
  void shouldNameTranscriptSpeakersFromTheirLabels() {
    EnrichedArticle e = enrich("Morning call", "ANCHOR DANA HOLT: Globex is up this morning.\n"
        + "TOMAS VERLAINE: It is, and the Hooli deal explains it.\nHOLT: Thanks.\nUPDATE: shares opened higher.");
    assertThat(names(e)).contains("Dana Holt", "Tomas Verlaine", "Globex")
        .doesNotContain("Anchor Dana Holt", "Update", "Holt");
    assertThat(entity(e, "Dana Holt").getMentions()).as("the surname label is the same speaker").isEqualTo(2);
  }

  @Test
  void shouldNotMatchInsideLongerWords() {
    EnrichedArticle e = enrich("Markets", "The Globexian empire and northwinds of change were discussed by Initechs.");
    assertThat(names(e)).doesNotContain("Globex", "Northwind", "Initech");
  }

  @Test
  void shouldResolveExchangeTickersAndCashtagsWithoutTaggingTheExchange() {
    EnrichedArticle e = enrich("Movers", "Traders bought $HOOL early. Globex (NYSE: GLBX) was flat.");
    assertThat(names(e)).contains("Hooli", "Globex").doesNotContain("NYSE");
    assertThat(entity(e, "Globex").getTicker()).isEqualTo("GLBX");
  }

  @Test
  void shouldReportTickerForUsListingsAndForPrintedTickers() {
    EnrichedArticle us = enrich("x", "Globex said it would hire 200 engineers.");
    EnrichedArticle foreign = enrich("x", "Kestrel Energy said it would hire staff. Kestrel rose.");
    EnrichedArticle printed = enrich("x", "Kestrel Energy (LSE: KSTL) said it would hire staff.");
    assertThat(entity(us, "Globex").getTicker()).isEqualTo("GLBX");
    assertThat(entity(foreign, "Kestrel Energy").getTicker()).isNull();
    assertThat(entity(printed, "Kestrel Energy").getTicker()).isEqualTo("KSTL");
  }

  @Test
  void shouldIgnoreCommonWordUsesOfAmbiguousNames() {
    EnrichedArticle e = enrich("Harvest news",
        "Growers picked an apple crop early. Rain fell across the Amazon rainforest. Investigators found a shell "
            + "company in Delaware.");
    assertThat(names(e)).doesNotContain("Apple", "Amazon", "Shell");
  }

  @Test
  void shouldTagAmbiguousNamesWhenTheContextShowsTheCompany() {
    EnrichedArticle e = enrich("Device makers", "Apple said on Thursday it would open a plant. Shell shares rose.");
    assertThat(names(e)).contains("Apple", "Shell");
  }

  @Test
  void shouldTagAmbiguousNameCoordinatedWithAKnownCompany() {
    assertThat(names(enrich("x", "Apple and Globex are said to be exploring a deal."))).contains("Apple", "Globex");
    assertThat(names(enrich("x", "Fruit from the orchard: apple and pear prices rose."))).doesNotContain("Apple");
  }

  @Test
  void shouldTagAmbiguousNameSupportedByItsProductOrPerson() {
    EnrichedArticle e = enrich("Apple event", "Chief executive Tim Cook showed a thinner iPhone.");
    assertThat(names(e)).contains("Apple", "Tim Cook");
  }

  @Test
  void shouldBindShortFormToTheEntityTheArticleNames() {
    EnrichedArticle tech = enrich("Cloud deal", "Microsoft signed a deal with Initech. MS will host the software.");
    EnrichedArticle bank = enrich("Bank results", "Morgan Stanley beat estimates. MS shares rose in New York.");
    EnrichedArticle none = enrich("Health", "Patients with MS joined the trial run by Initech.");
    assertThat(entity(tech, "Microsoft").getMentions()).isEqualTo(2);
    assertThat(names(tech)).doesNotContain("Morgan Stanley");
    assertThat(entity(bank, "Morgan Stanley").getMentions()).isEqualTo(2);
    assertThat(names(bank)).doesNotContain("Microsoft");
    assertThat(names(none)).containsExactly("Initech");
  }

  @Test
  void shouldTagOrganisationsIntroducedInTheText() {
    EnrichedArticle e = enrich("Funding", "Veltrix Robotics, a Munich startup, hired staff. Separately, the "
        + "cooperative said Brightwater Analytics would help. Software maker Quillon said Veltrix grew.");
    assertThat(names(e)).contains("Veltrix Robotics", "Brightwater Analytics", "Quillon").doesNotContain("Veltrix",
        "Munich");
    Entity v = entity(e, "Veltrix Robotics");
    assertThat(v.getId()).isNull();
    assertThat(v.getType()).isEqualTo(EntityType.ORG);
    assertThat(v.getMentions()).isEqualTo(2);
  }

  @Test
  void shouldSplitTwoIntroducedNamesJoinedByAnd() {
    EnrichedArticle e = enrich("x", "Initech raised money from Brightline Ventures and Corvid Lake Capital.");
    assertThat(names(e)).contains("Brightline Ventures", "Corvid Lake Capital")
        .doesNotContain("Brightline Ventures and Corvid Lake Capital");
  }

  @Test
  void shouldTakeANameEndingInAnIndustryHeadWordForACompany() {
    EnrichedArticle e = enrich("Update", "Sierra Dorada Mining said on Tuesday it had closed its purchase of Cuenca"
        + " Gold. Atacama Pacific Minerals shares rose 4%. Reyes Athletic signed with Halcyon Pictures.");
    assertThat(names(e)).contains("Sierra Dorada Mining", "Atacama Pacific Minerals", "Reyes Athletic",
        "Halcyon Pictures");
  }

  @Test
  void shouldSplitAnUncommonNameFromAHeadedNameJoinedByAnd() {
    EnrichedArticle e = enrich("x", "Gécamines and Lualaba Copper signed a partnership on Monday. The Competition"
        + " and Markets Authority said it would look at the deal. Lionsgate, Legendary Entertainment and Seoul-based"
        + " Hanbit Pictures formed an alliance.");
    assertThat(names(e)).contains("Lualaba Copper", "Competition and Markets Authority", "Hanbit Pictures")
        .doesNotContain("Gécamines and Lualaba Copper", "Seoul-based Hanbit Pictures", "Competition");
  }

  @Test
  void shouldKeepTheFullNameWhenTheHeadlineShortensANameWithoutALegalForm() {
    EnrichedArticle e = enrich("Lundin approaches Atacama Pacific as rift lingers",
        "Lundin Mining has made an approach to Atacama Pacific Minerals about a takeover. Atacama Pacific"
            + " (TSX-V: APM) shares rose 26%.");
    assertThat(names(e)).contains("Atacama Pacific Minerals").doesNotContain("Atacama Pacific");
    assertThat(entity(e, "Atacama Pacific Minerals").getMentions()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void shouldNotTakeAFirstWordFollowedByAnotherNameForAShortForm() {
    EnrichedArticle e = enrich("Venture",
        "The venture, to be named Lotte Mitsui Hydrogen, aims to start production in 2029. Lotte Chemical shares"
            + " closed up 3.7% in Seoul.");
    assertThat(names(e)).contains("Lotte Mitsui Hydrogen", "Lotte Chemical");
    assertThat(e.getEvents()).anySatisfy(ev -> assertThat(ev.getCompany()).isEqualTo("Lotte Chemical"));
  }

  @Test
  void shouldMergeATickerShortFormIntoTheFullName() {
    EnrichedArticle e = enrich("Update", "Mitsubishi will market every tonne produced at Tanami Rare Earths' Lake"
        + " Mackay project, the Perth-based junior said. Tanami (ASX: TRE) will put the money toward its plant.");
    assertThat(names(e)).contains("Tanami Rare Earths").doesNotContain("Tanami", "Rare Earths");
  }

  @Test
  void shouldTakeAPlaceListedOrPlaceBasedLeadAsACompanyCue() {
    EnrichedArticle e = enrich("Globex, Initech and Sunda Gas team up",
        "Globex, Initech and Jakarta-listed Sunda Gas Energi have formed a consortium to bid for"
            + " three deepwater blocks, the companies said on Tuesday. The partners will bid jointly, according to a"
            + " filing by Sunda Gas to the Indonesia Stock Exchange.");
    assertThat(names(e)).contains("Sunda Gas Energi").doesNotContain("Sunda Gas");
  }

  @Test
  void shouldReadAKnownNameThatOnlyOpensALongerNameAsTheLongerName() {
    EnrichedArticle e = enrich("Globex Dorada closes Cuenca deal",
        "Globex Dorada Mining said on Tuesday it had completed its acquisition of Cuenca Gold. Under the agreement,"
            + " Globex Dorada (TSX: GDM) will not grant any new royalty.");
    assertThat(names(e)).contains("Globex Dorada Mining").doesNotContain("Globex");
    EnrichedArticle alone = enrich("Globex Dorada closes Cuenca deal",
        "Globex Dorada Mining said on Tuesday it had completed its acquisition of Cuenca Gold. Globex, the software"
            + " group, said it was not involved.");
    assertThat(names(alone)).contains("Globex Dorada Mining", "Globex");
  }

  @Test
  void shouldTakeAOneWordNameTheTextKeepsUsingForACompany() {
    EnrichedArticle e = enrich("Tessel quits stablecoin alliance; Yonda and Ondra press on",
        "Tessel has withdrawn from the stablecoin remittance alliance it formed with Yonda and Ondra in June, the"
            + " exchange said on Tuesday. Yonda and Ondra said they would widen their partnership without Tessel."
            + " Tessel chief executive Rohan Deshpande said the exchange remained a fan. Deshpande said Yonda would"
            + " convert the funds. Ondra said it was pleased, and Deshpande said so too.");
    assertThat(names(e)).contains("Tessel", "Yonda", "Ondra", "Rohan Deshpande").doesNotContain("Deshpande");
    assertThat(events(e, EventType.PARTNERSHIP)).isNotEmpty();
    // a one-word short form of a longer name the article gives is that name, not a second company
    EnrichedArticle verdant = enrich("Verdant Cultures drops Globex",
        "Verdant Cultures has ended its collaboration with Globex, the Danish start-up said on Tuesday. Verdant said"
            + " Globex had failed to meet its commitments. Globex remains a shareholder in Verdant, and Verdant"
            + " said it would find new buyers.");
    assertThat(names(verdant)).doesNotContain("Verdant");
  }

  @Test
  void shouldTakeALowerCaseInitialBrandUsedAsACompany() {
    EnrichedArticle e = enrich("x", "zennyPay said on Monday it had signed a partnership with Globex. The deal gives"
        + " zennyPay a sponsor bank for its cards.");
    assertThat(names(e)).contains("zennyPay");
    assertThat(events(e, EventType.PARTNERSHIP)).isNotEmpty();
    // once, or never the subject of a company's verb: not enough
    assertThat(names(enrich("x", "Globex will sell the cards through zennyPay, a payments app."))).doesNotContain(
        "zennyPay");
  }

  @Test
  void shouldTagPeopleIntroducedByAnAppositiveOrSpeechVerb() {
    EnrichedArticle e = enrich("x", "Takumi Oyama, an analyst at Acme Capital, was cautious. On Friday, Bongani "
        + "Zulu said the plan was sound, and Ximena Quispe of the Lima Retail Association agreed.");
    assertThat(names(e)).contains("Takumi Oyama", "Bongani Zulu", "Lima Retail Association");
    assertThat(e.getEntities()).filteredOn(x -> x.getName().equals("Takumi Oyama"))
        .extracting(Entity::getType).containsExactly(EntityType.PERSON);
  }

  @Test
  void shouldTagInstitutionsNamedByAHeadWordAndOfOrByATwoWordHead() {
    EnrichedArticle e = enrich("x", "Globex expanded its partnership with the University of Dayton. The City of"
        + " Grand Rapids hired Initech. Keystone Valley Federal Credit Union ended its contract with Hooli.");
    assertThat(names(e)).contains("University of Dayton", "City of Grand Rapids",
        "Keystone Valley Federal Credit Union");
    // "City" at the end of a name is a place; a list that goes on past a comma is not cut at the comma
    assertThat(names(enrich("x", "Shares in Kansas City rose. Seoul watches the Ministry of Trade, Industry and"
        + " Energy closely."))).doesNotContain("Kansas City", "Ministry of Trade");
  }

  @Test
  void shouldSplitANameEndingInAHeadWordFromTheNameAfterAnd() {
    EnrichedArticle e = enrich("x", "Iowa State University and Heartland Agronomics formed a research partnership."
        + " Panasonic Energy and Ridgeline Motors signed a supply deal.");
    assertThat(names(e)).contains("Iowa State University", "Panasonic Energy", "Ridgeline Motors")
        .doesNotContain("Iowa State University and Heartland Agronomics");
    // common words before the head are a topic: one name
    assertThat(names(enrich("x", "The New Energy and Industrial Technology Development Organization will help.")))
        .doesNotContain("New Energy");
  }

  @Test
  void shouldKeepOneOrganisationWhenASpeechVerbAloneWouldMakeItsNameAPerson() {
    EnrichedArticle e = enrich("x", "Initech has signed a partnership with Tessel Prime, a Tallinn trading venue."
        + " Tessel Prime said the deal would start in May.");
    assertThat(e.getEntities()).filteredOn(x -> x.getName().equals("Tessel Prime"))
        .extracting(Entity::getType, Entity::getMentions).containsExactly(tuple(EntityType.ORG, 2));
    // a known first name keeps its person: "Bongani Zulu said"
    EnrichedArticle p = enrich("x", "Initech has signed a partnership with Zulu Labs. Bongani Zulu said it was"
        + " sound.");
    assertThat(entity(p, "Bongani Zulu").getType()).isEqualTo(EntityType.PERSON);
  }

  @Test
  void shouldTagNamesWithInitialsApostrophesAndTwoNamesJoinedByAnd() {
    EnrichedArticle e = enrich("x", "Globex chair Marion T. Okafor and Declan O'Rourke, a partner at Acme Capital, "
        + "met on Monday.");
    assertThat(names(e)).contains("Marion T. Okafor", "Declan O'Rourke");
  }

  @Test
  void shouldTagAnOrganisationWhoseHeadWordIsFollowedByOf() {
    assertThat(names(enrich("x", "The Global Federation of Toymakers criticised the plan."))).contains(
        "Global Federation of Toymakers");
  }

  @Test
  void shouldTagNewsOutletsCitedAsSources() {
    EnrichedArticle e = enrich("x", "The Daily Ledger Gazette reported the talks first. Globex said so too, "
        + "according to WXYZ. Its founder told Rotterdam Business Weekly the same.");
    assertThat(names(e)).contains("Daily Ledger Gazette", "WXYZ", "Rotterdam Business Weekly");
  }

  @Test
  void shouldReadAListOfPlacesAsAPlace() {
    assertThat(names(enrich("x", "Globex and Initech will extend their partnership to customers in the United States"
        + " and Canada, the companies said."))).containsExactlyInAnyOrder("Globex", "Initech");
    assertThat(EntityTagger.placeList("Spain, Portugal and Morocco")).isTrue();
    assertThat(EntityTagger.placeList("Spain and Kestrel Grid")).isFalse();
  }

  @Test
  void shouldNotTagCapitalisedTopicsAsOrganisations() {
    EnrichedArticle e = enrich("x", "Venture Capital poured into Artificial Intelligence and Clean Energy this year, "
        + "and Public Health officials agreed.");
    assertThat(e.getEntities()).isEmpty();
  }

  @Test
  void shouldResolveSurnameOnlyMentionsAfterAFullMention() {
    EnrichedArticle e = enrich("Interview", "Northwind chief executive Dana Whitfield spoke on Monday. Whitfield "
        + "said demand was strong, and analyst Priya Raman agreed. Raman expects growth.");
    assertThat(entity(e, "Dana Whitfield").getMentions()).isEqualTo(2);
    assertThat(entity(e, "Priya Raman").getMentions()).isEqualTo(2);
    assertThat(names(e)).doesNotContain("Whitfield", "Raman");
  }

  @Test
  void shouldGiveTitleAndLeadEntitiesHigherRelevance() {
    EnrichedArticle e = enrich("Globex buys a factory", "Globex bought the plant on Monday. Workers cheered. The "
        + "town council met. A spokesperson said little. Much later in the story, Hooli was mentioned once.");
    assertThat(entity(e, "Globex").getRelevance()).isGreaterThan(entity(e, "Hooli").getRelevance());
    assertThat(entity(e, "Globex").getRelevance()).isBetween(0, 100);
  }

  @Test
  void shouldTagProductsWithTheirOwner() {
    EnrichedArticle e = enrich("Cloud", "Northwind moved WindCloud customers to Microsoft Azure.");
    assertThat(entity(e, "WindCloud").getType()).isEqualTo(EntityType.PRODUCT);
    assertThat(entity(e, "WindCloud").getOwner()).isEqualTo("Northwind");
    assertThat(names(e)).contains("Azure");
  }

  @Test
  void shouldSplitAKnownCompanyCoordinatedWithAnUnknownOne() {
    EnrichedArticle left = enrich("x", "Hooli and Parcel Robotics have signed a supply pact, the firms said.");
    EnrichedArticle right = enrich("x", "A supply pact between Lumen Biosciences and Globex was extended on Monday.");
    assertThat(names(left)).contains("Hooli", "Parcel Robotics").doesNotContain("Hooli and Parcel Robotics");
    assertThat(names(right)).contains("Lumen Biosciences", "Globex");
  }

  @Test
  void shouldKeepAnAndInsideAnUnknownName() {
    EnrichedArticle e = enrich("x", "The Trade and Industry Commission opened an inquiry on Monday.");
    assertThat(names(e)).contains("Trade and Industry Commission");
  }

  @Test
  void shouldGiveASharedTickerToTheCompanyNamedBeforeIt() {
    EnrichedArticle e = enrich("x", "Nucleus Holdings (NASDAQ: HOOL) shares fell 2% after the results.");
    assertThat(names(e)).contains("Nucleus Holdings").doesNotContain("Hooli");
  }

  @Test
  void shouldTagAnUnknownCompanyByABareTickerButNotByItsInitialsOrAnAbbreviation() {
    assertThat(names(enrich("x", "Markets were quiet. Velmora Quist (VLMR) fell 16% on the warning.")))
        .contains("Velmora Quist");
    // initials and abbreviations are no ticker: whether or not another cue makes the name a company
    EntityTagger rules = new EntityTagger(new GazetteerMatcher(TestGazetteer.load()));
    assertThat(rules.tag(Document.of("x", "Markets were quiet. Velmora Quist (VI) fell 16% on the warning."))
        .entities()).extracting(TaggedEntity::ticker).doesNotContain("VI");
    assertThat(rules.tag(Document.of("x", "Markets were quiet. Velmora Quist (CEO) spoke on Monday."))
        .entities()).extracting(TaggedEntity::ticker).doesNotContain("CEO");
    assertThat(entity(enrich("x", "Markets were quiet. Velmora Quist (VLMR) fell 16% on the warning."),
        "Velmora Quist").getTicker()).isEqualTo("VLMR");
  }

  @Test
  void shouldTagAnUnknownCamelCaseCompanyByItsPrintedListing() {
    EnrichedArticle e = enrich("x", "Analysts cut targets on Monday. zFlow (NYSE: ZFLW) slid after the warning.");
    assertThat(names(e)).contains("zFlow");
  }

  @Test
  void shouldSeparateAPersonFromTheCompanyAndTitleBeforeTheName() {
    EnrichedArticle e = enrich("x", "Globex CEO Priya Raman said demand was strong. Co-president Tomas Ek agreed.");
    assertThat(names(e)).contains("Globex", "Priya Raman", "Tomas Ek")
        .doesNotContain("Globex CEO Priya Raman", "Co-president Tomas Ek");
  }

  @Test
  void shouldReadAFirstNameThatIsAlsoAPlaceWhenAPersonCueFollows() {
    EnrichedArticle person = enrich("x", "Rates may stay high, said Jordan Whitlock, an economist at Globex.");
    EnrichedArticle place = enrich("x", "Globex opened an office in Jordan this spring.");
    assertThat(names(person)).contains("Jordan Whitlock");
    assertThat(names(place)).containsExactly("Globex");
  }

  @Test
  void shouldTagAFundNamedAfterAVentureArmCue() {
    EnrichedArticle e = enrich("x", "Shares of Globex rose after its venture arm Orbit9 backed two robotics makers.");
    assertThat(names(e)).contains("Globex", "Orbit9");
  }

  @Test
  void shouldTagANameEndingInAiAsAnOrganisationButNotAGenericAiTopic() {
    EnrichedArticle e = enrich("x", "Globex signed a supply deal with Verdant AI on Monday. Generative AI spending rose.");
    assertThat(names(e)).contains("Globex", "Verdant AI").doesNotContain("Generative AI");
  }

  @Test
  void shouldTagAnUnknownNameFollowedByATitleAndAPersonAsTheirCompany() {
    EnrichedArticle e = enrich("x", "Globex ended its contract. Tessaly chief executive Ana Marquez said the change was minor.");
    assertThat(names(e)).contains("Globex", "Tessaly", "Ana Marquez");
    assertThat(entity(e, "Tessaly").getType()).isEqualTo(EntityType.ORG);
  }

  @Test
  void shouldAcceptAnAmbiguousNameWhosePossessiveOwnsACompanyNounAFewWordsOn() {
    EnrichedArticle company = enrich("x", "Some of the listings will be sold through Shell's fuel retail business.");
    EnrichedArticle fruit = enrich("x", "Pickers said the apple's red skin hides bruises.");
    assertThat(names(company)).contains("Shell");
    assertThat(names(fruit)).doesNotContain("Apple");
  }

  @Test
  void shouldAcceptAnAmbiguousNameCoordinatedWithANamedOrganisation() {
    EnrichedArticle e = enrich("x", "Apple and the Northern Pension Authority also joined the round, the start-up said.");
    assertThat(names(e)).contains("Apple", "Northern Pension Authority");
  }

  @Test
  void shouldTagAnUnknownNameAfterPluralInvestorOrShareholderDescriptors() {
    EnrichedArticle e = enrich("x", "Existing backers Tarnwick and Hooli also put in money, and shareholders Ravelle "
        + "voted for the plan.");
    assertThat(names(e)).contains("Tarnwick", "Hooli", "Ravelle");
  }

  @Test
  void shouldTagANumberedFundVintageAsAFundOfItsOwn() {
    EnrichedArticle vintage = enrich("x", "The round was led by Hooli Growth Fund 2, with Globex taking part.");
    EnrichedArticle parent = enrich("x", "The round was led by Hooli Growth Fund, with Globex taking part.");
    assertThat(names(vintage)).contains("Hooli Growth Fund 2").doesNotContain("Hooli Growth Fund");
    assertThat(names(parent)).contains("Hooli Growth Fund");
  }

  @Test
  void shouldTagAnInvestorsRegionalFundAsAnInvestorOfItsOwn() {
    EnrichedArticle e = enrich("x", "Oakridge Partners Africa led the round; Globex Africa is a customer.");
    assertThat(names(e)).contains("Oakridge Partners Africa", "Globex").doesNotContain("Oakridge Partners",
        "Globex Africa");
  }

  @Test
  void shouldReadAOneWordCompanyNameAfterAFirstNameAsAPersonsSurname() {
    EnrichedArticle e = enrich("x", "Initech chief executive Peter Initech will join the board. Initech shares rose.");
    assertThat(names(e)).contains("Initech", "Peter Initech");
    assertThat(entity(e, "Peter Initech").getType()).isEqualTo(EntityType.PERSON);
    assertThat(entity(e, "Initech").getMentions()).isEqualTo(2);
  }

  @Test
  void shouldTagAPhraseOpenedByAnOrganisationLeadWord() {
    EnrichedArticle e = enrich("x", "Orders from Grupo Ferrana Lido, a steel distributor in Lima, fell by a third.");
    assertThat(names(e)).contains("Grupo Ferrana Lido");
  }

  @Test
  void shouldEndAnIntroducedNameBeforeACurrencyWrittenWithASign() {
    assertThat(EntityTagger.currencyPrefix("for C$41 million", 4, 5)).isTrue();
    assertThat(EntityTagger.currencyPrefix("for Rs 900 crore", 4, 6)).isTrue();
    assertThat(EntityTagger.currencyPrefix("for Reliance", 4, 12)).isFalse();
  }
}
