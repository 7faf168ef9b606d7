package io.newssignals.schema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * Writes the current schema of every record type on a topic, self-contained, to
 * {@code src/test/resources/released/}: the baseline {@link SchemaCompatibilityTest} checks against. Run it when
 * a schema version is released: {@code mvn -pl schemas test-compile exec:java
 * -Dexec.mainClass=io.newssignals.schema.ReleaseSchemas -Dexec.classpathScope=test}.
 */
public final class ReleaseSchemas {
  private ReleaseSchemas() {}

  public static void main(String[] args) throws IOException, ClassNotFoundException {
    Path out = Path.of(args.length > 0 ? args[0] : "src/test/resources/released");
    Files.createDirectories(out);
    for (String type : args.length > 1 ? args[1].split(",") : new String[] {
        "Article", "EnrichedArticle", "DealEvent", "Entity", "PartnershipState", "PartnershipAlert", "FeedState",
        "IngestError", "WebhookDeadLetter"}) {
      Schema schema = SpecificData.get().getSchema(Class.forName("io.newssignals.schema." + type));
      Files.writeString(out.resolve(type + ".avsc"), schema.toString(true) + "\n");
    }
  }
}
