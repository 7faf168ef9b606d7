package io.newssignals.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newssignals.contract.ArticleJson;
import io.newssignals.enrich.EnrichmentPipeline;
import io.newssignals.schema.Article;
import io.newssignals.schema.DealEvent;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The backtest over articles: real enrichment, the same state machine as the topology. The articles are written
 * for this test (plain partnership news, shuffled), not taken from any evaluation set.
 */
class BacktestCommandTest {
  static final List<String> ARTICLES = List.of(
      article("t-3", "2024-05-02T09:00:00Z", "Wire Desk", "Siemens ends partnership with Nvidia",
          "Siemens said on Thursday it has ended its partnership with Nvidia on industrial AI software."),
      article("t-1", "2024-01-10T08:00:00Z", "Wire Desk", "Siemens and Nvidia announce partnership",
          "Siemens and Nvidia announced a partnership to build industrial AI software for factories."),
      article("t-2", "2024-01-11T10:00:00Z", "TechLedger", "Nvidia teams up with Siemens",
          "Nvidia has formed a partnership with Siemens to bring AI to factory software, the companies said."),
      article("t-4", "2024-06-01T12:00:00Z", "Market Pulse", "Bakery chain posts record sales",
          "A Berlin bakery chain said sales rose on strong demand for bread."));

  @TempDir
  Path dir;

  static String article(String id, String published, String source, String title, String body) {
    return ArticleJson.write(Article.newBuilder().setId(id).setSource(source).setUrl("https://news.example/" + id)
        .setTitle(title).setBody(body).setPublished(Instant.parse(published)).build());
  }

  @Test
  void shouldReplayInPublishedOrderAndWriteTheEvaluationFormat() throws Exception {
    Path in = dir.resolve("articles.jsonl");
    Path out = dir.resolve("alerts.jsonl");
    Files.write(in, ARTICLES);
    StringWriter err = new StringWriter();
    int code = new CommandLine(new BacktestCommand()).setErr(new PrintWriter(err))
        .execute("--input", in.toString(), "--output", out.toString());

    assertThat(code).isZero();
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).as("alerts from %s", err).isNotEmpty();
    JsonNode first = AlertJson.MAPPER.readTree(lines.get(0));
    assertThat(first.fieldNames()).toIterable().containsExactly("pair", "previous", "current", "articleIds", "at");
    assertThat(first.get("pair").toString()).isEqualTo("[\"Nvidia\",\"Siemens\"]");
    assertThat(first.get("previous").isNull()).isTrue();
    assertThat(first.get("current").asText()).isEqualTo("ACTIVE");
    assertThat(first.get("articleIds").toString()).isEqualTo("[\"t-1\"]");
    assertThat(first.get("at").asText()).isEqualTo("2024-01-10T08:00:00Z");
    assertThat(lines).as("one alert per change, the second report corroborates").hasSize(2);
    assertThat(lines.get(1)).contains("\"previous\":\"ACTIVE\"", "\"current\":\"ENDED\"", "t-3");
  }

  @Test
  void shouldRaiseTheSameAlertsAsTheLiveTopologyFedByTheSameEnrichment() {
    List<Article> articles = new ArrayList<>(ARTICLES.stream().map(ArticleJson::read).toList());
    List<PartnershipAlert> backtest = new Backtest(EnrichmentPipeline.withBundledGazetteer(),
        AlertsTopologyTest.config().corroborationWindow()).run(articles);
    assertThat(backtest).isNotEmpty();

    articles.sort(Comparator.comparing(Article::getPublished));
    EnrichmentPipeline.Session session = EnrichmentPipeline.withBundledGazetteer().newSession();
    List<PartnershipAlert> live;
    try (TopologyTestDriver driver = AlertsTopologyTest.driver()) {
      TestInputTopic<String, DealEvent> deals = driver.createInputTopic(Topics.DEALS.name(),
          Topics.DEALS.keySerde().serializer(), Topics.DEALS.valueSerde().serializer());
      TestOutputTopic<String, PartnershipAlert> alerts = driver.createOutputTopic(Topics.ALERTS.name(),
          Topics.ALERTS.keySerde().deserializer(), Topics.ALERTS.valueSerde().deserializer());
      for (Article a : articles) {
        for (DealEvent e : session.process(a).getEvents()) {
          deals.pipeInput(String.join("|", e.getParties()), e);
        }
      }
      live = alerts.readValuesToList();
    }
    assertThat(live.stream().map(AlertJson::backtestLine).toList())
        .containsExactlyElementsOf(backtest.stream().map(AlertJson::backtestLine).toList());
    assertThat(live).extracting(PartnershipAlert::getId)
        .containsExactlyElementsOf(backtest.stream().map(PartnershipAlert::getId).toList());
  }
}
