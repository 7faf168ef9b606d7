package io.newssignals.alerts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newssignals.alerts.AlertJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSubscriptionsTest {
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

  @Test
  void shouldReadAYamlListWithDefaults() {
    String yaml = """
        - url: https://hooks.example.com/partnerships
          secret: %s
        - id: msft-desk
          url: http://localhost:8080/hook
          secret: [%s, %s]
          events: [partnership.status_changed]
          companies: [Microsoft, OpenAI]
          minConfidence: 0.8
        """.formatted(SECRET, SECRET, SECRET);
    List<WebhookSubscription> subs = WebhookSubscriptions.parse(yaml, false, "hooks.yaml");

    assertThat(subs).hasSize(2);
    assertThat(subs.get(0).events()).isEqualTo(WebhookSubscription.EVENT_TYPES);
    assertThat(subs.get(0).companies()).isEmpty();
    assertThat(subs.get(0).id()).startsWith("sub-");
    assertThat(subs.get(1).id()).isEqualTo("msft-desk");
    assertThat(subs.get(1).secrets()).hasSize(2);
    assertThat(subs.get(1).events()).containsExactly(AlertJson.STATUS_CHANGED);
    assertThat(subs.get(1).minConfidence()).isEqualTo(0.8);
  }

  @Test
  void shouldReadJson() {
    String json = "[{\"url\": \"https://a.example/h\", \"secret\": \"" + SECRET + "\", \"minConfidence\": 0.5}]";
    assertThat(WebhookSubscriptions.parse(json, true, "hooks.json")).singleElement()
        .satisfies(s -> assertThat(s.minConfidence()).isEqualTo(0.5));
  }

  @Test
  void shouldNameTheLineAndKeyAtFault() {
    String yaml = """
        - url: https://hooks.example.com/a
          secret: %s
        - url: https://hooks.example.com/b
          secret: %s
          events: [partnership.status_changed, partnership.ended]
        """.formatted(SECRET, SECRET);
    assertThatThrownBy(() -> WebhookSubscriptions.parse(yaml, false, "hooks.yaml"))
        .hasMessageContaining("hooks.yaml line 5 key 'events'").hasMessageContaining("partnership.ended");
  }

  @Test
  void shouldRejectUnknownKeysBadSecretsAndBadUrls() {
    assertThatThrownBy(() -> WebhookSubscriptions.parse(
        "- url: https://a.example\n  secret: " + SECRET + "\n  minConfidance: 0.5\n", false, "f"))
        .hasMessageContaining("line 3 key 'minConfidance': unknown key");
    assertThatThrownBy(() -> WebhookSubscriptions.parse("- url: https://a.example\n  secret: hunter2\n", false, "f"))
        .hasMessageContaining("line 2 key 'secret'").hasMessageContaining("whsec_").hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> WebhookSubscriptions.parse("- url: ftp://a.example\n  secret: " + SECRET + "\n", false, "f"))
        .hasMessageContaining("line 1 key 'url'");
    assertThatThrownBy(() -> WebhookSubscriptions.parse("- secret: " + SECRET + "\n", false, "f"))
        .hasMessageContaining("line 1 key 'url': missing");
    assertThatThrownBy(() -> WebhookSubscriptions.parse(
        "[{\"url\": \"https://a.example\", \"secret\": \"" + SECRET + "\",}]", true, "f.json"))
        .hasMessageContaining("line 1").hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> WebhookSubscriptions.parse(
        "- url: https://a.example\n  secret: " + SECRET + "\n  minConfidence: 2\n", false, "f"))
        .hasMessageContaining("line 3 key 'minConfidence'");
  }

  @Test
  void shouldRefuseTwoSubscriptionsWithTheSameId() {
    String yaml = "- url: https://a.example\n  secret: " + SECRET + "\n- url: https://a.example\n  secret: " + SECRET + "\n";
    assertThatThrownBy(() -> WebhookSubscriptions.parse(yaml, false, "f")).hasMessageContaining("line 3")
        .hasMessageContaining("line 1");
  }
}
