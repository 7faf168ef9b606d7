package io.newssignals.launcher;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Apache Kafka 4.1 broker in KRaft mode (one process plays broker and controller), on loopback, for
 * local runs ({@code bin/pipeline run}) and integration tests.
 *
 * <p>The data directory is formatted on first start and reused afterwards, so topics and offsets survive a
 * {@link #restart()} or a new process on the same directory. Ports are chosen free at construction (unless given)
 * and kept across {@link #restart()}, so clients can reconnect to the same {@link #bootstrapServers()}.
 *
 * <p>Settings are sized for one laptop: internal topics (consumer offsets, transaction state, share-group state)
 * have replication factor 1 and few partitions, the first consumer-group rebalance is not delayed, and the log
 * cleaner uses a small buffer. Topic auto-creation is off: topics are created explicitly with the partition counts
 * of {@link io.newssignals.topics.Topics}.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final String HOST = "127.0.0.1";
  private static final String LOCK_FILE = ".embedded-broker.lock";

  private final Path dataDir;
  private final int brokerPort;
  private final int controllerPort;
  private final Map<String, String> overrides;
  private KafkaRaftServer server;
  private FileChannel lockChannel;
  private FileLock lock;

  /** A broker storing its data in {@code dataDir}, on free loopback ports. */
  public EmbeddedKafkaBroker(Path dataDir) {
    this(dataDir, 0, Map.of());
  }

  /**
   * A broker storing its data in {@code dataDir}.
   *
   * @param brokerPort client port, or 0 for a free one
   * @param overrides broker settings that replace the defaults (for example {@code log.retention.ms})
   */
  public EmbeddedKafkaBroker(Path dataDir, int brokerPort, Map<String, String> overrides) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath();
    this.brokerPort = brokerPort == 0 ? freePort() : brokerPort;
    this.controllerPort = freePort();
    this.overrides = Map.copyOf(overrides);
  }

  /** Formats the data directory if it is new, starts the broker and waits until it serves clients. */
  public synchronized EmbeddedKafkaBroker start() {
    return start(false);
  }

  /**
   * Deletes everything in the data directory (once it is locked, so never under another running broker), then
   * starts as {@link #start()} on an empty directory.
   */
  public synchronized EmbeddedKafkaBroker startFresh() {
    return start(true);
  }

  private EmbeddedKafkaBroker start(boolean wipe) {
    if (server != null) {
      return this;
    }
    long t0 = System.nanoTime();
    KafkaConfig config = new KafkaConfig(brokerProperties(), false);
    lockDataDir();
    if (wipe) {
      wipeDataDir();
    }
    formatIfNeeded(config);
    KafkaRaftServer s = new KafkaRaftServer(config, Time.SYSTEM);
    try {
      s.startup();
    } catch (RuntimeException e) {
      shutdownQuietly(s);
      unlockDataDir();
      throw new IllegalStateException("embedded Kafka broker failed to start on " + bootstrapServers()
          + " with data in " + dataDir + ": " + e.getMessage(), e);
    }
    server = s;
    awaitReady();
    LOG.info("embedded Kafka broker ready bootstrap={} dataDir={} startupMs={}",
        bootstrapServers(), dataDir, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
    return this;
  }

  /** {@code host:port} of the client listener; stable across {@link #restart()}. */
  public String bootstrapServers() {
    return HOST + ":" + brokerPort;
  }

  /** Where the broker keeps its logs and metadata. */
  public Path dataDir() {
    return dataDir;
  }

  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Stops the broker (keeping its data) and starts it again on the same ports and data directory. */
  public synchronized void restart() {
    stop();
    start();
  }

  /** Stops the broker; its data stays in {@link #dataDir()} and it can be {@link #start() started} again. */
  public synchronized void stop() {
    if (server == null) {
      return;
    }
    KafkaRaftServer s = server;
    server = null;
    long t0 = System.nanoTime();
    shutdownQuietly(s);
    unlockDataDir();
    LOG.info("embedded Kafka broker stopped bootstrap={} shutdownMs={}",
        bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
  }

  @Override
  public void close() {
    stop();
  }

  Properties brokerProperties() {
    Map<String, String> p = new TreeMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
    p.put("listeners", "PLAINTEXT://" + HOST + ":" + brokerPort + ",CONTROLLER://" + HOST + ":" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", dataDir.toString());
    p.put("auto.create.topics.enable", "false");
    p.put("num.partitions", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "3");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "3");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("num.recovery.threads.per.data.dir", "1");
    p.put("background.threads", "2");
    p.put("log.cleaner.threads", "1");
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
    // a laptop restart should not wait for the previous incarnation's session to expire
    p.put("broker.session.timeout.ms", "6000");
    p.put("broker.heartbeat.interval.ms", "500");
    p.putAll(overrides);
    Properties props = new Properties();
    props.putAll(p);
    return props;
  }

  /**
   * Two brokers on one data directory corrupt each other's metadata log (Kafka does not stop the second one), so
   * the directory is locked for as long as this broker runs: a second {@code run} on it fails at once instead.
   */
  private void lockDataDir() {
    try {
      Files.createDirectories(dataDir);
      lockChannel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        lock = lockChannel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        lockChannel.close();
        lockChannel = null;
        throw new IllegalStateException("Kafka data directory " + dataDir + " is in use by another running broker"
            + " (another `pipeline run` on the same --data-dir?)");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock Kafka data directory " + dataDir, e);
    }
  }

  private void wipeDataDir() {
    try (Stream<Path> children = Files.list(dataDir)) {
      for (Path child : children.filter(p -> !p.getFileName().toString().equals(LOCK_FILE)).toList()) {
        try (Stream<Path> tree = Files.walk(child)) {
          for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
    } catch (IOException e) {
      unlockDataDir();
      throw new UncheckedIOException("cannot delete the contents of " + dataDir, e);
    }
  }

  private void unlockDataDir() {
    try {
      if (lock != null) {
        lock.release();
      }
      if (lockChannel != null) {
        lockChannel.close();
      }
    } catch (IOException e) {
      LOG.warn("cannot release the lock of {}: {}", dataDir, e.toString());
    } finally {
      lock = null;
      lockChannel = null;
    }
  }

  private void formatIfNeeded(KafkaConfig config) {
    if (Files.exists(dataDir.resolve("meta.properties"))) {
      return;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Formatter formatter = new Formatter()
        .setPrintStream(new PrintStream(out, true, StandardCharsets.UTF_8))
        .setNodeId(config.nodeId())
        .setClusterId(Uuid.randomUuid().toString())
        .setIgnoreFormatted(true)
        .setControllerListenerName(config.controllerListenerNames().get(0))
        .setMetadataLogDirectory(config.metadataLogDir())
        .setHasDynamicQuorum(false);
    config.logDirs().forEach(formatter::addDirectory);
    try {
      formatter.run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format Kafka storage in " + dataDir + ": " + e.getMessage()
          + " " + out.toString(StandardCharsets.UTF_8).trim(), e);
    }
    LOG.debug("formatted Kafka storage {}", out.toString(StandardCharsets.UTF_8).trim());
  }

  private void awaitReady() {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
    try (Admin admin = Admin.create(props)) {
      admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the embedded broker", e);
    } catch (Exception e) {
      stop();
      throw new IllegalStateException("embedded Kafka broker on " + bootstrapServers() + " did not become ready: "
          + e.getMessage(), e);
    }
  }

  private static void shutdownQuietly(KafkaRaftServer s) {
    try {
      s.shutdown();
      s.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("embedded Kafka broker shutdown failed: {}", e.toString());
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + HOST, e);
    }
  }
}
