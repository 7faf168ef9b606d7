package io.newssignals.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.schema.AlertKind;
import io.newssignals.schema.Evidence;
import io.newssignals.schema.PairStatus;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.schema.PartnershipStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertFormatterTest {
  static PartnershipAlert alert() {
    Instant t = Instant.parse("2025-01-22T18:00:00Z");
    return PartnershipAlert.newBuilder()
        .setId("pa_1").setKind(AlertKind.STATUS_CHANGED).setPair(new ArrayList<>(List.of("Microsoft", "OpenAI")))
        .setPrevious(PairStatus.ACTIVE).setCurrent(PairStatus.NON_EXCLUSIVE)
        .setReportedStatus(PartnershipStatus.NON_EXCLUSIVE).setConfidence(0.9).setHedged(false)
        .setEvidence(Evidence.newBuilder().setArticleId("dev-22").setSource("Tech Currents")
            .setUrl("https://techcurrents.example/msft-openai").setTitle("t")
            .setSentence("Microsoft is no longer the\n exclusive cloud provider.").setPublished(t).build())
        .setFirstReported(t).setDetectedAt(t.plusMillis(120)).setCorroborationCount(0)
        .setSources(new ArrayList<>(List.of("Tech Currents"))).setArticleIds(new ArrayList<>(List.of("dev-22")))
        .build();
  }

  @Test
  void shouldPrintOneReadableLinePerAlert() {
    assertThat(AlertFormatter.line(alert())).isEqualTo(
        "2025-01-22T18:00:00Z  Microsoft–OpenAI  ACTIVE → NON_EXCLUSIVE  (conf 0.90, Tech Currents)  "
            + "\"Microsoft is no longer the exclusive cloud provider.\"  https://techcurrents.example/msft-openai");
  }

  @Test
  void shouldSayWhenAChangeIsHedgedNewOrCorroborated() {
    PartnershipAlert first = PartnershipAlert.newBuilder(alert()).setPrevious(null).setHedged(true).build();
    assertThat(AlertFormatter.line(first)).contains("new → NON_EXCLUSIVE").contains("hedged");
    PartnershipAlert corroborated =
        PartnershipAlert.newBuilder(alert()).setKind(AlertKind.CORROBORATED).setCorroborationCount(2).build();
    assertThat(AlertFormatter.line(corroborated)).contains("(corroborated ×2, conf 0.90");
  }

  @Test
  void shouldWriteTheBacktestLineInTheEvaluationFormat() {
    assertThat(AlertJson.backtestLine(alert())).isEqualTo(
        "{\"pair\":[\"Microsoft\",\"OpenAI\"],\"previous\":\"ACTIVE\",\"current\":\"NON_EXCLUSIVE\","
            + "\"articleIds\":[\"dev-22\"],\"at\":\"2025-01-22T18:00:00Z\"}");
    PartnershipAlert first = PartnershipAlert.newBuilder(alert()).setPrevious(null).build();
    assertThat(AlertJson.backtestLine(first)).contains("\"previous\":null");
  }
}
