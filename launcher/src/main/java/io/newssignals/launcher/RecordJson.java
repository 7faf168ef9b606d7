package io.newssignals.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * JSON views of Kafka records for the operators' {@code tail} commands: where the record is (topic, partition,
 * offset, timestamp), then its fields. Avro values become objects field by field (timestamps as ISO-8601
 * instants, enums as names); raw bytes become text when they are UTF-8 text, else base64.
 */
final class RecordJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private RecordJson() {}

  /** {@code {"topic","partition","offset","timestamp"}} of a record. */
  static ObjectNode envelope(ConsumerRecord<?, ?> r) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("topic", r.topic());
    n.put("partition", r.partition());
    n.put("offset", r.offset());
    n.put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString());
    return n;
  }

  /** Every field of an Avro record, added to {@code into}. */
  static ObjectNode fields(IndexedRecord record, ObjectNode into) {
    for (Schema.Field f : record.getSchema().getFields()) {
      into.set(f.name(), value(record.get(f.pos())));
    }
    return into;
  }

  static JsonNode value(Object v) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (v == null) {
      return f.nullNode();
    } else if (v instanceof IndexedRecord r) {
      return fields(r, MAPPER.createObjectNode());
    } else if (v instanceof CharSequence || v instanceof Enum<?> || v instanceof Instant) {
      return f.textNode(v.toString());
    } else if (v instanceof Integer i) {
      return f.numberNode(i);
    } else if (v instanceof Long l) {
      return f.numberNode(l);
    } else if (v instanceof Double d) {
      return f.numberNode(d);
    } else if (v instanceof Float x) {
      return f.numberNode(x);
    } else if (v instanceof Boolean b) {
      return f.booleanNode(b);
    } else if (v instanceof ByteBuffer b) {
      byte[] bytes = new byte[b.remaining()];
      b.duplicate().get(bytes);
      return f.textNode(Base64.getEncoder().encodeToString(bytes));
    } else if (v instanceof Map<?, ?> m) {
      ObjectNode n = MAPPER.createObjectNode();
      m.forEach((k, x) -> n.set(String.valueOf(k), value(x)));
      return n;
    } else if (v instanceof Collection<?> c) {
      ArrayNode a = MAPPER.createArrayNode();
      c.forEach(x -> a.add(value(x)));
      return a;
    }
    return f.textNode(v.toString());
  }

  /** The record's headers as {@code {"name": "value"}} (values as UTF-8 text, else base64). */
  static ObjectNode headers(ConsumerRecord<?, ?> r) {
    ObjectNode n = MAPPER.createObjectNode();
    for (Header h : r.headers()) {
      n.put(h.key(), h.value() == null ? null : text(h.value()));
    }
    return n;
  }

  /** Puts {@code bytes} as {@code name} when it is UTF-8 text, else base64 as {@code name + "Base64"}. */
  static void putBytes(ObjectNode n, String name, byte[] bytes) {
    if (bytes == null) {
      n.putNull(name);
      return;
    }
    String s = utf8Text(bytes);
    if (s != null) {
      n.put(name, s);
    } else {
      n.put(name + "Base64", Base64.getEncoder().encodeToString(bytes));
    }
  }

  static String text(byte[] bytes) {
    String s = utf8Text(bytes);
    return s != null ? s : "base64:" + Base64.getEncoder().encodeToString(bytes);
  }

  /** The text, or null when the bytes are not valid UTF-8 or hold control characters other than white space. */
  static String utf8Text(byte[] bytes) {
    CharBuffer chars;
    try {
      chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      return null;
    }
    String s = chars.toString();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
        return null;
      }
    }
    return s;
  }
}
