package io.newssignals.ingest.fetch;

import io.newssignals.ingest.IngestConfig;
import io.newssignals.ingest.IngestFailure;
import io.newssignals.schema.IngestErrorKind;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Decides whether a redirect may be followed. A configured feed URL is the operator's word and is trusted; a
 * redirect is the remote server's word. So a redirect sent by a host with a public address must not lead to a
 * loopback, link-local (169.254.0.0/16, fe80::/10, where cloud metadata services live), private (10/8, 172.16/12,
 * 192.168/16, fc00::/7) or unspecified address (0.0.0.0/8, ::), unless the operator allows it with
 * {@value IngestConfig#ALLOW_PRIVATE_REDIRECTS_ENV}. A host that itself has only non-public addresses (an internal
 * feed server, or loopback in tests) may redirect anywhere.
 *
 * <p>Every address the target's host resolves to is checked, so a name with one public and one private address is
 * refused. The HTTP client resolves the name again when it connects; the JVM's DNS cache (30 s by default) makes
 * that the same answer in practice, but a resolver that changes its answer within that window is not caught here.
 */
public final class RedirectGuard {
  /** Resolves a host name (or an IP literal, IPv6 in brackets or not) to all its addresses. */
  @FunctionalInterface
  public interface Resolver {
    InetAddress[] resolve(String host) throws UnknownHostException;
  }

  private final boolean allowPrivate;
  private final Resolver resolver;

  public RedirectGuard(boolean allowPrivate, Resolver resolver) {
    this.allowPrivate = allowPrivate;
    this.resolver = resolver;
  }

  /** The guard of the configuration, resolving with its resolver (the system resolver outside tests). */
  public static RedirectGuard of(IngestConfig config) {
    return new RedirectGuard(config.allowPrivateRedirects(), config.redirectResolver());
  }

  /**
   * Checks a redirect from {@code from} (the URL that answered with the redirect) to {@code to}.
   *
   * @param status the redirect's HTTP status, reported with a refusal
   * @throws IngestFailure {@code OTHER} when the redirect leads from a public to a non-public address, {@code DNS}
   *     when the target's host does not resolve
   */
  public void check(URI from, URI to, int status) throws IngestFailure {
    if (allowPrivate) {
      return;
    }
    InetAddress[] origin;
    try {
      origin = resolver.resolve(from.getHost());
    } catch (UnknownHostException e) {
      // the origin just answered us, so this is a resolver hiccup: judge it as public, the safe side
      origin = new InetAddress[0];
    }
    if (origin.length > 0 && allNonPublic(origin)) {
      return;
    }
    String host = to.getHost();
    if (host == null || host.isEmpty()) {
      throw new IngestFailure(IngestErrorKind.HTTP_STATUS, status, null, "redirect to " + to + " has no host", null);
    }
    InetAddress[] target;
    try {
      target = resolver.resolve(host);
    } catch (UnknownHostException e) {
      throw new IngestFailure(IngestErrorKind.DNS, status, null, "cannot resolve redirect target host " + host, e);
    }
    for (InetAddress a : target) {
      if (!isPublic(a)) {
        throw new IngestFailure(IngestErrorKind.OTHER, status, null, "redirect refused: " + from.getHost()
            + " (public) redirected to " + to + ", whose host " + host + " resolves to the " + category(a)
            + " address " + a.getHostAddress() + " (set " + IngestConfig.ALLOW_PRIVATE_REDIRECTS_ENV
            + "=true to allow)", null);
      }
    }
  }

  private static boolean allNonPublic(InetAddress[] addresses) {
    for (InetAddress a : addresses) {
      if (isPublic(a)) {
        return false;
      }
    }
    return true;
  }

  /** False for loopback, link-local, private (site-local, unique local) and unspecified addresses. */
  public static boolean isPublic(InetAddress a) {
    return category(a) == null;
  }

  /** What kind of non-public address {@code a} is, or {@code null} for a public one. */
  static String category(InetAddress a) {
    byte[] b = a.getAddress();
    if (a.isLoopbackAddress()) {
      return "loopback";
    }
    if (a.isAnyLocalAddress() || (b.length == 4 && b[0] == 0)) {
      return "unspecified";
    }
    if (a.isLinkLocalAddress()) {
      return "link-local";
    }
    if (a.isSiteLocalAddress()) {
      return "private";
    }
    if (a instanceof Inet6Address) {
      if ((b[0] & 0xfe) == 0xfc) {
        return "private"; // fc00::/7, unique local
      }
      if (isEmbeddedIpv4(b)) {
        // ::a.b.c.d (IPv4-compatible): judged by the IPv4 address it carries
        try {
          return category(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
        } catch (UnknownHostException e) {
          return "unspecified";
        }
      }
    }
    return null;
  }

  private static boolean isEmbeddedIpv4(byte[] b) {
    for (int i = 0; i < 12; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
