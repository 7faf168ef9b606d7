package io.newssignals.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newssignals.schema.Article;
import io.newssignals.schema.IngestError;
import io.newssignals.schema.IngestErrorKind;
import java.time.Instant;
import java.util.List;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
  private static final AvroSerde<Article> SERDE = AvroSerde.of(Article.class);

  private static Article article() {
    return Article.newBuilder()
        .setId("a-1")
        .setSource("Wire")
        .setUrl("https://example.com/a")
        .setTitle("Title")
        .setBody("Body")
        .setPublished(Instant.parse("2025-01-22T18:00:00Z"))
        .setTags(List.of("tech"))
        .build();
  }

  @Test
  void shouldRoundTripARecord() {
    byte[] bytes = SERDE.serializer().serialize("t", article());
    assertThat(SERDE.deserializer().deserialize("t", bytes)).isEqualTo(article());
  }

  @Test
  void shouldWriteSingleObjectEncodingWithTheSchemaFingerprint() {
    byte[] bytes = SERDE.encode(article());
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    long fingerprint = SchemaNormalization.parsingFingerprint64(Article.getClassSchema());
    long written = 0;
    for (int i = 0; i < 8; i++) {
      written |= (bytes[2 + i] & 0xFFL) << (8 * i);
    }
    assertThat(written).isEqualTo(fingerprint);
  }

  @Test
  void shouldRejectBytesThatAreNotAnAvroRecord() {
    assertThatThrownBy(() -> SERDE.decode("not avro at all".getBytes()))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("Article");
  }

  @Test
  void shouldRejectARecordWithAnUnknownFingerprint() {
    byte[] other = AvroSerde.of(IngestError.class).encode(IngestError.newBuilder()
        .setFeedUrl("https://f")
        .setKind(IngestErrorKind.TIMEOUT)
        .setMessage("slow")
        .setAttempt(1)
        .setAt(Instant.EPOCH)
        .build());
    assertThatThrownBy(() -> SERDE.decode(other)).isInstanceOf(SerializationException.class);
  }

  @Test
  void shouldPassNullThroughForTombstones() {
    assertThat(SERDE.encode(null)).isNull();
    assertThat(SERDE.decode(null)).isNull();
  }
}
