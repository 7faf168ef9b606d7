package io.newssignals.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newssignals.ingest.feed.FeedHints;
import io.newssignals.ingest.fetch.FeedFetcher;
import io.newssignals.ingest.fetch.RedirectGuard;
import io.newssignals.schema.FeedState;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Adaptive polling, driven through {@link FeedPoller} with a simulated clock against synthetic feeds served over
 * loopback: each feed publishes an item every {@code gap}, and each poll happens when the previous one said.
 */
class AdaptivePollingTest {
  private static final Instant START = Instant.parse("2025-01-06T00:00:00Z");
  private static final Duration MIN = Duration.ofMinutes(5);
  private static final Duration MAX = Duration.ofHours(2);
  private TestFeedServer server;
  private FeedPoller poller;

  @BeforeEach
  void start() throws IOException {
    server = new TestFeedServer();
    IngestConfig config = IngestConfig.builder().readTimeout(Duration.ofSeconds(5)).minPollInterval(MIN).build();
    poller = new FeedPoller(new FeedFetcher(config, new RedirectGuard(false, InetAddress::getAllByName)), config);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** The 20 latest items of a feed that publishes every {@code gap} since {@link #START}, as of {@code now}. */
  private static String feed(Duration gap, Instant now, String extraHeader) {
    StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" "
        + "xmlns:sy=\"http://purl.org/rss/1.0/modules/syndication/\"><channel><title>Synthetic</title>"
        + "<link>https://synthetic.example/</link><description>d</description>" + extraHeader);
    long published = Duration.between(START, now).toMillis() / gap.toMillis();
    for (long k = published; k > Math.max(-1, published - 20); k--) {
      Instant at = START.plus(gap.multipliedBy(k));
      sb.append("<item><title>Item ").append(k).append("</title><link>https://synthetic.example/").append(k)
          .append("</link><guid>item-").append(k).append("</guid><pubDate>")
          .append(DateTimeFormatter.RFC_1123_DATE_TIME.format(at.atOffset(ZoneOffset.UTC)))
          .append("</pubDate><description>Body ").append(k).append("</description></item>");
    }
    return sb.append("</channel></rss>").toString();
  }

  /** Polls a feed publishing every {@code gap} for {@code polls} polls; returns the interval chosen by each. */
  private List<Duration> simulate(String path, Duration gap, int polls, String extraHeader) throws Exception {
    AtomicReference<Instant> clock = new AtomicReference<>(START.plus(Duration.ofDays(3)));
    server.on(path, ex -> TestFeedServer.send(ex, 200, "application/rss+xml; charset=UTF-8",
        feed(gap, clock.get(), extraHeader).getBytes(StandardCharsets.UTF_8)));
    FeedSpec spec = new FeedSpec(server.uri(path), "Synthetic", MAX, List.of(), 0);
    FeedState state = FeedStates.initial(spec.key());
    List<Duration> intervals = new ArrayList<>();
    for (int i = 0; i < polls; i++) {
      FeedPoller.Outcome o = poller.poll(spec, state, clock.get());
      assertThat(o.error()).isNull();
      state = o.state();
      Duration interval = Duration.ofMillis(state.getPollInterval());
      intervals.add(interval);
      assertThat(interval).as("poll %d: %s", i, state.getPollIntervalReason()).isBetween(MIN, MAX);
      clock.set(state.getNextPoll());
    }
    return intervals;
  }

  @Test
  void shouldConvergeToTheGapOfAFeedThatPublishesEveryTwentyMinutes() throws Exception {
    List<Duration> intervals = simulate("/fast.xml", Duration.ofMinutes(20), 30, "");
    // the first fetch already shows 20 dated items: the rhythm is known at once, and stays known
    for (Duration d : intervals.subList(10, intervals.size())) {
      assertThat(d).isBetween(Duration.ofMinutes(15), Duration.ofMinutes(25));
    }
  }

  @Test
  void shouldStayAtTheMinimumForAFeedThatPublishesEveryMinute() throws Exception {
    List<Duration> intervals = simulate("/faster.xml", Duration.ofMinutes(1), 20, "");
    assertThat(intervals.subList(5, intervals.size())).allSatisfy(d -> assertThat(d).isEqualTo(MIN));
  }

  @Test
  void shouldSettleAtTheMaximumForAFeedThatPublishesTwiceADay() throws Exception {
    List<Duration> intervals = simulate("/slow.xml", Duration.ofHours(12), 30, "");
    assertThat(intervals.subList(5, intervals.size())).allSatisfy(d -> assertThat(d).isEqualTo(MAX));
  }

  @Test
  void shouldNotPollFasterThanTheFeedsTtlOrUpdatePeriodSay() throws Exception {
    assertThat(simulate("/ttl.xml", Duration.ofMinutes(1), 10, "<ttl>30</ttl>").subList(2, 10))
        .allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofMinutes(30)));
    assertThat(simulate("/sy.xml", Duration.ofMinutes(1), 10,
        "<sy:updatePeriod>hourly</sy:updatePeriod><sy:updateFrequency>4</sy:updateFrequency>").subList(2, 10))
        .allSatisfy(d -> assertThat(d).isEqualTo(Duration.ofMinutes(15)));
  }

  @Test
  void shouldLengthenTheIntervalOfAFeedThatFellSilent() {
    PollSchedule schedule = new PollSchedule(MIN, Duration.ofHours(1));
    FeedSpec spec = new FeedSpec(server.uri("/x"), null, MAX, List.of(), 0);
    List<Long> everyTenMinutes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      everyTenMinutes.add(START.plus(Duration.ofMinutes(10L * i)).toEpochMilli());
    }
    Instant justAfter = START.plus(Duration.ofMinutes(91));
    assertThat(schedule.next(spec, everyTenMinutes, FeedHints.NONE, null, false, justAfter).duration())
        .isEqualTo(Duration.ofMinutes(10));
    PollSchedule.Interval silent = schedule.next(spec, everyTenMinutes, FeedHints.NONE, null, false,
        START.plus(Duration.ofMinutes(150)));
    assertThat(silent.duration()).isEqualTo(Duration.ofMinutes(60));
    assertThat(silent.reason()).contains("no new item for 60m");
  }

  @Test
  void shouldPollASubscribedFeedAtTheSafetyIntervalAndHonourCacheControl() {
    PollSchedule schedule = new PollSchedule(MIN, Duration.ofHours(6));
    FeedSpec spec = new FeedSpec(server.uri("/x"), null, MAX, List.of(), 0);
    assertThat(schedule.next(spec, List.of(), FeedHints.NONE, null, true, START))
        .isEqualTo(new PollSchedule.Interval(Duration.ofHours(6), "WebSub: pushed by its hub, safety poll"));
    assertThat(schedule.next(spec, List.of(), FeedHints.NONE, Duration.ofHours(3), false, START).duration())
        .as("max-age beyond the maximum is honoured, up to a day, as before").isEqualTo(Duration.ofHours(3));
    FeedSpec fixed = new FeedSpec(server.uri("/x"), null, Duration.ofMinutes(2), List.of(), 0);
    assertThat(schedule.next(fixed, List.of(1L, 2L, 3L), FeedHints.NONE, null, false, START).duration())
        .as("an interval under the minimum stays fixed").isEqualTo(Duration.ofMinutes(2));
  }
}
