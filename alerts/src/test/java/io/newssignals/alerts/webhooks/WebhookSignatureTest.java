package io.newssignals.alerts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
  // test vector published with the Standard Webhooks reference libraries
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
  static final byte[] BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

  @Test
  void shouldMatchTheStandardWebhooksTestVector() {
    assertThat(WebhookSignature.sign(WebhookSignature.secretKey(SECRET), ID, 1614265330L, BODY))
        .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  }

  @Test
  void shouldSignWithEverySecretDuringARotation() {
    String other = "whsec_" + java.util.Base64.getEncoder().encodeToString("another-key-of-32-bytes-long!!!!".getBytes());
    String header = WebhookSignature.header(
        List.of(WebhookSignature.secretKey(other), WebhookSignature.secretKey(SECRET)), ID, 1614265330L, BODY);
    assertThat(header.split(" ")).hasSize(2);
    assertThat(WebhookSignature.verify(SECRET, ID, "1614265330", header, BODY)).isTrue();
    assertThat(WebhookSignature.verify(other, ID, "1614265330", header, BODY)).isTrue();
  }

  @Test
  void shouldRejectATamperedBodyIdOrTimestamp() {
    String header = WebhookSignature.sign(WebhookSignature.secretKey(SECRET), ID, 1614265330L, BODY);
    assertThat(WebhookSignature.verify(SECRET, ID, "1614265331", header, BODY)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, ID + "x", "1614265330", header, BODY)).isFalse();
    assertThat(WebhookSignature.verify(SECRET, ID, "1614265330", header, "{\"test\": 1}".getBytes())).isFalse();
  }

  @Test
  void shouldRefuseASecretWithoutThePrefixOrNotBase64() {
    assertThatThrownBy(() -> WebhookSignature.secretKey("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).hasMessageContaining("whsec_");
    assertThatThrownBy(() -> WebhookSignature.secretKey("whsec_not base64!")).hasMessageContaining("base64");
  }
}
