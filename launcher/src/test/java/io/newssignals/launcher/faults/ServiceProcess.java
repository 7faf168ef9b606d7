package io.newssignals.launcher.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service in its own JVM, started from the test's classpath with its module's command main, so that a test can
 * kill it with {@link #kill()} ({@code SIGKILL}: no shutdown hook, no commit, no transaction abort) and start it
 * again with the same arguments, environment and state directory. Output goes to a log file (appended across
 * restarts) that failure messages quote.
 */
final class ServiceProcess implements AutoCloseable {
  private final String name;
  private final List<String> command;
  private final Map<String, String> env;
  private final Path log;
  private Process process;
  private int starts;

  private ServiceProcess(String name, List<String> command, Map<String, String> env, Path log) {
    this.name = name;
    this.command = command;
    this.env = env;
    this.log = log;
  }

  /**
   * Starts {@code mainClass args...} in a new JVM.
   *
   * @param env environment variables added to this JVM's
   * @param logDir where {@code <name>.log} is written
   */
  static ServiceProcess start(String name, String mainClass, List<String> args, Map<String, String> env,
      Path logDir) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx384m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(ClasspathSnapshot.classpath());
    cmd.add(mainClass);
    cmd.addAll(args);
    ServiceProcess p = new ServiceProcess(name, List.copyOf(cmd), Map.copyOf(env), logDir.resolve(name + ".log"));
    p.launch();
    return p;
  }

  private void launch() {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // several services on one machine: each serves its operator endpoints on a free port unless told otherwise
    pb.environment().put("PIPELINE_HTTP_PORT", "0");
    pb.environment().putAll(env);
    try {
      Files.writeString(log, "---- start " + (++starts) + " of " + name + "\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      process = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /** {@code kill -9}: the JVM dies at once, in the middle of whatever it was doing. */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException(name + " did not die within 30 s of SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Starts the service again, same command, environment and state directory. */
  void restart() {
    if (process.isAlive()) {
      throw new IllegalStateException(name + " is still running");
    }
    launch();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The last {@code lines} lines of the log, for failure messages. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return name + " log (" + log + "):\n" + String.join("\n", all.subList(Math.max(0, all.size() - lines),
          all.size()));
    } catch (IOException e) {
      return name + " log unreadable: " + e;
    }
  }

  /** Stops the service gracefully (SIGTERM, so its shutdown hook closes it), forcibly after 30 s. */
  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
