package io.newssignals.alerts.webhooks;

import io.newssignals.alerts.AlertJson;
import io.newssignals.schema.PartnershipAlert;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One webhook subscription from the {@code --webhooks} file.
 *
 * @param id stable id (the {@code id} key, else derived from the URL): names the consumer group that tracks what
 *     was delivered, and goes into every {@code webhook-id}
 * @param url endpoint, http or https
 * @param secrets {@code whsec_} secrets, current first; more than one during a rotation
 * @param events event types delivered ({@code partnership.status_changed}, {@code partnership.corroborated})
 * @param companies only alerts naming one of these companies (case-insensitive); empty = all
 * @param minConfidence only alerts with at least this confidence
 */
public record WebhookSubscription(
    String id, URI url, List<String> secrets, Set<String> events, Set<String> companies, double minConfidence) {
  public static final Set<String> EVENT_TYPES = Set.of(AlertJson.STATUS_CHANGED, AlertJson.CORROBORATED);

  public WebhookSubscription {
    secrets = List.copyOf(secrets);
    events = Set.copyOf(events);
    companies = companies.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toUnmodifiableSet());
  }

  /** Whether this subscription wants the alert. */
  public boolean wants(PartnershipAlert alert) {
    if (!events.contains(AlertJson.eventType(alert))) {
      return false;
    }
    if (alert.getConfidence() < minConfidence) {
      return false;
    }
    if (companies.isEmpty()) {
      return true;
    }
    return alert.getPair().stream().anyMatch(p -> companies.contains(p.toLowerCase(Locale.ROOT)));
  }

  /** The key bytes of every secret, current first. */
  public List<byte[]> keys() {
    return secrets.stream().map(WebhookSignature::secretKey).toList();
  }

  @Override
  public String toString() {
    return id + " " + url; // never the secrets
  }
}
