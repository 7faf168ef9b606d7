package io.newssignals.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PipelineTest {

  @Test
  void shouldRegisterEveryServiceCommand() {
    CommandLine cli = Pipeline.commandLine();

    assertThat(cli.getSubcommands()).containsKeys("run", "ingest", "feeds", "enrich", "extract", "alerts", "backtest", "webhooks", "bench");
    assertThat(cli.getSubcommands().get("feeds").getSubcommands()).containsKeys("check", "status");
    assertThat(cli.getSubcommands().get("alerts").getSubcommands()).containsKey("tail");
    assertThat(cli.getSubcommands().get("webhooks").getSubcommands()).containsKey("verify");
    assertThat(cli.getSubcommands().get("bench").getSubcommands()).containsKeys("ingest", "tagger");
  }

  @Test
  void shouldPrintUsageWithoutASubcommand() {
    CommandLine cli = Pipeline.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));

    int exit = cli.execute();

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("Usage: pipeline").contains("run");
  }

  @Test
  void shouldRejectAnUnknownSubcommandWithAUsageError() {
    CommandLine cli = Pipeline.commandLine();
    cli.setErr(new PrintWriter(new StringWriter()));

    assertThat(cli.execute("no-such-command")).isEqualTo(2);
  }

  @Test
  void shouldRejectAFeedsFileThatDoesNotExistBeforeStartingAnything() {
    CommandLine cli = Pipeline.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("run", "--once", "--feeds", "/no/such/feeds.yaml");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("no such file: /no/such/feeds.yaml");
  }

  @Test
  void shouldReportAFailingCommandInOneLineAndExitOne() {
    CommandLine cli = Pipeline.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));
    CommandLine run = cli.getSubcommands().get("run");
    run.setErr(new PrintWriter(err));

    int exit = Pipeline.reportFailure(new IllegalStateException("Kafka data directory data/kafka is in use"), run,
        cli.parseArgs("run"));

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).isEqualToIgnoringNewLines("pipeline run: Kafka data directory data/kafka is in use");
  }

  @Test
  void shouldUseTheClusterFromTheEnvironmentWhenNoFlagIsGiven() {
    RunCommand run = new RunCommand(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092", "KAFKA_REPLICATION_FACTOR", "3"));
    new CommandLine(run).parseArgs("--data-dir", "/tmp/x");

    LocalPipeline.Options options = run.options();

    assertThat(options.bootstrapServers()).contains("kafka-1:9092");
    assertThat(options.replicationFactor()).isEqualTo(3);
    assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/x"));
  }

  @Test
  void shouldPreferTheFlagOverTheEnvironment() {
    RunCommand run = new RunCommand(Map.of("KAFKA_BOOTSTRAP_SERVERS", "kafka-1:9092"));
    new CommandLine(run).parseArgs("--bootstrap-servers", "localhost:29092");

    assertThat(run.options().bootstrapServers()).contains("localhost:29092");
  }

  @Test
  void shouldStartAnEmbeddedBrokerWithReplicationFactorOneWhenNoClusterIsConfigured() {
    RunCommand run = new RunCommand(Map.of());
    new CommandLine(run).parseArgs("--once", "--fresh");

    LocalPipeline.Options options = run.options();

    assertThat(options.bootstrapServers()).isEmpty();
    assertThat(options.replicationFactor()).isEqualTo(1);
    assertThat(options.fresh()).isTrue();
    assertThat(options.dataDir()).isEqualTo(Path.of("data"));
  }
}
