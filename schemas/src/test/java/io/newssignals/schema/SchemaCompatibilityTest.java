package io.newssignals.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every schema must stay readable both ways against its released version, kept as a single self-contained
 * schema file per type in {@code src/test/resources/released/}: new readers read old records (fields added
 * later need defaults) and old readers read new records. To release a change, regenerate that folder with {@link ReleaseSchemas}.
 */
class SchemaCompatibilityTest {
  private static final Path RELEASED = Path.of("src/test/resources/released");

  static Stream<String> releasedTypes() throws IOException {
    try (Stream<Path> files = Files.list(RELEASED)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".avsc"))
          .map(n -> n.substring(0, n.length() - ".avsc".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("releasedTypes")
  void shouldStayCompatibleWithTheReleasedSchema(String type) throws Exception {
    Schema released;
    try (InputStream in = Files.newInputStream(RELEASED.resolve(type + ".avsc"))) {
      released = new Schema.Parser().parse(in);
    }
    Class<?> generated = Class.forName("io.newssignals.schema." + type);
    Schema current = SpecificData.get().getSchema(generated);

    var readsOld = SchemaCompatibility.checkReaderWriterCompatibility(current, released);
    var oldReadsNew = SchemaCompatibility.checkReaderWriterCompatibility(released, current);
    assertThat(readsOld.getType()).as("%s: current reader vs released writer: %s", type, readsOld.getDescription())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    assertThat(oldReadsNew.getType()).as("%s: released reader vs current writer: %s", type, oldReadsNew.getDescription())
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }
}
