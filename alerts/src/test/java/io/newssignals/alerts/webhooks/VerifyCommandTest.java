package io.newssignals.alerts.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class VerifyCommandTest {
  static final String SECRET = WebhookSignatureTest.SECRET;
  static final long TS = 1614265330L;

  @TempDir
  Path dir;

  private int run(String out[], String... args) {
    VerifyCommand cmd = new VerifyCommand();
    cmd.clock = Clock.fixed(Instant.ofEpochSecond(TS + 30), ZoneOffset.UTC);
    StringWriter sw = new StringWriter();
    CommandLine cl = new CommandLine(cmd);
    cl.setOut(new PrintWriter(sw));
    cl.setErr(new PrintWriter(sw));
    int code = cl.execute(args);
    out[0] = sw.toString();
    return code;
  }

  private Path dump(String signature, String body) throws Exception {
    String req = "POST /hook HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
        + body.getBytes(StandardCharsets.UTF_8).length + "\r\nwebhook-id: " + WebhookSignatureTest.ID
        + "\r\nwebhook-timestamp: " + TS + "\r\nwebhook-signature: " + signature + "\r\n\r\n" + body + "\n";
    Path f = dir.resolve("req.http");
    Files.writeString(f, req);
    return f;
  }

  @Test
  void shouldAcceptAValidRequestDump() throws Exception {
    String[] out = new String[1];
    Path f = dump("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "{\"test\": 2432232314}");
    assertThat(run(out, "--secret", SECRET, "--request", f.toString())).isZero();
    assertThat(out[0]).startsWith("valid");
  }

  @Test
  void shouldRejectATamperedBodyAndShowTheExpectedSignature() throws Exception {
    String[] out = new String[1];
    Path f = dump("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "{\"test\": 2432232315}");
    assertThat(run(out, "--secret", SECRET, "--request", f.toString())).isEqualTo(1);
    assertThat(out[0]).startsWith("INVALID").contains("expected v1,");
  }

  @Test
  void shouldAcceptHeaderFlagsAndABodyFile() throws Exception {
    String[] out = new String[1];
    Path body = dir.resolve("body.json");
    Files.writeString(body, "{\"test\": 2432232314}");
    assertThat(run(out, "--secret", SECRET, "--id", WebhookSignatureTest.ID, "--timestamp", Long.toString(TS),
        "--signature", "v1,bogus v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "--body", body.toString()))
        .isZero();
  }

  @Test
  void shouldFlagAnOldTimestampAsAReplayRisk() throws Exception {
    String[] out = new String[1];
    Path f = dump("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=", "{\"test\": 2432232314}");
    assertThat(run(out, "--secret", SECRET, "--request", f.toString(), "--tolerance", "10s")).isEqualTo(1);
    assertThat(out[0]).contains("replay");
    assertThat(run(out, "--secret", SECRET, "--request", f.toString(), "--tolerance", "0")).isZero();
  }
}
