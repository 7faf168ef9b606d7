package io.newssignals.alerts.webhooks;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import io.newssignals.alerts.AlertsConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code webhooks verify}: checks a delivery's signature the way a subscriber must. Input is either an HTTP request
 * dump (request line optional, headers, blank line, body; {@code Content-Length} trims a trailing newline an editor
 * added) on stdin or in {@code --request FILE}, or the three header values as flags plus {@code --body FILE}.
 * Exit status 0 = valid, 1 = invalid, 2 = unusable input.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Checks the Standard Webhooks signature of a delivery.",
        "Input: an HTTP request dump on stdin (or --request FILE), or --id/--timestamp/--signature with --body FILE.",
        "Exit status: 0 valid, 1 invalid, 2 unusable input."})
public final class VerifyCommand implements Callable<Integer> {
  @Option(names = "--secret", required = true, paramLabel = "whsec_...",
      description = "Subscription secret; repeat to accept any of several (rotation).")
  List<String> secrets;

  @Option(names = "--request", paramLabel = "FILE", description = "HTTP request dump (default: stdin).")
  Path request;

  @Option(names = "--id", description = "webhook-id header value.")
  String id;

  @Option(names = "--timestamp", description = "webhook-timestamp header value (Unix seconds).")
  String timestamp;

  @Option(names = "--signature", description = "webhook-signature header value.")
  String signature;

  @Option(names = "--body", paramLabel = "FILE", description = "Raw body, byte for byte ('-' = stdin).")
  Path body;

  @Option(names = "--tolerance", paramLabel = "DURATION", defaultValue = "5m",
      description = "Maximum age (or clock skew) of webhook-timestamp before it is reported as a replay risk "
          + "(default: ${DEFAULT-VALUE}; 0 = do not check).")
  String tolerance;

  @Spec
  CommandLine.Model.CommandSpec spec;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    byte[] payload;
    String whId;
    String whTs;
    String whSig;
    if (id != null || timestamp != null || signature != null || body != null) {
      if (id == null || timestamp == null || signature == null || body == null) {
        err.println("webhooks verify: --id, --timestamp, --signature and --body go together");
        return 2;
      }
      payload = "-".equals(body.toString()) ? System.in.readAllBytes() : Files.readAllBytes(body);
      whId = id;
      whTs = timestamp;
      whSig = signature;
    } else {
      byte[] raw = request == null ? System.in.readAllBytes() : Files.readAllBytes(request);
      Dump d = Dump.parse(raw);
      whId = d.headers.get("webhook-id");
      whTs = d.headers.get("webhook-timestamp");
      whSig = d.headers.get("webhook-signature");
      payload = d.body;
      for (String h : List.of("webhook-id", "webhook-timestamp", "webhook-signature")) {
        if (d.headers.get(h) == null) {
          err.println("webhooks verify: header '" + h + "' missing from the request dump");
          return 2;
        }
      }
    }
    for (String s : secrets) {
      try {
        WebhookSignature.secretKey(s);
      } catch (IllegalArgumentException e) {
        err.println("webhooks verify: --secret: " + e.getMessage());
        return 2;
      }
    }
    long ts;
    try {
      ts = Long.parseLong(whTs.trim());
    } catch (NumberFormatException e) {
      out.println("INVALID: webhook-timestamp '" + whTs + "' is not Unix seconds");
      return 1;
    }
    for (int i = 0; i < secrets.size(); i++) {
      if (WebhookSignature.verify(secrets.get(i), whId, whTs, whSig, payload)) {
        Duration tol = AlertsConfig.parseDuration(tolerance, "--tolerance");
        Duration age = Duration.between(Instant.ofEpochSecond(ts), clock.instant());
        if (!tol.isZero() && age.abs().compareTo(tol) > 0) {
          out.printf("INVALID: signature matches secret #%d but webhook-timestamp %s is %d s %s (tolerance %d s): "
              + "reject as a possible replay%n", i + 1, Instant.ofEpochSecond(ts), age.abs().toSeconds(),
              age.isNegative() ? "in the future" : "old", tol.toSeconds());
          return 1;
        }
        out.printf("valid: signature matches secret #%d (webhook-id %s, timestamp %s, %d body bytes)%n", i + 1, whId,
            Instant.ofEpochSecond(ts), payload.length);
        return 0;
      }
    }
    out.printf("INVALID: no signature in '%s' matches %s over %d body bytes; expected %s%n", whSig,
        secrets.size() == 1 ? "the secret" : "any of the " + secrets.size() + " secrets", payload.length,
        WebhookSignature.sign(WebhookSignature.secretKey(secrets.get(0)), whId, ts, payload));
    return 1;
  }

  /** A raw HTTP request: optional request line, headers (names lower-cased), blank line, body. */
  static final class Dump {
    final Map<String, String> headers = new HashMap<>();
    byte[] body = new byte[0];

    static Dump parse(byte[] raw) {
      Dump d = new Dump();
      int split = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      int skip = 4;
      int lf = indexOf(raw, "\n\n".getBytes(StandardCharsets.US_ASCII));
      if (split < 0 || (lf >= 0 && lf < split)) {
        split = lf;
        skip = 2;
      }
      String head = new String(split < 0 ? raw : Arrays.copyOfRange(raw, 0, split), StandardCharsets.UTF_8);
      for (String line : head.split("\r?\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && !line.substring(0, colon).contains(" ")) {
          d.headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
      }
      if (split >= 0) {
        d.body = Arrays.copyOfRange(raw, split + skip, raw.length);
        String len = d.headers.get("content-length");
        if (len != null) {
          try {
            int n = Integer.parseInt(len.trim());
            if (n >= 0 && n < d.body.length) {
              d.body = Arrays.copyOf(d.body, n);
            }
          } catch (NumberFormatException e) {
            // keep the whole body
          }
        }
      }
      return d;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
      outer:
      for (int i = 0; i <= hay.length - needle.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (hay[i + j] != needle[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new VerifyCommand()).execute(args));
  }
}
