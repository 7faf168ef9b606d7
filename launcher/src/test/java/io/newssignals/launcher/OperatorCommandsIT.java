package io.newssignals.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newssignals.schema.AlertKind;
import io.newssignals.schema.Evidence;
import io.newssignals.schema.IngestError;
import io.newssignals.schema.IngestErrorKind;
import io.newssignals.schema.PairStatus;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.schema.PartnershipStatus;
import io.newssignals.schema.WebhookDeadLetter;
import io.newssignals.topics.DeadLetters;
import io.newssignals.topics.Topic;
import io.newssignals.topics.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The operators' commands against {@code bin/pipeline broker}: the broker started through the command line, records
 * produced with the topic registry's serdes, then {@code lag}, {@code errors tail} and {@code dead-letters tail} run
 * through {@link Pipeline#commandLine()} with their output captured; and {@code run}'s alert positions across a
 * restart.
 */
class OperatorCommandsIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2025-01-22T18:00:00Z");

  @TempDir static Path dataDir;
  private static Thread brokerThread;
  private static StringWriter brokerOut;
  private static String bootstrap;

  @BeforeAll
  static void startBrokerCommand() throws Exception {
    brokerOut = new StringWriter();
    CommandLine cli = Pipeline.commandLine();
    cli.setOut(new PrintWriter(brokerOut, true));
    brokerThread = new Thread(() -> cli.execute("broker", "--data-dir", dataDir.toString(), "--port", "0"),
        "broker-command");
    brokerThread.start();
    Pattern ready = Pattern.compile("Kafka broker ready on (127\\.0\\.0\\.1:\\d+)");
    Await.until(Duration.ofSeconds(90), () -> ready.matcher(brokerOut.toString()).find(),
        () -> "broker command did not say it was ready: " + brokerOut);
    Matcher m = ready.matcher(brokerOut.toString());
    assertThat(m.find()).isTrue();
    bootstrap = m.group(1);
  }

  @AfterAll
  static void stopBrokerCommand() throws InterruptedException {
    brokerThread.interrupt();
    brokerThread.join(TimeUnit.SECONDS.toMillis(60));
  }

  private static <K, V> void produce(Topic<K, V> topic, K key, V value, Map<String, String> headers)
      throws Exception {
    try (KafkaProducer<K, V> p = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        ProducerConfig.ACKS_CONFIG, "all"), topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      ProducerRecord<K, V> r = new ProducerRecord<>(topic.name(), 0, key, value);
      headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
      p.send(r).get(30, TimeUnit.SECONDS);
    }
  }

  private static String[] run(String... args) {
    CommandLine cli = Pipeline.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new String[] {String.valueOf(exit), out.toString(), err.toString()};
  }

  private static List<JsonNode> lines(String out) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        nodes.add(JSON.readTree(line));
      }
    }
    return nodes;
  }

  private static IngestError error(String feed, int attempt) {
    return IngestError.newBuilder().setFeedUrl(feed).setKind(IngestErrorKind.HTTP_STATUS).setHttpStatus(503)
        .setMessage("HTTP 503").setAttempt(attempt).setAt(T).build();
  }

  @Test
  void shouldStartTheBrokerWithTheTopicsOfTheRegistry() {
    assertThat(brokerOut.toString()).contains("export KAFKA_BOOTSTRAP_SERVERS=" + bootstrap);
    String[] r = run("errors", "tail", "--bootstrap-servers", bootstrap);
    assertThat(r[0]).isEqualTo("0");
    assertThat(r[2]).doesNotContain("no topic");
  }

  @Test
  void shouldTailIngestErrorsAndMeasureAGroupsLag() throws Exception {
    produce(Topics.INGEST_ERRORS, "https://a.example/rss", error("https://a.example/rss", 1), Map.of());
    produce(Topics.INGEST_ERRORS, "https://b.example/rss", error("https://b.example/rss", 2), Map.of());

    String[] tail = run("errors", "tail", "--bootstrap-servers", bootstrap, "--from-beginning");
    assertThat(tail[0]).isEqualTo("0");
    List<JsonNode> errors = lines(tail[1]);
    assertThat(errors).extracting(n -> n.get("feedUrl").asText())
        .containsExactly("https://a.example/rss", "https://b.example/rss");
    assertThat(errors.get(0).get("kind").asText()).isEqualTo("HTTP_STATUS");
    assertThat(errors.get(0).get("httpStatus").asInt()).isEqualTo(503);
    assertThat(errors.get(0).get("topic").asText()).isEqualTo("news.ingest.errors");
    assertThat(lines(run("errors", "tail", "--bootstrap-servers", bootstrap, "--last", "1")[1]))
        .extracting(n -> n.get("feedUrl").asText()).containsExactly("https://b.example/rss");
    assertThat(lines(run("errors", "tail", "--bootstrap-servers", bootstrap, "--from-beginning", "--max", "1")[1]))
        .hasSize(1);

    // a consumer group that has read the first of the two errors
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "it-operators"), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      c.commitSync(Map.of(new TopicPartition(Topics.INGEST_ERRORS.name(), 0), new OffsetAndMetadata(1)));
    }
    String[] lag = run("lag", "--bootstrap-servers", bootstrap, "--json", "--group", "it-operators");
    assertThat(lag[0]).isEqualTo("0");
    List<JsonNode> rows = lines(lag[1]);
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("topic").asText()).isEqualTo("news.ingest.errors");
    assertThat(rows.get(0).get("lag").asLong()).isEqualTo(1);
    assertThat(rows.get(0).get("partitions").asInt()).isEqualTo(3);
    assertThat(run("lag", "--bootstrap-servers", bootstrap)[1])
        .containsPattern("it-operators +\\S+ +news\\.ingest\\.errors +3 +1 +2 +1");
  }

  @Test
  void shouldTailBothDeadLetterTopicsWithWhyEachWasSetAside() throws Exception {
    produce(Topics.DEAD_LETTER, "k1".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0xC3, 0x01, 0x7F},
        Map.of(DeadLetters.SOURCE_TOPIC, "signals.deals", DeadLetters.SOURCE_PARTITION, "4",
            DeadLetters.SOURCE_OFFSET, "17", DeadLetters.REASON, "deserialization",
            DeadLetters.EXCEPTION, "org.apache.avro.AvroRuntimeException: unknown fingerprint"));
    produce(Topics.WEBHOOK_DEAD_LETTER, "sub-1", WebhookDeadLetter.newBuilder().setWebhookId("msg_1")
        .setSubscriptionId("sub-1").setUrl("https://hooks.example/x").setEventType("partnership.status_changed")
        .setAlertId("pa_1").setAttempts(5).setLastStatusCode(500).setReason("gave up after 5 attempts, last: HTTP 500")
        .setFirstAttemptAt(T).setFailedAt(T.plusSeconds(60)).setPayload("{}").build(), Map.of());

    String[] r = run("dead-letters", "tail", "--bootstrap-servers", bootstrap, "--from-beginning");

    assertThat(r[0]).isEqualTo("0");
    List<JsonNode> letters = lines(r[1]);
    assertThat(letters).hasSize(2);
    JsonNode pipeline = letters.stream().filter(n -> n.get("topic").asText().equals("pipeline.dead-letter"))
        .findFirst().orElseThrow();
    assertThat(pipeline.get("reason").asText()).isEqualTo("deserialization");
    assertThat(pipeline.get("sourceTopic").asText()).isEqualTo("signals.deals");
    assertThat(pipeline.get("sourceOffset").asLong()).isEqualTo(17);
    assertThat(pipeline.get("exception").asText()).contains("unknown fingerprint");
    assertThat(pipeline.get("key").asText()).isEqualTo("k1");
    assertThat(pipeline.get("valueBase64").asText()).isEqualTo("wwF/");
    JsonNode webhook = letters.stream().filter(n -> n.get("topic").asText().equals("webhooks.dead-letter"))
        .findFirst().orElseThrow();
    assertThat(webhook.get("reason").asText()).isEqualTo("gave up after 5 attempts, last: HTTP 500");
    assertThat(webhook.get("lastStatusCode").asInt()).isEqualTo(500);
    assertThat(webhook.get("subscriptionId").asText()).isEqualTo("sub-1");
  }

  @Test
  void shouldFailWithinSecondsNamingAnUnreachableBroker() {
    String[] r = run("lag", "--bootstrap-servers", "127.0.0.1:1");

    assertThat(r[0]).isEqualTo("1");
    assertThat(r[2]).contains("pipeline lag: broker 127.0.0.1:1 unreachable");
  }

  private static PartnershipAlert alert(String id) {
    return PartnershipAlert.newBuilder()
        .setId(id).setKind(AlertKind.STATUS_CHANGED).setPair(new ArrayList<>(List.of("Microsoft", "OpenAI")))
        .setPrevious(PairStatus.ACTIVE).setCurrent(PairStatus.NON_EXCLUSIVE)
        .setReportedStatus(PartnershipStatus.NON_EXCLUSIVE).setConfidence(0.9).setHedged(false)
        .setEvidence(Evidence.newBuilder().setArticleId("a-" + id).setSource("Wire").setUrl("https://w.example/" + id)
            .setTitle("t").setSentence("s").setPublished(T).build())
        .setFirstReported(T).setDetectedAt(T).setCorroborationCount(0)
        .setSources(new ArrayList<>(List.of("Wire"))).setArticleIds(new ArrayList<>(List.of("a-" + id)))
        .build();
  }

  /** Regression: alerts committed just before a kill -9 of `run` were on the topic but never printed. */
  @Test
  void shouldPrintAlertsCommittedBeforeARestartOnceAndNoneTwice() throws Exception {
    Path positions = dataDir.resolve("state/run/printed-alerts.properties");
    try (AlertTail first = new AlertTail(bootstrap)) {
      first.resumeFrom(positions); // a run starts, then is killed before any alert is printed
    }
    produce(Topics.ALERTS, "Microsoft|OpenAI", alert("pa_1"), Map.of());
    produce(Topics.ALERTS, "Microsoft|OpenAI", alert("pa_2"), Map.of());

    try (AlertTail second = new AlertTail(bootstrap)) {
      second.resumeFrom(positions);
      assertThat(second.drain(Duration.ofSeconds(30))).extracting(PartnershipAlert::getId)
          .containsExactly("pa_1", "pa_2");
      second.markPrinted();
    }
    produce(Topics.ALERTS, "Microsoft|OpenAI", alert("pa_3"), Map.of());

    try (AlertTail third = new AlertTail(bootstrap)) {
      third.resumeFrom(positions);
      assertThat(third.drain(Duration.ofSeconds(30))).extracting(PartnershipAlert::getId).containsExactly("pa_3");
    }
  }
}
