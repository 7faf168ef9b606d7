package io.newssignals.topics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * The static group membership ({@code group.instance.id}) of a Kafka Streams service instance. A member killed with
 * {@code SIGKILL} leaves no {@code LeaveGroup} behind; with dynamic membership its partitions wait for the session
 * timeout (45 s) before anyone may take them, even the same instance restarted at once. A static member that comes
 * back under the same id gets its partitions again without waiting or rebalancing.
 *
 * <p>The id must be stable across restarts of one instance and unique among the instances of one application. The
 * default meets both: a random id generated on first start and kept in the instance's state directory (which one
 * instance owns, and which holds its state stores anyway). Kafka Streams appends {@code -<thread index>}.
 */
public final class GroupInstanceId {
  /** The setting's value that turns static membership off (dynamic membership, as Kafka's default). */
  public static final String NONE = "none";
  /** The file in the state directory that keeps the generated id. */
  public static final String FILE = "group-instance-id";

  private GroupInstanceId() {}

  /**
   * The id to use: {@code configured} when set, none when it is {@value #NONE}, otherwise the id kept in
   * {@code stateDir} (generated there, {@code <applicationId>-<random>}, on first use).
   */
  public static Optional<String> resolve(String configured, Path stateDir, String applicationId) {
    if (configured != null && !configured.isBlank()) {
      String v = configured.strip();
      return NONE.equalsIgnoreCase(v) ? Optional.empty() : Optional.of(v);
    }
    Path file = stateDir.resolve(FILE);
    try {
      if (Files.isRegularFile(file)) {
        String kept = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!kept.isEmpty()) {
          return Optional.of(kept);
        }
      }
      String id = applicationId + "-" + UUID.randomUUID().toString().substring(0, 8);
      Files.createDirectories(stateDir);
      Path tmp = Files.createTempFile(stateDir, FILE, ".tmp");
      Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      return Optional.of(id);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the group instance id in " + file, e);
    }
  }
}
