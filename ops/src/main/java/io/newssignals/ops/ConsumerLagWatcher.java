package io.newssignals.ops;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells when a pipeline has caught up: every consumer group has committed, on every partition of its input topics,
 * the read_committed end offset (last stable offset) of that partition.
 *
 * <p>A group's inputs are the topics it declares, the topics it already committed offsets on, and, for a Kafka
 * Streams application (group id = application id), its repartition topics {@code <application.id>-*-repartition}.
 * A partition the group never committed on counts from offset 0, so a group that has not started yet is not
 * mistaken for an idle one.
 */
public final class ConsumerLagWatcher {
  private static final Logger LOG = LoggerFactory.getLogger(ConsumerLagWatcher.class);
  private static final long ADMIN_TIMEOUT_S = 30;

  /** A consumer group and the topics it must have consumed. */
  public record Group(String groupId, Set<String> inputTopics) {
    public Group {
      Objects.requireNonNull(groupId, "groupId");
      inputTopics = Set.copyOf(inputTopics);
    }
  }

  private final Admin admin;

  public ConsumerLagWatcher(Admin admin) {
    this.admin = Objects.requireNonNull(admin, "admin");
  }

  /**
   * Offsets each group still has to consume (records and transaction markers), group by group in the given order (give upstream groups first, so
   * records a group wrote before committing are counted on the next group's inputs).
   */
  public Map<String, Long> lagByGroup(List<Group> groups) {
    Map<String, Long> lag = new LinkedHashMap<>();
    for (Group g : groups) {
      lag.put(g.groupId(), partitionLag(g).values().stream().mapToLong(Long::longValue).sum());
    }
    return lag;
  }

  /** Per-partition lag of one group; partitions with no lag are included with 0. */
  public Map<TopicPartition, Long> partitionLag(Group group) {
    try {
      Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
          .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT_S, TimeUnit.SECONDS);
      Set<String> topics = new HashSet<>(group.inputTopics());
      committed.keySet().forEach(tp -> topics.add(tp.topic()));
      String repartitionPrefix = group.groupId() + "-";
      admin.listTopics().names().get(ADMIN_TIMEOUT_S, TimeUnit.SECONDS).stream()
          .filter(t -> t.startsWith(repartitionPrefix) && t.endsWith("-repartition"))
          .forEach(topics::add);

      Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
          .get(ADMIN_TIMEOUT_S, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      described.values().forEach(d -> d.partitions()
          .forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
      Map<TopicPartition, ListOffsetsResultInfo> ends = admin
          .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
          .all().get(ADMIN_TIMEOUT_S, TimeUnit.SECONDS);

      Map<TopicPartition, Long> lag = new HashMap<>();
      ends.forEach((tp, end) -> {
        OffsetAndMetadata c = committed.get(tp);
        long position = c == null ? 0 : c.offset();
        lag.put(tp, Math.max(0, end.offset() - position));
      });
      return lag;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading consumer lag", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the lag of consumer group " + group.groupId() + ": "
          + e.getMessage(), e);
    }
  }

  /**
   * Topics among {@code topics} with a transaction still open: their high watermark is past their last stable
   * offset, so records already written there are not yet visible to read_committed consumers.
   */
  public Set<String> openTransactions(Set<String> topics) {
    try {
      Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames()
          .get(ADMIN_TIMEOUT_S, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> request = new HashMap<>();
      described.values().forEach(d -> d.partitions()
          .forEach(p -> request.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
      Map<TopicPartition, ListOffsetsResultInfo> stable = admin
          .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
          .all().get(ADMIN_TIMEOUT_S, TimeUnit.SECONDS);
      Map<TopicPartition, ListOffsetsResultInfo> high = admin
          .listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
          .all().get(ADMIN_TIMEOUT_S, TimeUnit.SECONDS);
      Set<String> open = new java.util.TreeSet<>();
      high.forEach((tp, hw) -> {
        if (hw.offset() > stable.get(tp).offset()) {
          open.add(tp.topic());
        }
      });
      return open;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading offsets", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot read the offsets of " + topics + ": " + e.getMessage(), e);
    }
  }

  /**
   * Waits until two consecutive checks, {@code pollInterval} apart, find no lag in any group.
   *
   * @throws IllegalStateException naming the groups and topics still behind when {@code timeout} passes
   */
  public void awaitZeroLag(List<Group> groups, Duration timeout, Duration pollInterval) {
    awaitZeroLag(groups, timeout, pollInterval, () -> {});
  }

  /**
   * As {@link #awaitZeroLag(List, Duration, Duration)}, running {@code healthCheck} before each check: it throws to
   * stop waiting for consumers that have died.
   */
  public void awaitZeroLag(List<Group> groups, Duration timeout, Duration pollInterval, Runnable healthCheck) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int consecutiveZero = 0;
    Map<String, Long> lag = Map.of();
    while (true) {
      healthCheck.run();
      lag = lagByGroup(groups);
      boolean settled = lag.values().stream().allMatch(l -> l == 0);
      consecutiveZero = settled ? consecutiveZero + 1 : 0;
      if (consecutiveZero >= 2) {
        LOG.debug("consumer groups caught up {}", lag.keySet());
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the pipeline did not catch up within " + timeout.toSeconds()
            + " s; records still to consume: " + describeLag(groups));
      }
      LOG.debug("waiting for consumer groups, lag {}", lag);
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the pipeline to catch up", e);
      }
    }
  }

  /** Per group, the topics still behind and by how many offsets, for error messages. */
  public String describeLag(List<Group> groups) {
    return groups.stream().map(g -> g.groupId() + " " + partitionLag(g).entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .collect(Collectors.groupingBy(e -> e.getKey().topic(), Collectors.summingLong(Map.Entry::getValue))))
        .collect(Collectors.joining(", "));
  }
}
