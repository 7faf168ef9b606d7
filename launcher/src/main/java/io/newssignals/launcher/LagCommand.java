package io.newssignals.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newssignals.topics.KafkaConnection;
import io.newssignals.topics.TopicAdmin;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pipeline lag}: how far behind each consumer group is, per topic: the records committed (read_committed
 * end offsets) that the group has not yet consumed (committed offsets). The Streams applications' groups are their
 * application ids ({@code news-signals-enrich}, {@code news-signals-alerts}); each webhook subscription has its own
 * group.
 */
@Command(
    name = "lag",
    mixinStandardHelpOptions = true,
    description = {
        "Show how far behind each consumer group is, per topic: records committed but not yet consumed.",
        "A partition the group never committed on counts from its oldest retained record."})
public final class LagCommand implements Callable<Integer> {
  private static final long TIMEOUT_S = 30;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
      description = "Kafka cluster (default: env KAFKA_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(names = "--group", paramLabel = "GROUP", description = "Only these consumer groups (repeatable).")
  List<String> groups = new ArrayList<>();

  @Option(names = "--json", description = "One JSON object per group and topic instead of a table.")
  boolean json;

  @Spec CommandSpec spec;

  /** The lag of one group on one topic. */
  record Row(String group, String state, String topic, int partitions, long position, long end, long lag) {}

  @Override
  public Integer call() {
    String bootstrap = KafkaConnection.bootstrapServers(bootstrapServers, System.getenv()).orElseThrow(() ->
        new CommandLine.ParameterException(spec.commandLine(), "no Kafka cluster: pass --bootstrap-servers HOST:PORT"
            + " or set " + KafkaConnection.BOOTSTRAP_ENV));
    TopicAdmin.requireReachable(bootstrap);
    List<Row> rows;
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TimeUnit.SECONDS.toMillis(TIMEOUT_S)))) {
      rows = read(admin, groups);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    } catch (ExecutionException | TimeoutException e) {
      String cause = e.getCause() == null ? e.toString() : e.getCause().toString();
      throw new IllegalStateException("cannot read consumer groups on " + bootstrap + ": " + cause, e);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      rows.forEach(r -> out.println(json(r)));
    } else {
      out.print(table(rows));
    }
    out.flush();
    return 0;
  }

  /** Every row for the given groups (all consumer groups of the cluster when empty), sorted by group and topic. */
  static List<Row> read(Admin admin, Collection<String> only)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, String> states = new TreeMap<>();
    for (GroupListing g : admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(TIMEOUT_S,
        TimeUnit.SECONDS)) {
      states.put(g.groupId(), g.groupState().map(s -> s.toString()).orElse("?"));
    }
    for (String g : only) {
      states.putIfAbsent(g, "unknown");
    }
    if (!only.isEmpty()) {
      states.keySet().retainAll(Set.copyOf(only));
    }
    List<Row> rows = new ArrayList<>();
    for (Map.Entry<String, String> group : states.entrySet()) {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
          .partitionsToOffsetAndMetadata().get(TIMEOUT_S, TimeUnit.SECONDS);
      committed.values().removeIf(Objects::isNull);
      if (committed.isEmpty()) {
        rows.add(new Row(group.getKey(), group.getValue(), "-", 0, 0, 0, 0));
        continue;
      }
      Set<String> topics = committed.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
      Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
          .get(TIMEOUT_S, TimeUnit.SECONDS);
      List<TopicPartition> partitions = new ArrayList<>();
      described.values().forEach(d -> d.partitions()
          .forEach(p -> partitions.add(new TopicPartition(d.name(), p.partition()))));
      Map<TopicPartition, Long> ends = offsets(admin, partitions, OffsetSpec.latest());
      Map<TopicPartition, Long> starts = offsets(admin, partitions, OffsetSpec.earliest());
      rows.addAll(rows(group.getKey(), group.getValue(), committed.entrySet().stream()
          .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())), starts, ends));
    }
    return rows;
  }

  private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    partitions.forEach(tp -> request.put(tp, spec));
    Map<TopicPartition, Long> offsets = new HashMap<>();
    admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
        .get(TIMEOUT_S, TimeUnit.SECONDS).forEach((tp, info) -> offsets.put(tp, info.offset()));
    return offsets;
  }

  /**
   * One row per topic of a group: committed offsets (the position) summed, read_committed ends summed, lag summed
   * over the partitions (a partition never committed on counts from its first retained offset).
   */
  static List<Row> rows(String group, String state, Map<TopicPartition, Long> committed,
      Map<TopicPartition, Long> starts, Map<TopicPartition, Long> ends) {
    Map<String, long[]> byTopic = new TreeMap<>();
    ends.forEach((tp, end) -> {
      long position = committed.getOrDefault(tp, starts.getOrDefault(tp, 0L));
      long[] sums = byTopic.computeIfAbsent(tp.topic(), t -> new long[4]);
      sums[0]++;
      sums[1] += position;
      sums[2] += end;
      sums[3] += Math.max(0, end - position);
    });
    List<Row> rows = new ArrayList<>();
    byTopic.forEach((topic, s) -> rows.add(new Row(group, state, topic, (int) s[0], s[1], s[2], s[3])));
    return rows;
  }

  static String json(Row r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("group", r.group());
    n.put("state", r.state());
    n.put("topic", r.topic().equals("-") ? null : r.topic());
    n.put("partitions", r.partitions());
    n.put("position", r.position());
    n.put("end", r.end());
    n.put("lag", r.lag());
    return n.toString();
  }

  /** A fixed-width table, one group and topic per line; a message when the cluster has no consumer group. */
  static String table(List<Row> rows) {
    if (rows.isEmpty()) {
      return "no consumer groups\n";
    }
    List<String[]> lines = new ArrayList<>();
    lines.add(new String[] {"GROUP", "STATE", "TOPIC", "PARTITIONS", "POSITION", "END", "LAG"});
    for (Row r : rows) {
      lines.add(new String[] {r.group(), r.state(), r.topic(), String.valueOf(r.partitions()),
          String.valueOf(r.position()), String.valueOf(r.end()), String.valueOf(r.lag())});
    }
    int[] width = new int[7];
    for (String[] l : lines) {
      for (int i = 0; i < l.length; i++) {
        width[i] = Math.max(width[i], l[i].length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String[] l : lines) {
      for (int i = 0; i < l.length; i++) {
        // numbers right-aligned, names left-aligned
        String cell = i >= 3 ? String.format("%" + width[i] + "s", l[i]) : String.format("%-" + width[i] + "s", l[i]);
        sb.append(cell).append(i == l.length - 1 ? "" : "  ");
      }
      sb.append('\n');
    }
    return sb.toString();
  }
}
