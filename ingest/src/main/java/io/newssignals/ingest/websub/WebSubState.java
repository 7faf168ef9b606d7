package io.newssignals.ingest.websub;

import io.newssignals.schema.FeedState;
import java.time.Instant;

/** The WebSub subscription fields of a {@link FeedState}: their states and the rules that read them. */
public final class WebSubState {
  /** Subscription asked of the hub, its verification of intent not yet received. */
  public static final String REQUESTED = "REQUESTED";
  /** Verified by the hub: it pushes until the lease ends. */
  public static final String ACTIVE = "ACTIVE";
  /** Unsubscription asked of the hub (the feed left the feeds file or stopped advertising the hub). */
  public static final String UNSUBSCRIBING = "UNSUBSCRIBING";
  /** The hub refused (hub.mode=denied); asked again later. */
  public static final String DENIED = "DENIED";
  /** The hub could not be asked (unreachable, error status, refused address); asked again later. */
  public static final String FAILED = "FAILED";

  private WebSubState() {}

  /** True while the hub pushes this feed: verified and the lease not over. */
  public static boolean active(FeedState s, Instant now) {
    return ACTIVE.equals(s.getWebsubStatus()) && s.getWebsubLeaseExpires() != null
        && s.getWebsubLeaseExpires().isAfter(now);
  }

  /** Copies the subscription fields (not the last push, which belongs to content) of {@code from} onto {@code to}. */
  public static void copySubscription(FeedState from, FeedState to) {
    to.setWebsubHub(from.getWebsubHub());
    to.setWebsubTopic(from.getWebsubTopic());
    to.setWebsubCallback(from.getWebsubCallback());
    to.setWebsubSecret(from.getWebsubSecret());
    to.setWebsubStatus(from.getWebsubStatus());
    to.setWebsubLeaseExpires(from.getWebsubLeaseExpires());
  }

  /** Clears the subscription fields. */
  public static void clear(FeedState s) {
    s.setWebsubHub(null);
    s.setWebsubTopic(null);
    s.setWebsubCallback(null);
    s.setWebsubSecret(null);
    s.setWebsubStatus(null);
    s.setWebsubLeaseExpires(null);
  }
}
