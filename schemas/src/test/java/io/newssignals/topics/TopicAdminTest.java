package io.newssignals.topics;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class TopicAdminTest {

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Regression: "cannot create topics on 127.0.0.1:1: null" after 73 s when nothing listened there. */
  @Test
  void shouldNameTheUnreachableBrokerInsteadOfTimingOut() throws IOException {
    int port = closedPort();

    assertThatThrownBy(() -> TopicAdmin.ensureTopics("127.0.0.1:" + port, Topics.all(), 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("broker 127.0.0.1:" + port + " unreachable (")
        .hasMessageContaining("refused");
  }

  @Test
  void shouldNameEveryAddressTriedWhenNoneAnswers() throws IOException {
    int a = closedPort();
    int b = closedPort();

    assertThatThrownBy(() -> TopicAdmin.requireReachable("127.0.0.1:" + a + ", PLAINTEXT://127.0.0.1:" + b))
        .hasMessageStartingWith("brokers 127.0.0.1:" + a + ", 127.0.0.1:" + b + " unreachable");
  }

  @Test
  void shouldRejectAnAddressWithoutPort() {
    assertThatThrownBy(() -> TopicAdmin.requireReachable("localhost"))
        .hasMessage("broker localhost unreachable (not host:port)");
  }

  @Test
  void shouldAcceptWhenOneBrokerOfTheListAcceptsConnections() throws IOException {
    int closed = closedPort();
    try (ServerSocket live = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String bootstrap = "127.0.0.1:" + closed + ",127.0.0.1:" + live.getLocalPort();

      assertThatCode(() -> TopicAdmin.requireReachable(bootstrap)).doesNotThrowAnyException();
    }
  }
}
