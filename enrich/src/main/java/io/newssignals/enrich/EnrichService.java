package io.newssignals.enrich;

import io.newssignals.ops.StreamsChecks;
import io.newssignals.topics.TopicAdmin;
import io.newssignals.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the enrichment topology: ensures its topics, starts Kafka Streams, closes it. */
public final class EnrichService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EnrichService.class);

  private final EnrichConfig cfg;
  private KafkaStreams streams;
  private AutoCloseable streamsMetrics;
  private final AtomicLong parked = new AtomicLong();

  public EnrichService(EnrichConfig cfg) {
    this.cfg = cfg;
  }

  /** Ensures the topics exist and starts the Streams application. */
  public void start() {
    int rf = TopicAdmin.ensureTopics(cfg.bootstrapServers(),
        List.of(Topics.ARTICLES, Topics.ENRICHED, Topics.DEALS, Topics.DEAD_LETTER), cfg.replicationFactor());
    Properties props = cfg.streamsProperties();
    // internal topics get the same capped factor as ours: the default 3 would fail on a one-broker cluster
    props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, rf);
    streams = new KafkaStreams(EnrichTopology.build(cfg, EnrichmentPipeline.withGazetteerFiles(cfg.gazetteerFiles()), parked),
        props);
    streams.setStateListener((now, before) -> LOG.info("enrich streams state={} previous={}", now, before));
    streamsMetrics = StreamsChecks.bind(streams);
    streams.start();
    LOG.info("enrich started applicationId={} bootstrap={}", cfg.applicationId(), cfg.bootstrapServers());
  }

  /** The Streams state (RUNNING once partitions are assigned), or null before {@link #start()}. */
  public KafkaStreams.State state() {
    KafkaStreams s = streams;
    return s == null ? null : s.state();
  }

  /**
   * Articles this instance's novelty stage has consumed and parked (backlog news waiting to be judged in published
   * order) but not yet written: zero lag means caught up only when this is zero too.
   */
  public long parkedArticles() {
    return parked.get();
  }

  /** The running Streams instance, or null before start. */
  public KafkaStreams streams() {
    return streams;
  }

  @Override
  public void close() {
    if (streamsMetrics != null) {
      try {
        streamsMetrics.close();
      } catch (Exception ignored) {
        // metrics only
      }
    }
    if (streams != null) {
      // Leave the group on a clean stop so a restarted instance gets its partitions at once instead of
      // waiting out the session timeout of the member it replaces.
      streams.close(new KafkaStreams.CloseOptions().timeout(Duration.ofSeconds(30)).leaveGroup(true));
      LOG.info("enrich stopped");
    }
  }
}
