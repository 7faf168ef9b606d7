package io.newssignals.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One real Kafka broker per test JVM, shared by every integration test: started lazily on first use in a temporary
 * directory, stopped and deleted by a shutdown hook. Topic auto-creation is off: create the topics a test needs
 * (for example {@code TopicAdmin.ensureTopics(SharedKafka.bootstrapServers(), Topics.all(), 1)}), and use unique
 * consumer-group and application ids per test so tests do not see each other's offsets.
 */
public final class SharedKafka {
  private static EmbeddedKafkaBroker broker;

  private SharedKafka() {}

  /** {@code host:port} of the shared broker, starting it on first call. */
  public static synchronized String bootstrapServers() {
    return broker().bootstrapServers();
  }

  /** The shared broker itself, for tests that restart it; restart it only in tests that can tolerate it. */
  public static synchronized EmbeddedKafkaBroker broker() {
    if (broker == null) {
      Path dir;
      try {
        dir = Files.createTempDirectory("news-signals-kafka-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      EmbeddedKafkaBroker b = new EmbeddedKafkaBroker(dir).start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        b.close();
        deleteRecursively(dir);
      }, "shared-kafka-shutdown"));
      broker = b;
    }
    return broker;
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: the directory is under the temp dir
    }
  }
}
