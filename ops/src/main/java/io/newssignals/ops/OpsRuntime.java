package io.newssignals.ops;

import io.newssignals.config.EffectiveSetting;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process's operator surface while it runs: its {@link OpsServer} and the {@link ClusterWatch} of the cluster it
 * works on, whose broker check is part of readiness. {@code --exit-after-broker-outage} exits the process with
 * status {@value #OUTAGE_EXIT_STATUS} (the shutdown hooks close the services).
 */
public final class OpsRuntime implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OpsRuntime.class);
  /** Exit status after a broker outage longer than {@code --exit-after-broker-outage}. */
  public static final int OUTAGE_EXIT_STATUS = 3;

  private final OpsOptions options;
  private final OpsServer server;
  private volatile ClusterWatch watch;

  private OpsRuntime(OpsOptions options, OpsServer server) {
    this.options = options;
    this.server = server;
  }

  /**
   * Starts the server and the cluster watch for {@code process} on {@code bootstrap}; {@code declared}: the
   * service's settings declarations, shown on the status page as they are in effect.
   */
  @SafeVarargs
  public static OpsRuntime start(OpsOptions options, String process, String bootstrap, Map<String, String> env,
      Function<Map<String, String>, List<EffectiveSetting>>... declared) {
    OpsRuntime rt = serve(options, process, env, declared);
    try {
      rt.watch(bootstrap);
    } catch (RuntimeException e) {
      rt.close();
      throw e;
    }
    return rt;
  }

  /**
   * Starts the server only, before the cluster is known (the embedded broker of {@code run} starts later): until
   * {@link #watch} is called, readiness reports "starting".
   */
  @SafeVarargs
  public static OpsRuntime serve(OpsOptions options, String process, Map<String, String> env,
      Function<Map<String, String>, List<EffectiveSetting>>... declared) {
    OpsRuntime rt = new OpsRuntime(options, options.startServer(process, env, declared));
    rt.server.addCheck(OpsServer.Check.of("startup", () -> rt.watch == null
        ? java.util.Optional.of(process + ": starting") : java.util.Optional.empty()));
    return rt;
  }

  /** Starts watching the cluster at {@code bootstrap}: broker reachability (readiness) and consumer lag. */
  public synchronized void watch(String bootstrap) {
    if (watch != null) {
      return;
    }
    ClusterWatch w = ClusterWatch.start(bootstrap);
    server.addCheck(w.check());
    server.section("lag", w::lag);
    options.exitAfterOutage().ifPresent(d -> w.exitAfterOutage(d, () -> {
      LOG.error("exiting with status {} so that the service is restarted", OUTAGE_EXIT_STATUS);
      // from a thread of its own: exit runs the shutdown hooks, which may wait for this watch to stop
      Thread t = new Thread(() -> System.exit(OUTAGE_EXIT_STATUS), "ops-outage-exit");
      t.start();
    }));
    watch = w;
  }

  public OpsServer server() {
    return server;
  }

  public ClusterWatch watch() {
    return watch;
  }

  @Override
  public void close() {
    ClusterWatch w = watch;
    if (w != null) {
      w.close();
    }
    server.close();
  }
}
