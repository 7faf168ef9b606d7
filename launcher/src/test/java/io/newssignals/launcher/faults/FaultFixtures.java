package io.newssignals.launcher.faults;

import io.newssignals.launcher.Await;
import io.newssignals.schema.DealEvent;
import io.newssignals.schema.EventType;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.schema.PartnershipStatus;
import io.newssignals.topics.AvroSerde;
import io.newssignals.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import io.newssignals.topics.TopicAdmin;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;

/** Records and files the fault tests share. */
final class FaultFixtures {
  static final AvroSerde<PartnershipAlert> ALERTS = AvroSerde.of(PartnershipAlert.class);

  private FaultFixtures() {}

  /**
   * Creates every topic of the registry and waits until each partition has a leader: an idempotent producer that
   * writes to a partition still being created can get stuck retrying an out-of-order sequence.
   */
  static void createTopics(String bootstrap) {
    TopicAdmin.ensureTopics(bootstrap, Topics.all(), 1);
    List<String> names = Topics.all().stream().map(t -> t.name()).toList();
    try (Admin admin = CommittedRecords.admin(bootstrap)) {
      Await.until(Duration.ofSeconds(60), () -> {
        try {
          return admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
              .flatMap(d -> d.partitions().stream()).allMatch(i -> i.leader() != null && !i.leader().isEmpty());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        } catch (ExecutionException | TimeoutException e) {
          return false;
        }
      }, () -> "topics without a leader: " + names);
    }
  }

  /** A PARTNERSHIP deal event as enrich would write it, keyed by its pair. */
  static DealEvent partnership(String articleId, String a, String b, PartnershipStatus status, Instant published) {
    List<String> parties = new ArrayList<>(List.of(a, b));
    parties.sort(null);
    return DealEvent.newBuilder()
        .setEventId(articleId + "-0")
        .setType(EventType.PARTNERSHIP)
        .setParties(parties)
        .setStatus(status)
        .setEvidence(a + " has signed a partnership with " + b + ".")
        .setConfidence(1.0)
        .setArticleId(articleId)
        .setSource("Fault Desk")
        .setTitle(a + " and " + b + " team up")
        .setPublished(published)
        .build();
  }

  /** Sends raw key/value bytes to a topic, waits for the acknowledgement and returns where the record went. */
  static RecordMetadata sendRaw(String bootstrap, String topic, byte[] key, byte[] value) {
    return sendRaw(bootstrap, topic, null, key, value);
  }

  /** The same, to the given partition ({@code null}: the default partitioner decides). */
  static RecordMetadata sendRaw(String bootstrap, String topic, Integer partition, byte[] key, byte[] value) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      return producer.send(new ProducerRecord<>(topic, partition, key, value)).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot send to " + topic + ": " + e, e);
    }
  }

  /**
   * Why two alert lists differ, alert by alert (pair, transition, article, first reported), for failure messages:
   * ids alone say nothing.
   */
  static String describeDifference(List<PartnershipAlert> actual, List<PartnershipAlert> expected) {
    java.util.Set<String> actualIds = actual.stream().map(PartnershipAlert::getId).collect(
        java.util.stream.Collectors.toSet());
    java.util.Set<String> expectedIds = expected.stream().map(PartnershipAlert::getId).collect(
        java.util.stream.Collectors.toSet());
    StringBuilder out = new StringBuilder();
    actual.stream().filter(a -> !expectedIds.contains(a.getId())).limit(20)
        .forEach(a -> out.append("\n  unexpected ").append(line(a)));
    expected.stream().filter(a -> !actualIds.contains(a.getId())).limit(20)
        .forEach(a -> out.append("\n  missing    ").append(line(a)));
    return out.toString();
  }

  private static String line(PartnershipAlert a) {
    return a.getId() + " " + a.getKind() + " " + a.getPair() + " " + a.getPrevious() + " -> " + a.getCurrent()
        + " article " + a.getEvidence().getArticleId() + " first " + a.getFirstReported() + " \""
        + a.getEvidence().getSentence() + "\"";
  }

  /** The partition the default partitioner picks for a String key on a topic with {@code partitions}. */
  static int partitionOf(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** A webhooks file (JSON) with one subscription per {@code id=url} pair, all with the same secret. */
  static Path webhooksFile(Path dir, List<String[]> idAndUrl) {
    String secret = "whsec_" + Base64.getEncoder().encodeToString("fault-tests-secret-32-bytes-long".getBytes(
        StandardCharsets.US_ASCII));
    StringBuilder json = new StringBuilder("[\n");
    for (int i = 0; i < idAndUrl.size(); i++) {
      json.append("  {\"id\": \"").append(idAndUrl.get(i)[0]).append("\", \"url\": \"").append(idAndUrl.get(i)[1])
          .append("\", \"secret\": \"").append(secret).append("\"}").append(i + 1 < idAndUrl.size() ? ",\n" : "\n");
    }
    json.append("]\n");
    Path file = dir.resolve("webhooks.json");
    try {
      Files.writeString(file, json.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** The committed alerts on {@code alerts.partnership} (records that are not alerts, which tests plant, skipped). */
  static List<PartnershipAlert> committedAlerts(String bootstrap) {
    List<PartnershipAlert> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> r : CommittedRecords.readAll(bootstrap, Topics.ALERTS.name())) {
      try {
        out.add(ALERTS.decode(r.value()));
      } catch (SerializationException e) {
        // a poison record planted by PoisonRecordIT
      }
    }
    return out;
  }
}
