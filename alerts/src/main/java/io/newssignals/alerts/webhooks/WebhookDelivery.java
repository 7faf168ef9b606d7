package io.newssignals.alerts.webhooks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newssignals.alerts.AlertJson;
import io.newssignals.schema.PartnershipAlert;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What is sent for one alert to one subscription. The body ({@code {type, timestamp, data}}, timestamp = the
 * detection time) and the {@code webhook-id} are derived from the alert and the subscription only, so every retry
 * and every redelivery after a restart carries the same bytes and the same id.
 */
public record WebhookDelivery(String webhookId, String eventType, String alertId, byte[] body) {

  public static WebhookDelivery of(WebhookSubscription sub, PartnershipAlert alert) {
    ObjectNode n = AlertJson.MAPPER.createObjectNode();
    n.put("type", AlertJson.eventType(alert));
    n.put("timestamp", alert.getDetectedAt().toString());
    n.set("data", AlertJson.full(alert));
    return new WebhookDelivery(webhookId(alert.getId(), sub.id()), AlertJson.eventType(alert), alert.getId(),
        n.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** {@code msg_} + hash of alert id and subscription id: the idempotency key receivers deduplicate on. */
  public static String webhookId(String alertId, String subscriptionId) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest((alertId + "\n" + subscriptionId).getBytes(StandardCharsets.UTF_8));
      return "msg_" + HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
