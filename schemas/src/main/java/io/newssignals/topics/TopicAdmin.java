package io.newssignals.topics;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates missing topics at start-up, with the partition count and configs of their descriptor. */
public final class TopicAdmin {
  private static final Logger LOG = LoggerFactory.getLogger(TopicAdmin.class);

  private static final int REACHABLE_TIMEOUT_MS = 3_000;

  private TopicAdmin() {}

  /**
   * Creates every topic of {@code topics} that does not exist yet. The replication factor is the requested one,
   * capped at the number of brokers (so a single local broker works).
   *
   * @return that effective replication factor, for the topics a service creates itself (Kafka Streams' internal
   *     changelog and repartition topics)
   */
  /**
   * Fails within seconds when no broker of {@code bootstrapServers} accepts a TCP connection, naming the
   * addresses: {@code broker 127.0.0.1:1 unreachable (Connection refused)}. Without it a client retries until its
   * API time-out (a minute) and then reports only a time-out. A broker that accepts connections but answers slowly
   * is left to the client's own time-outs.
   *
   * @throws IllegalStateException naming every address tried and why it failed
   */
  public static void requireReachable(String bootstrapServers) {
    requireReachable(bootstrapServers, REACHABLE_TIMEOUT_MS);
  }

  static void requireReachable(String bootstrapServers, int timeoutMs) {
    List<String> failures = new ArrayList<>();
    List<String> addresses = new ArrayList<>();
    for (String raw : bootstrapServers.split(",")) {
      String address = raw.trim().replaceFirst("^[A-Za-z_]+://", "");
      if (address.isEmpty()) {
        continue;
      }
      addresses.add(address);
      int colon = address.lastIndexOf(':');
      if (colon <= 0 || colon == address.length() - 1) {
        failures.add("not host:port");
        continue;
      }
      String host = address.substring(0, colon).replace("[", "").replace("]", "");
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, Integer.parseInt(address.substring(colon + 1))), timeoutMs);
        return; // one live broker is enough: the client learns the others from it
      } catch (NumberFormatException e) {
        failures.add("bad port");
      } catch (UnknownHostException e) {
        failures.add("unknown host");
      } catch (SocketTimeoutException e) {
        failures.add("no answer within " + timeoutMs / 1000 + " s");
      } catch (IOException | IllegalArgumentException e) {
        failures.add(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      }
    }
    if (addresses.isEmpty()) {
      throw new IllegalStateException("no broker address in '" + bootstrapServers + "' (expected host:port)");
    }
    List<String> distinct = failures.stream().distinct().toList();
    throw new IllegalStateException((addresses.size() == 1 ? "broker " : "brokers ") + String.join(", ", addresses)
        + " unreachable (" + String.join("; ", distinct) + ")");
  }

  public static int ensureTopics(String bootstrapServers, Collection<Topic<?, ?>> topics, int replicationFactor) {
    requireReachable(bootstrapServers);
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 60_000);
    try (Admin admin = Admin.create(props)) {
      Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
      int brokers = admin.describeCluster().nodes().get(60, TimeUnit.SECONDS).size();
      short rf = (short) Math.max(1, Math.min(replicationFactor, brokers));
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<?, ?> t : topics) {
        if (!existing.contains(t.name())) {
          Map<String, String> configs = new java.util.HashMap<>(t.configs());
          if (rf > 1) {
            configs.putIfAbsent("min.insync.replicas", String.valueOf(Math.min(2, rf)));
          }
          missing.add(new NewTopic(t.name(), t.partitions(), rf).configs(configs));
        }
      }
      if (missing.isEmpty()) {
        return rf;
      }
      try {
        admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
        LOG.info("created topics {} (replication factor {})", missing.stream().map(NewTopic::name).toList(), rf);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      return rf;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create topics on " + bootstrapServers + ": " + e.getMessage(), e);
    }
  }
}
