package io.newssignals.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class OpsSettingsTest {
  @Test
  void shouldDefaultToLoopbackPort8080() {
    assertThat(OpsSettings.httpPort(Map.of())).isEqualTo(8080);
    assertThat(OpsSettings.httpHost(Map.of())).isEqualTo("127.0.0.1");
  }

  @Test
  void shouldReadPortAndHostFromTheEnvironment() {
    Map<String, String> env = Map.of("PIPELINE_HTTP_PORT", "0", "PIPELINE_HTTP_HOST", "0.0.0.0");
    assertThat(OpsSettings.httpPort(env)).isZero();
    assertThat(OpsSettings.httpHost(env)).isEqualTo("0.0.0.0");
  }

  @Test
  void shouldRejectAPortOutOfRangeNamingTheVariable() {
    assertThatThrownBy(() -> OpsSettings.httpPort(Map.of("PIPELINE_HTTP_PORT", "65536")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PIPELINE_HTTP_PORT='65536': must be an integer between 0 and 65535");
  }
}
