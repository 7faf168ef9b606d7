package io.newssignals.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.schema.AcquisitionStage;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** All-capital wire headlines (invented companies, in the shapes of 1980s wire copy). */
class CapitalHeadlineTest {
  private static final Set<String> PLACES = EntityTagger.PLACES;

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      ZENTRAX CORP <ZTX> OFFERS 41 DLRS A SHARE CASH FOR MORLAND INDUSTRIES  | Zentrax Corp       | Morland Industries | false | RUMORED
      MORLAND INDUSTRIES REJECTS TENDER OFFER FROM ZENTRAX CORP              | Zentrax Corp       | Morland Industries | false | RUMORED
      QUILLON GROUP GETS ANOTHER NEW BRAXTEL BID                             | Braxtel            | Quillon Group      | false | RUMORED
      HALVERN PLC BUYS CORDELL FOODS FROM TESSARO GROUP FOR UNDISCLOSED TERMS | Halvern PLC       | Cordell Foods      | false | ANNOUNCED
      VANTORI TO SELL PLASTICS UNIT ORVEX TO KELDAN CHEMICAL                 | Keldan Chemical    | Orvex              | false | ANNOUNCED
      ASHMERE BANCORP, LINTEL FINANCIAL GROUP AGREE TO MERGE                  | Ashmere Bancorp    | Lintel Financial Group | false | ANNOUNCED
      FED APPROVES PARLOW BANK ACQUISITION OF DENTRO BANCSHARES               | Parlow Bank        | Dentro Bancshares  | false | ANNOUNCED
      INVESTOR MARCUS FELDT HAS 7.5 PCT OF GRANWICK CORP                      | Marcus Feldt       | Granwick Corp      | true  | ANNOUNCED
      SWEDEN'S NORRBACK AB TAKES OVER U.S. PELLAM CORP FOR 600 MLN CROWNS     | Norrback AB        | Pellam Corp        | false | ANNOUNCED
      CASTEL MINING IN LETTER OF INTENT TO MERGE INTO ORLAND METALS           | Orland Metals      | Castel Mining      | false | ANNOUNCED
      """)
  void shouldReadBuyerTargetAndKind(String headline, String buyer, String target, boolean stake, String stage) {
    CapitalHeadline.Reading r = CapitalHeadline.read(headline, PLACES);
    assertThat(r).as(headline).isNotNull();
    assertThat(r.buyer()).isEqualTo(buyer);
    assertThat(r.target()).isEqualTo(target);
    assertThat(r.stake()).isEqualTo(stake);
    if (!stake) {
      assertThat(r.stage()).isEqualTo(AcquisitionStage.valueOf(stage));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      ZENTRAX MAY BUY UP TO 49.9 PCT OF MORLAND INDUSTRIES
      QUILLON DENIES IT IS SEEKING CONTROL OF BRAXTEL
      VANTORI TO SELL PLASTICS BUSINESS FOR ABOUT 240 MLN DLRS
      HALVERN SAYS IT IS INTERESTED IN ACQUIRING CORDELL
      GRANWICK CORP 1ST QTR NET
      ANALYST SAYS TESSARO LIKELY BIDDER FOR ORLAND
      """)
  void shouldReadNothingFromHedgesSalesWithoutBuyerAndOtherNews(String headline) {
    assertThat(CapitalHeadline.read(headline, PLACES)).isNull();
  }

  @Test
  void shouldKnowACapitalHeadline() {
    assertThat(CapitalHeadline.isCapital("ZENTRAX CORP <ZTX> OFFERS 41 DLRS")).isTrue();
    assertThat(CapitalHeadline.isCapital("Zentrax offers $41 a share for Morland")).isFalse();
  }
}
