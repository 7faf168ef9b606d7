package io.newssignals.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The small gazetteer of the unit tests (src/test/resources/test-gazetteer), independent of the bundled data. */
final class TestGazetteer {
  private static EnrichmentPipeline pipeline;

  private TestGazetteer() {}

  static Gazetteer load() {
    Gazetteer.Builder b = Gazetteer.builder();
    for (String f : new String[] {"organisations.csv", "people.csv", "products.csv"}) {
      try (InputStream in = TestGazetteer.class.getResourceAsStream("/test-gazetteer/" + f)) {
        b.add(f, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return b.build();
  }

  static synchronized EnrichmentPipeline pipeline() {
    if (pipeline == null) {
      pipeline = EnrichmentPipeline.withGazetteer(load());
    }
    return pipeline;
  }
}
