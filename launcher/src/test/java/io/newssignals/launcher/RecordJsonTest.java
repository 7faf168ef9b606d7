package io.newssignals.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newssignals.schema.IngestError;
import io.newssignals.schema.IngestErrorKind;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecordJsonTest {

  @Test
  void shouldWriteEveryAvroFieldWithInstantsAndEnumsAsText() {
    IngestError e = IngestError.newBuilder().setFeedUrl("https://example.com/rss").setKind(IngestErrorKind.values()[0])
        .setHttpStatus(null).setMessage("boom").setAttempt(2).setAt(Instant.parse("2025-01-01T00:00:00Z")).build();

    ObjectNode n = RecordJson.fields(e, RecordJson.MAPPER.createObjectNode());

    assertThat(n.toString()).isEqualTo("{\"feedUrl\":\"https://example.com/rss\",\"kind\":\""
        + IngestErrorKind.values()[0].name() + "\",\"httpStatus\":null,\"message\":\"boom\",\"attempt\":2,"
        + "\"at\":\"2025-01-01T00:00:00Z\"}");
  }

  @Test
  void shouldShowTextAsTextAndBinaryAsBase64() {
    ObjectNode n = RecordJson.MAPPER.createObjectNode();
    RecordJson.putBytes(n, "key", "Apple|OpenAI".getBytes(StandardCharsets.UTF_8));
    RecordJson.putBytes(n, "value", new byte[] {(byte) 0xC3, 0x01, 0x00, (byte) 0xFF});

    assertThat(n.toString()).isEqualTo("{\"key\":\"Apple|OpenAI\",\"valueBase64\":\"wwEA/w==\"}");
  }
}
