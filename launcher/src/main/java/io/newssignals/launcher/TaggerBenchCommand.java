package io.newssignals.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code pipeline bench tagger}: enrich's JMH benchmarks (tagger and extract per article). They live in enrich's
 * test sources with the JMH annotation processor, so this runs them through Maven from the source tree:
 * {@code mvn -B -pl enrich -Pjmh verify -Djmh.args="-f 1 [filter]"}.
 */
@Command(name = "tagger", mixinStandardHelpOptions = true,
    description = {"Enrich's JMH benchmarks (Aho-Corasick tagger vs regex alternation, full extract per article),",
        "run through Maven in the source tree (needs mvn on the PATH). Takes a few minutes."})
public final class TaggerBenchCommand implements Callable<Integer> {
  /** System property bin/pipeline sets to the repository root. */
  static final String HOME_PROPERTY = "newssignals.home";

  @Parameters(arity = "0..1", paramLabel = "REGEX", description = "Only benchmarks whose name matches (JMH filter).")
  String filter;

  @Option(names = "--jmh-args", paramLabel = "ARGS", defaultValue = "-f 1",
      description = "Other JMH arguments (default: ${DEFAULT-VALUE}).")
  String jmhArgs;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path root = repositoryRoot();
    List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q", "-pl", "enrich", "-Pjmh", "verify",
        "-Dsurefire.skip=true", "-Djmh.args=" + jmhArgs + (filter == null ? "" : " " + filter)));
    spec.commandLine().getErr().println("running in " + root + ": " + String.join(" ", command));
    spec.commandLine().getErr().flush();
    Process process = new ProcessBuilder(command).directory(root.toFile()).inheritIO().start();
    return process.waitFor();
  }

  private Path repositoryRoot() {
    String home = System.getProperty(HOME_PROPERTY);
    List<Path> candidates = new ArrayList<>();
    if (home != null) {
      candidates.add(Path.of(home));
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      candidates.add(dir);
    }
    for (Path dir : candidates) {
      if (Files.isRegularFile(dir.resolve("enrich").resolve("pom.xml")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
        return dir;
      }
    }
    throw new CommandLine.ParameterException(spec.commandLine(),
        "bench tagger runs from the source tree: run it from a checkout of news-signals (no enrich/pom.xml found)");
  }
}
