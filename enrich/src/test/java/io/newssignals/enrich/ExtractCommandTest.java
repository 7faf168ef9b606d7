package io.newssignals.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExtractCommandTest {

  private static final String GOOD = "{\"id\":\"x-1\",\"source\":\"Wire\",\"url\":\"https://e.test/1\","
      + "\"title\":\"Hooli to buy Initech\",\"body\":\"Hooli agreed to acquire Initech for $2 billion in cash. "
      + "Initech shares jumped 20%.\",\"published\":\"2025-02-01T10:00:00Z\"}";

  @Test
  void shouldReportMalformedLinesByNumberAndProcessTheRest() throws Exception {
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    StringWriter out = new StringWriter();
    int bad = ExtractCommand.run(TestGazetteer.pipeline(),
        new BufferedReader(new StringReader("{not json\n" + GOOD + "\n")), out,
        new PrintStream(errBytes, true, StandardCharsets.UTF_8));

    assertThat(bad).isEqualTo(1);
    assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("line 1");
    String[] lines = out.toString().split("\n");
    assertThat(lines).hasSize(1);
    JsonNode n = new ObjectMapper().readTree(lines[0]);
    assertThat(n.get("id").asText()).isEqualTo("x-1");
    assertThat(n.get("entities").findValuesAsText("name")).contains("Hooli", "Initech");
    JsonNode acq = n.get("events").get(0);
    assertThat(acq.get("type").asText()).isEqualTo("ACQUISITION");
    assertThat(acq.get("acquirer").asText()).isEqualTo("Hooli");
    assertThat(acq.get("stage").asText()).isEqualTo("ANNOUNCED");
    assertThat(acq.get("amount").get("value").asDouble()).isEqualTo(2e9);
    assertThat(acq.get("amount").get("currency").asText()).isEqualTo("USD");
    assertThat(acq.get("evidence").asText()).startsWith("Hooli agreed");
  }

  @Test
  void shouldSayWhyEveryEventWasFoundWhenAskedToExplain() throws Exception {
    String article = "{\"id\":\"x-1\",\"source\":\"s\",\"url\":\"u\",\"title\":\"t\",\"body\":\"Globex and Initech "
        + "have ended their partnership. Hooli shares rose 7% on Tuesday.\",\"published\":\"2025-01-01T00:00:00Z\"}";
    StringWriter plain = new StringWriter();
    StringWriter explained = new StringWriter();
    PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    ExtractCommand.run(TestGazetteer.pipeline(), new BufferedReader(new StringReader(article)), plain, err, false);
    ExtractCommand.run(TestGazetteer.pipeline(), new BufferedReader(new StringReader(article)), explained, err, true);

    assertThat(plain.toString()).doesNotContain("\"why\"");
    assertThat(explained.toString()).contains("\"why\":\"rules partnership, sentence 1, status ENDED by an explicit cue")
        .contains("\"why\":\"rules stock-move");
  }
}
