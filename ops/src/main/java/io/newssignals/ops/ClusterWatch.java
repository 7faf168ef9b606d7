package io.newssignals.ops;

import io.micrometer.core.instrument.Gauge;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the Kafka cluster for one process: whether the broker answers (every 2 s) and how far behind the
 * process's consumer groups are (every 5 s while it answers).
 *
 * <ul>
 *   <li>An outage is logged once when it starts and once when it ends, with its length; meanwhile the
 *       {@linkplain #check() readiness check} fails and {@code newssignals_broker_reachable} is 0. With
 *       {@link #exitAfterOutage}, an outage longer than the given time calls the given action (the commands exit
 *       non-zero, so that an orchestrator restarts them).</li>
 *   <li>Lag: {@code newssignals_consumer_lag_records{group,topic}}, the read_committed end offsets minus the
 *       group's committed offsets, summed over the topic's partitions ({@link ConsumerLagWatcher}); the same
 *       figures as the {@code lag} section of {@code /api/status}.</li>
 * </ul>
 */
public final class ClusterWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterWatch.class);
  private static final long PING_MS = 2_000;
  private static final long LAG_EVERY_PINGS = 3;

  /** The lag of one group on one topic. */
  public record Lag(String group, String topic, long records) {}

  private final String bootstrap;
  private final Admin admin;
  private final ScheduledExecutorService timer;
  private final List<ConsumerLagWatcher.Group> groups = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicLong> lagGauges = new ConcurrentHashMap<>();
  private volatile List<Lag> lag = List.of();
  private volatile boolean reachable;
  private volatile boolean everReached;
  private volatile String lastProblem = "not checked yet";
  private volatile long outageSince = System.nanoTime();
  private volatile Duration exitAfter;
  private volatile Runnable onLongOutage;
  private long pings;

  private ClusterWatch(String bootstrap) {
    this.bootstrap = bootstrap;
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 4_000);
    p.put(AdminClientConfig.CLIENT_ID_CONFIG, "newssignals-ops-watch");
    this.admin = Admin.create(p);
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "ops-cluster-watch");
      t.setDaemon(true);
      return t;
    });
    Gauge.builder(OpsMetrics.BROKER_REACHABLE, this, w -> w.reachable ? 1 : 0)
        .description("1 while the Kafka broker answers, 0 during an outage").register(OpsMetrics.registry());
  }

  /** Starts watching {@code bootstrap}; the first check runs at once. */
  public static ClusterWatch start(String bootstrap) {
    ClusterWatch w = new ClusterWatch(bootstrap);
    w.timer.scheduleWithFixedDelay(w::tick, 0, PING_MS, TimeUnit.MILLISECONDS);
    return w;
  }

  /** Adds a consumer group whose lag is measured (a Streams application id and its input topics). */
  public void watchGroup(ConsumerLagWatcher.Group group) {
    groups.add(group);
  }

  /** After an outage of {@code after}, runs {@code action} once (from the watch thread). */
  public void exitAfterOutage(Duration after, Runnable action) {
    this.exitAfter = after;
    this.onLongOutage = action;
  }

  public boolean reachable() {
    return reachable;
  }

  /** The latest lag figures, per group and topic. */
  public List<Lag> lag() {
    return lag;
  }

  /** Readiness: the broker answers. */
  public OpsServer.Check check() {
    return OpsServer.Check.of("broker", () -> reachable ? Optional.empty()
        : Optional.of("broker " + bootstrap + " unreachable: " + lastProblem));
  }

  private void tick() {
    try {
      ping();
      if (reachable && pings++ % LAG_EVERY_PINGS == 0 && !groups.isEmpty()) {
        refreshLag();
      }
    } catch (RuntimeException e) {
      LOG.debug("cluster watch: {}", e.toString());
    }
  }

  private void ping() {
    String problem = null;
    try {
      admin.describeCluster(new DescribeClusterOptions().timeoutMs(3_000)).clusterId().get(4, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (ExecutionException e) {
      problem = String.valueOf(e.getCause() == null ? e : e.getCause().getMessage());
    } catch (TimeoutException e) {
      problem = "no answer within 4 s";
    }
    long now = System.nanoTime();
    if (problem == null) {
      if (!reachable && everReached) {
        LOG.info("broker {} reachable again after an outage of {} s", bootstrap,
            TimeUnit.NANOSECONDS.toSeconds(now - outageSince));
      }
      reachable = true;
      everReached = true;
      return;
    }
    lastProblem = problem;
    if (reachable || !everReached && pings == 0) {
      outageSince = now;
      LOG.error("broker {} unreachable ({}); services keep retrying, readiness reports 503 until it is back",
          bootstrap, problem);
    }
    reachable = false;
    pings++;
    Duration limit = exitAfter;
    Runnable action = onLongOutage;
    if (limit != null && action != null && now - outageSince >= limit.toNanos()) {
      onLongOutage = null;
      LOG.error("broker {} unreachable for more than {}: exiting (--exit-after-broker-outage)", bootstrap, limit);
      action.run();
    }
  }

  private void refreshLag() {
    ConsumerLagWatcher watcher = new ConsumerLagWatcher(admin);
    List<Lag> out = new ArrayList<>();
    for (ConsumerLagWatcher.Group g : groups) {
      Map<String, Long> byTopic = new java.util.TreeMap<>();
      for (Map.Entry<TopicPartition, Long> e : watcher.partitionLag(g).entrySet()) {
        byTopic.merge(e.getKey().topic(), e.getValue(), Long::sum);
      }
      byTopic.forEach((topic, records) -> {
        out.add(new Lag(g.groupId(), topic, records));
        lagGauges.computeIfAbsent(g.groupId() + "|" + topic, k -> {
          AtomicLong v = new AtomicLong();
          Gauge.builder(OpsMetrics.CONSUMER_LAG, v, AtomicLong::get).baseUnit("records")
              .description("Records a consumer group still has to read, read_committed")
              .tags("group", g.groupId(), "topic", topic).register(OpsMetrics.registry());
          return v;
        }).set(records);
      });
    }
    lag = List.copyOf(out);
  }

  @Override
  public void close() {
    timer.shutdownNow();
    admin.close(Duration.ofSeconds(2));
  }
}
