package io.newssignals.ingest.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newssignals.ingest.IngestConfig;
import io.newssignals.ingest.IngestFailure;
import io.newssignals.schema.IngestErrorKind;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RedirectGuardTest {
  /** A resolver with fixed answers, so that no test depends on real DNS (IP literals need no lookup). */
  private static RedirectGuard.Resolver fixed(Map<String, String[]> answers) {
    return host -> {
      if (host.matches("[0-9.]+|\\[?[0-9a-fA-F:.]+]?")) {
        return InetAddress.getAllByName(host);
      }
      String[] ips = answers.get(host);
      if (ips == null) {
        throw new UnknownHostException(host);
      }
      InetAddress[] out = new InetAddress[ips.length];
      for (int i = 0; i < ips.length; i++) {
        out[i] = InetAddress.getByName(ips[i]);
      }
      return out;
    };
  }

  private static final RedirectGuard.Resolver DNS = fixed(Map.of(
      "news.example", new String[] {"93.184.216.34"},
      "cdn.example", new String[] {"151.101.1.1", "2a04:4e42::1"},
      "metadata.example", new String[] {"169.254.169.254"},
      "mixed.example", new String[] {"151.101.1.1", "10.1.2.3"},
      "intranet.example", new String[] {"10.0.0.5"},
      "localhost", new String[] {"127.0.0.1", "::1"}));

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "::1", "169.254.169.254", "fe80::1", "10.0.0.1", "172.16.0.1",
      "172.31.255.255", "192.168.1.1", "fc00::1", "fd12:3456::1", "0.0.0.0", "0.1.2.3", "::", "::ffff:10.0.0.1",
      "::127.0.0.1"})
  void shouldTreatLoopbackLinkLocalPrivateAndUnspecifiedAddressesAsNonPublic(String ip) throws Exception {
    assertThat(RedirectGuard.isPublic(InetAddress.getByName(ip))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "172.32.0.1", "172.15.255.255", "192.169.0.1", "2a04:4e42::1",
      "2001:4860:4860::8888"})
  void shouldTreatOtherAddressesAsPublic(String ip) throws Exception {
    assertThat(RedirectGuard.isPublic(InetAddress.getByName(ip))).isTrue();
  }

  @Test
  void shouldRefuseARedirectFromAPublicHostToCloudMetadataNamingTheSetting() {
    RedirectGuard guard = new RedirectGuard(false, DNS);

    assertThatThrownBy(() -> guard.check(URI.create("https://news.example/rss"),
        URI.create("http://169.254.169.254/latest/meta-data/"), 302))
        .isInstanceOfSatisfying(IngestFailure.class, f -> {
          assertThat(f.kind()).isEqualTo(IngestErrorKind.OTHER);
          assertThat(f.httpStatus()).isEqualTo(302);
          assertThat(f.getMessage()).contains("redirect refused", "169.254.169.254", "link-local",
              "INGEST_ALLOW_PRIVATE_REDIRECTS");
        });
  }

  @Test
  void shouldRefuseARedirectToANameThatResolvesToAPrivateAddress() {
    RedirectGuard guard = new RedirectGuard(false, DNS);

    assertThatThrownBy(() -> guard.check(URI.create("https://news.example/rss"),
        URI.create("https://metadata.example/"), 301)).hasMessageContaining("metadata.example");
    assertThatThrownBy(() -> guard.check(URI.create("https://news.example/rss"),
        URI.create("http://localhost:8080/admin"), 301)).hasMessageContaining("loopback");
  }

  @Test
  void shouldRefuseWhenAnyResolvedAddressOfTheTargetIsPrivate() {
    RedirectGuard guard = new RedirectGuard(false, DNS);

    assertThatThrownBy(() -> guard.check(URI.create("https://news.example/rss"),
        URI.create("https://mixed.example/rss"), 302)).hasMessageContaining("10.1.2.3");
  }

  @Test
  void shouldAllowARedirectBetweenPublicHosts() {
    RedirectGuard guard = new RedirectGuard(false, DNS);

    assertThatCode(() -> guard.check(URI.create("https://news.example/rss"), URI.create("https://cdn.example/rss"), 301))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldAllowAPrivateOriginToRedirectToAnotherPrivateAddress() {
    RedirectGuard guard = new RedirectGuard(false, DNS);

    assertThatCode(() -> guard.check(URI.create("http://intranet.example/rss"), URI.create("http://localhost:9000/rss"),
        302)).doesNotThrowAnyException();
    assertThatCode(() -> guard.check(URI.create("http://127.0.0.1:8080/rss"), URI.create("http://127.0.0.2:8080/rss"),
        302)).as("literal addresses need no DNS").doesNotThrowAnyException();
  }

  @Test
  void shouldAllowARedirectToAPrivateAddressWhenTheOperatorAllowsIt() {
    RedirectGuard guard = new RedirectGuard(true, DNS);

    assertThatCode(() -> guard.check(URI.create("https://news.example/rss"),
        URI.create("http://169.254.169.254/latest/meta-data/"), 302)).doesNotThrowAnyException();
  }

  @Test
  void shouldReportARedirectTargetThatDoesNotResolveAsADnsFailure() {
    RedirectGuard guard = new RedirectGuard(false, DNS);

    assertThatThrownBy(() -> guard.check(URI.create("https://news.example/rss"), URI.create("https://nowhere.example/"),
        302)).isInstanceOfSatisfying(IngestFailure.class, f -> assertThat(f.kind()).isEqualTo(IngestErrorKind.DNS));
  }

  @Test
  void shouldJudgeWithTheResolverOfTheConfigurationKeptByToBuilder() {
    IngestConfig config = IngestConfig.builder().redirectResolverForTests(DNS).build().toBuilder().build();
    RedirectGuard guard = RedirectGuard.of(config);

    // news.example exists only in the test resolver: refused as public to link-local, not as a DNS failure
    assertThatThrownBy(() -> guard.check(URI.create("https://news.example/rss"), URI.create("https://metadata.example/"),
        302)).isInstanceOfSatisfying(IngestFailure.class, f -> assertThat(f.kind()).isEqualTo(IngestErrorKind.OTHER));
  }
}
