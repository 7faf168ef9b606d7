package io.newssignals.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AmountParserTest {

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "raised $12bn from backers;12e9;USD",
      "a $3.5 billion deal;3.5e9;USD",
      "€750 million in new money;750e6;EUR",
      "for USD 420m in cash;420e6;USD",
      "put 2 billion dollars into it;2e9;USD",
      "a £1.25bn offer;1.25e9;GBP",
      "about US$900 million;900e6;USD",
      "CHF 40 million round;40e6;CHF",
      "3 billion euros of funding;3e9;EUR",
      "paid $1,250,000 for it;1.25e6;USD",
      "Rs 500 crore deal;5e9;INR",
      "a 1.5 trillion yen plan;1.5e12;JPY",
      "raised a further EUR 1,8 billion;1.8e9;EUR",
      "put SEK 1,1 billion into it;1.1e9;SEK",
      "paid $1,250 for it;1250;USD"})
  void shouldReadAmountsInUnitsWithIsoCurrency(String text, double value, String currency) {
    AmountParser.Found f = AmountParser.first(text);
    assertThat(f).isNotNull();
    assertThat(f.value()).isEqualTo(value, org.assertj.core.data.Offset.offset(1.0));
    assertThat(f.currency()).isEqualTo(currency);
  }

  @Test
  void shouldNotReadBareNumbersOrPercentagesAsAmounts() {
    assertThat(AmountParser.findAll("It hired 300 people and grew 12% in 2024.")).isEmpty();
  }
}
