package io.newssignals.launcher.faults;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * The test's classpath for service JVMs, with this project's own jars and class directories copied once to a
 * temporary directory: a service restarted in the middle of a test must load the same classes as before, even if
 * a build installs a new version of a module meanwhile (several builds share one local Maven repository on a
 * developer machine). Third-party jars are used where they are. A manifest-only booter jar (Surefire/Failsafe) is
 * expanded to the entries it lists.
 */
final class ClasspathSnapshot {
  private static String classpath;

  private ClasspathSnapshot() {}

  static synchronized String classpath() {
    if (classpath == null) {
      classpath = snapshot();
    }
    return classpath;
  }

  private static String snapshot() {
    try {
      Path dir = Files.createTempDirectory("fault-classpath-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(dir), "fault-classpath-cleanup"));
      List<String> out = new ArrayList<>();
      int n = 0;
      for (Path entry : entries()) {
        boolean own = entry.toString().contains(File.separator + "io" + File.separator + "newssignals"
            + File.separator) || Files.isDirectory(entry);
        if (!own || !Files.exists(entry)) {
          out.add(entry.toString());
          continue;
        }
        Path copy = dir.resolve((n++) + "-" + entry.getFileName());
        if (Files.isDirectory(entry)) {
          copyTree(entry, copy);
        } else {
          Files.copy(entry, copy, StandardCopyOption.COPY_ATTRIBUTES);
        }
        out.add(copy.toString());
      }
      return String.join(File.pathSeparator, out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot snapshot the test classpath", e);
    }
  }

  private static List<Path> entries() throws IOException {
    List<Path> entries = new ArrayList<>();
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (e.isBlank()) {
        continue;
      }
      Path p = Path.of(e);
      Manifest manifest = null;
      if (e.endsWith(".jar") && Files.isRegularFile(p)) {
        try (JarFile jar = new JarFile(p.toFile())) {
          manifest = jar.getManifest();
        }
      }
      String listed = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
      if (listed != null && !listed.isBlank() && e.contains("surefire")) {
        for (String url : listed.trim().split("\\s+")) {
          entries.add(Path.of(URI.create(url)));
        }
      } else {
        entries.add(p);
      }
    }
    return entries;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort: under the temp dir
    }
  }
}
