package io.newssignals.topics;

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

  private TopicAdmin() {}

  /**
   * Creates every topic of {@code topics} that does not exist yet. The replication factor is the requested one,
   * capped at the number of brokers (so a single local broker works).
   *
   * @return that effective replication factor, for the topics a service creates itself (Kafka Streams' internal
   *     changelog and repartition topics)
   */
  public static int ensureTopics(String bootstrapServers, Collection<Topic<?, ?>> topics, int replicationFactor) {
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
