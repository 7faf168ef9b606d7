package io.newssignals.ingest.websub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebSubSignatureTest {
  private static final byte[] BODY = "<feed/>".getBytes(StandardCharsets.UTF_8);

  @Test
  void shouldAcceptTheHmacSha256OfTheBodyWithTheSecret() {
    // HMAC-SHA256("s3cret", "<feed/>"), computed independently with openssl dgst -sha256 -hmac s3cret
    String expected = "sha256=1b9591b5322baa7463554820f41fe27e650c767e2fbc4a934c5aa90e9cc27c7c";
    assertThat(WebSubSignature.sign("s3cret", BODY)).isEqualTo(expected);
    assertThat(WebSubSignature.verify(expected, "s3cret", BODY)).isEqualTo(WebSubSignature.Verdict.VALID);
    assertThat(WebSubSignature.verify(expected.toUpperCase(java.util.Locale.ROOT), "s3cret", BODY))
        .isEqualTo(WebSubSignature.Verdict.VALID);
  }

  @Test
  void shouldRefuseAnotherSecretAnotherBodyNoSignatureAndSha1() {
    String signature = WebSubSignature.sign("s3cret", BODY);
    assertThat(WebSubSignature.verify(signature, "other", BODY)).isEqualTo(WebSubSignature.Verdict.INVALID);
    assertThat(WebSubSignature.verify(signature, "s3cret", "<feed></feed>".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(WebSubSignature.Verdict.INVALID);
    assertThat(WebSubSignature.verify(null, "s3cret", BODY)).isEqualTo(WebSubSignature.Verdict.MISSING);
    assertThat(WebSubSignature.verify("sha1=" + "0".repeat(40), "s3cret", BODY))
        .isEqualTo(WebSubSignature.Verdict.UNSUPPORTED);
    assertThat(WebSubSignature.verify("sha256=zz", "s3cret", BODY)).isEqualTo(WebSubSignature.Verdict.INVALID);
    assertThat(WebSubSignature.verify("sha256", "s3cret", BODY)).isEqualTo(WebSubSignature.Verdict.INVALID);
  }
}
