package io.newssignals.enrich;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * The blind split of the labelled corpus ({@code eval/corpus/b4}, {@code b5}, {@code b6}): scored by the lead at
 * milestones, never trained or tuned on. Every training command passes its inputs through {@link #refuse} first, so
 * a blind folder given by mistake stops the command before anything is read.
 */
public final class BlindSplit {

  /** Author folders under {@code eval/corpus} that are blind (b1-b3 were, until they became training data). */
  public static final Set<String> FOLDERS = Set.of("b4", "b5", "b6");

  private BlindSplit() {}

  /** Whether this path is, or lies inside, a blind author folder ({@code .../corpus/b4/...}). */
  public static boolean isBlind(Path p) {
    Path n = p.toAbsolutePath().normalize();
    for (int i = 1; i < n.getNameCount(); i++) {
      if (n.getName(i - 1).toString().equals("corpus") && FOLDERS.contains(n.getName(i).toString())) {
        return true;
      }
    }
    return false;
  }

  /** Fails, naming the folder, when any input is blind. */
  public static void refuse(String command, List<Path> inputs) {
    for (Path p : inputs) {
      if (p != null && isBlind(p)) {
        throw new IllegalArgumentException(command + ": " + p + " is the blind split (eval/corpus/"
            + String.join(", ", FOLDERS.stream().sorted().toList()) + "), which no training command may read");
      }
    }
  }
}
