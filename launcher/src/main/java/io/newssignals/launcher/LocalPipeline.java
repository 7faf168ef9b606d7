package io.newssignals.launcher;

import io.newssignals.alerts.AlertHistory;
import io.newssignals.ops.ConsumerLagWatcher;
import io.newssignals.ops.OpsRuntime;
import io.newssignals.ops.OpsServer;
import io.newssignals.schema.PartnershipAlert;
import io.newssignals.topics.Topic;
import io.newssignals.topics.TopicAdmin;
import io.newssignals.topics.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one JVM, as {@code bin/pipeline run} starts it: an embedded broker unless a cluster is
 * given, every topic of {@link Topics#all()}, then ingest, enrich and alerts, and a tail of
 * {@code alerts.partnership} that sees the alerts produced from now on.
 *
 * <p>Services start downstream first (alerts, enrich, then ingest), so every consumer is subscribed before the
 * first article is published, and stop upstream first (ingest, enrich, alerts), then the embedded broker.
 *
 * <p>Data directory layout: {@code <dataDir>/kafka} (embedded broker) and {@code <dataDir>/state/<service>} (Kafka
 * Streams state stores). Everything survives a restart unless {@link Options#fresh()} wipes those two folders.
 */
public final class LocalPipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LocalPipeline.class);

  /**
   * How to run the pipeline.
   *
   * @param bootstrapServers an existing cluster, or empty to start an embedded broker in {@code dataDir/kafka}
   * @param dataDir root of the embedded broker's data and the services' local state
   * @param fresh delete {@code dataDir/kafka} and {@code dataDir/state} before starting
   * @param feedsFile feeds to poll, or empty for the bundled sample feeds
   * @param webhooksFile webhook subscriptions, or empty for none
   * @param replicationFactor of the topics created (capped at the number of brokers)
   * @param instanceId suffix of application ids, group ids and transactional ids; empty for the production ids
   *     (tests sharing one broker set it to keep their consumer groups apart)
   * @param env environment the services read their other settings from
   */
  public record Options(
      Optional<String> bootstrapServers,
      Path dataDir,
      boolean fresh,
      Optional<Path> feedsFile,
      Optional<Path> webhooksFile,
      int replicationFactor,
      Optional<String> instanceId,
      Map<String, String> env) {
    public Options {
      Objects.requireNonNull(bootstrapServers, "bootstrapServers");
      Objects.requireNonNull(dataDir, "dataDir");
      Objects.requireNonNull(feedsFile, "feedsFile");
      Objects.requireNonNull(webhooksFile, "webhooksFile");
      Objects.requireNonNull(instanceId, "instanceId");
      env = Map.copyOf(env);
      if (replicationFactor < 1) {
        throw new IllegalArgumentException("replication factor must be >= 1, got " + replicationFactor);
      }
    }

    /** Embedded broker in {@code dataDir}, bundled samples, no webhooks, replication factor 1. */
    public static Options local(Path dataDir) {
      return new Options(Optional.empty(), dataDir, false, Optional.empty(), Optional.empty(), 1, Optional.empty(),
          Map.of());
    }

    public Options withBootstrapServers(String v) {
      return new Options(Optional.of(v), dataDir, fresh, feedsFile, webhooksFile, replicationFactor, instanceId, env);
    }

    public Options withFresh(boolean v) {
      return new Options(bootstrapServers, dataDir, v, feedsFile, webhooksFile, replicationFactor, instanceId, env);
    }

    public Options withFeedsFile(Path v) {
      return new Options(bootstrapServers, dataDir, fresh, Optional.ofNullable(v), webhooksFile, replicationFactor,
          instanceId, env);
    }

    public Options withWebhooksFile(Path v) {
      return new Options(bootstrapServers, dataDir, fresh, feedsFile, Optional.ofNullable(v), replicationFactor,
          instanceId, env);
    }

    public Options withReplicationFactor(int v) {
      return new Options(bootstrapServers, dataDir, fresh, feedsFile, webhooksFile, v, instanceId, env);
    }

    public Options withInstanceId(String v) {
      return new Options(bootstrapServers, dataDir, fresh, feedsFile, webhooksFile, replicationFactor,
          Optional.ofNullable(v), env);
    }

    public Options withEnv(Map<String, String> v) {
      return new Options(bootstrapServers, dataDir, fresh, feedsFile, webhooksFile, replicationFactor, instanceId, v);
    }

    Path kafkaDir() {
      return dataDir.resolve("kafka");
    }

    Path stateDir(String service) {
      return dataDir.resolve("state").resolve(service);
    }

    String id(String base) {
      return instanceId.map(s -> base + "-" + s).orElse(base);
    }
  }

  private final Options options;
  private final EmbeddedKafkaBroker broker;
  private final String bootstrapServers;
  private final List<PipelineStage> stages;
  private final AlertTail alertTail;
  private AlertHistory alertHistory;

  private LocalPipeline(Options options, EmbeddedKafkaBroker broker, String bootstrapServers,
      List<PipelineStage> stages, AlertTail alertTail) {
    this.options = options;
    this.broker = broker;
    this.bootstrapServers = bootstrapServers;
    this.stages = stages;
    this.alertTail = alertTail;
  }

  /**
   * Starts the broker (if embedded), creates the topics, starts the services and opens the alert tail. On failure
   * everything already started is closed again.
   *
   * @param schedulePolls let ingest poll its feeds on their intervals; {@code false} for {@code --once}, where the
   *     caller polls with {@link #pollAllOnce()}
   */
  public static LocalPipeline start(Options options, boolean schedulePolls) {
    EmbeddedKafkaBroker broker = null;
    List<PipelineStage> started = new ArrayList<>();
    AlertTail tail = null;
    try {
      String bootstrap;
      if (options.bootstrapServers().isPresent()) {
        bootstrap = options.bootstrapServers().get();
        if (options.fresh()) {
          LOG.warn("--fresh with an existing cluster wipes only local state in {}; the cluster's topics are kept",
              options.dataDir());
        }
      } else {
        // the broker wipes its directory only once it holds its lock: never under another run
        broker = new EmbeddedKafkaBroker(options.kafkaDir());
        broker = options.fresh() ? broker.startFresh() : broker.start();
        bootstrap = broker.bootstrapServers();
      }
      if (options.fresh()) {
        deleteRecursively(options.dataDir().resolve("state"));
      }
      TopicAdmin.ensureTopics(bootstrap, Topics.all(), options.replicationFactor());
      tail = new AlertTail(bootstrap);
      List<PipelineStage> stages = PipelineStages.create(options, bootstrap);
      if (broker != null) {
        removeStaleMembers(bootstrap, stages);
      }
      // downstream first: consumers are subscribed before ingest publishes its first batch
      for (int i = stages.size() - 1; i >= 0; i--) {
        PipelineStage stage = stages.get(i);
        long t0 = System.nanoTime();
        stage.start(schedulePolls);
        started.add(0, stage);
        LOG.info("started {} in {} ms", stage.name(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
      }
      LOG.info("pipeline running bootstrap={} dataDir={}", bootstrap, options.dataDir().toAbsolutePath());
      return new LocalPipeline(options, broker, bootstrap, List.copyOf(started), tail);
    } catch (RuntimeException e) {
      closeAll(started, tail, broker);
      throw e;
    }
  }

  /** The cluster the pipeline runs on (the embedded broker's address when embedded). */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /** The embedded broker, or empty when running against an existing cluster. */
  public Optional<EmbeddedKafkaBroker> embeddedBroker() {
    return Optional.ofNullable(broker);
  }

  /** Polls every feed once and publishes the new articles; returns how many were published. */
  public int pollAllOnce() {
    int published = 0;
    for (PipelineStage stage : stages) {
      published += stage.pollOnce();
    }
    return published;
  }

  /** Consumer groups of the pipeline with their input topics, upstream first. */
  public List<ConsumerLagWatcher.Group> consumerGroups() {
    return stages.stream().flatMap(s -> s.consumerGroup().stream()).toList();
  }

  /**
   * Waits until the pipeline is quiet: every service has consumed everything committed to its inputs (consumer
   * lag zero), none holds consumed input back (alerts' reorder buffer empty), and no transaction is open on any
   * pipeline topic — twice in a row, 250 ms apart. Then every alert the current input leads to is committed on
   * {@code alerts.partnership}.
   *
   * @throws IllegalStateException naming what is still behind, after {@code timeout}
   */
  public void awaitCaughtUp(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    awaitRunning(timeout);
    Set<String> topics = Topics.all().stream().map(Topic::name).collect(Collectors.toSet());
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      ConsumerLagWatcher watcher = new ConsumerLagWatcher(admin);
      int quietChecks = 0;
      while (true) {
        checkHealthy();
        // downstream state read first: anything it releases afterwards shows up as an open transaction
        long pending = stages.stream().mapToLong(PipelineStage::pendingWork).sum();
        Map<String, Long> lag = watcher.lagByGroup(consumerGroups());
        Set<String> open = watcher.openTransactions(topics);
        boolean quiet = pending == 0 && lag.values().stream().allMatch(l -> l == 0) && open.isEmpty();
        quietChecks = quiet ? quietChecks + 1 : 0;
        if (quietChecks >= 2) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the pipeline did not catch up within " + timeout.toSeconds()
              + " s: still to consume " + watcher.describeLag(consumerGroups())
              + "; parked records (novelty stage, reorder buffer) " + pending
              + "; open transactions on " + open);
        }
        LOG.debug("waiting: lag {}, parked {}, open transactions {}", lag, pending, open);
        try {
          Thread.sleep(250);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for the pipeline to catch up", e);
        }
      }
    }
  }

  /**
   * Waits until every service is processing (each Streams application {@code RUNNING}: partitions assigned, state
   * restored). Zero lag means nothing only once that is so, and a Streams application closed in the middle of a
   * rebalance takes its whole close timeout.
   */
  public void awaitRunning(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      checkHealthy();
      List<String> starting = stages.stream().filter(s -> !s.isRunning()).map(PipelineStage::name).toList();
      if (starting.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(String.join(", ", starting) + " did not reach RUNNING within "
            + timeout.toSeconds() + " s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the services to run", e);
      }
    }
  }

  /**
   * Shows the pipeline on the operator surface: each service's readiness (failed, starting or running), the lag
   * of its consumer group, ingest's feeds, and the alerts and pairs of {@code alerts.partnership}.
   */
  public synchronized void expose(OpsRuntime surface) {
    for (PipelineStage stage : stages) {
      surface.server().addCheck(OpsServer.Check.of(stage.name(), () -> stage.failure()
          .or(() -> stage.isRunning() ? Optional.empty() : Optional.of(stage.name() + ": starting"))));
      stage.consumerGroup().ifPresent(surface.watch()::watchGroup);
      stage.expose(surface.server());
    }
    if (alertHistory == null) {
      alertHistory = AlertHistory.start(bootstrapServers);
    }
    alertHistory.expose(surface.server());
  }

  /** Why a service has stopped working, or empty while all are healthy. */
  public Optional<String> failure() {
    return stages.stream().flatMap(s -> s.failure().stream()).findFirst();
  }

  private void checkHealthy() {
    failure().ifPresent(f -> {
      throw new IllegalStateException(f);
    });
  }

  /** Alerts committed since the last call (or since start), waiting up to {@code timeout} for the first. */
  public List<PartnershipAlert> pollAlerts(Duration timeout) {
    return alertTail.poll(timeout);
  }

  /** Every alert committed since the last read, up to the current end of the topic. */
  public List<PartnershipAlert> drainAlerts(Duration timeout) {
    return alertTail.drain(timeout);
  }

  /**
   * Reads alerts from the positions recorded in {@code file} by an earlier run (alerts committed but not printed
   * before it stopped come first), or records the current ones there; see {@link #markAlertsPrinted()}.
   */
  public void resumeAlertsFrom(Path file) {
    alertTail.resumeFrom(file);
  }

  /** Every alert polled or drained so far is printed: a later {@link #resumeAlertsFrom} starts after them. */
  public void markAlertsPrinted() {
    alertTail.markPrinted();
  }

  /** Interrupts a {@link #pollAlerts} in progress (from another thread, e.g. a shutdown hook). */
  public void wakeup() {
    alertTail.wakeup();
  }

  public Options options() {
    return options;
  }

  /** Stops ingest first, then enrich and alerts, then the alert tail, and the embedded broker last. */
  @Override
  public void close() {
    synchronized (this) {
      if (alertHistory != null) {
        try {
          alertHistory.close();
        } catch (RuntimeException e) {
          // an interrupt from the stop signal during close (Kafka's InterruptException) must not leave the
          // services and the broker running
          LOG.warn("closing the alert history failed: {}", e.toString());
        }
        alertHistory = null;
      }
    }
    closeAll(stages, alertTail, broker);
  }

  private static void closeAll(List<PipelineStage> stages, AlertTail tail, EmbeddedKafkaBroker broker) {
    for (PipelineStage s : stages) {
      try {
        s.close();
      } catch (RuntimeException e) {
        LOG.warn("closing {} failed: {}", s.name(), e.toString());
      }
    }
    if (tail != null) {
      try {
        tail.close();
      } catch (RuntimeException e) {
        LOG.warn("closing the alert tail failed: {}", e.toString());
      }
    }
    if (broker != null) {
      broker.close();
    }
  }

  /**
   * Removes the members a previous run left in the services' consumer groups. Kafka Streams does not leave its
   * group on close, so without this a restarted {@code run} waits a whole session timeout (45 s) before its
   * Streams applications get their partitions. Only with the embedded broker: on a shared cluster those members
   * may be live instances.
   */
  private static void removeStaleMembers(String bootstrap, List<PipelineStage> stages) {
    List<String> groups = stages.stream().flatMap(s -> s.consumerGroup().stream())
        .map(ConsumerLagWatcher.Group::groupId).toList();
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      for (var entry : admin.describeConsumerGroups(groups).describedGroups().entrySet()) {
        ConsumerGroupDescription group;
        try {
          group = entry.getValue().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (e.getCause() instanceof GroupIdNotFoundException) {
            continue; // first run: nothing to clean up
          }
          throw e;
        }
        if (!group.members().isEmpty()) {
          admin.removeMembersFromConsumerGroup(group.groupId(), new RemoveMembersFromConsumerGroupOptions())
              .all().get(30, TimeUnit.SECONDS);
          LOG.info("removed {} members of consumer group {} left by a previous run", group.members().size(),
              group.groupId());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while cleaning up consumer groups", e);
    } catch (ExecutionException | TimeoutException e) {
      // not fatal: the services still start, after the old members' session timeout
      LOG.warn("could not remove members left by a previous run: {}", e.getMessage());
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir + " for --fresh", e);
    }
  }
}
