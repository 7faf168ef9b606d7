package io.newssignals.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class PipelineTest {

  @Test
  void shouldRegisterEveryServiceCommand() {
    CommandLine cli = Pipeline.commandLine();

    assertThat(cli.getSubcommands()).containsKeys("run", "ingest", "feeds", "enrich", "extract", "alerts", "backtest", "webhooks", "bench");
    assertThat(cli.getSubcommands().get("feeds").getSubcommands()).containsKeys("check", "status");
    assertThat(cli.getSubcommands().get("alerts").getSubcommands()).containsKey("tail");
    assertThat(cli.getSubcommands().get("webhooks").getSubcommands()).containsKey("verify");
    assertThat(cli.getSubcommands().get("bench").getSubcommands()).containsKeys("ingest", "tagger", "push");
  }

  @Test
  void shouldRegisterTheOperatorCommands() {
    CommandLine cli = Pipeline.commandLine();

    assertThat(cli.getSubcommands()).containsKeys("broker", "lag", "errors", "dead-letters");
    assertThat(cli.getSubcommands().get("errors").getSubcommands()).containsKey("tail");
    assertThat(cli.getSubcommands().get("dead-letters").getSubcommands()).containsKey("tail");
  }

  @Test
  void shouldPrintUsageAndExitTwoWithoutASubcommand() {
    CommandLine cli = Pipeline.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute();

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("Usage: pipeline").contains("run");
  }

  @ParameterizedTest
  @ValueSource(strings = {"feeds", "webhooks", "errors", "dead-letters"})
  void shouldExitTwoWithItsUsageWhenACommandGroupHasNoSubcommand(String group) {
    CommandLine cli = Pipeline.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute(group);

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString()).contains("missing subcommand").contains("Usage: pipeline " + group);
  }

  /** Regression: the command list showed the first line of a description, cut mid-sentence ("... alert logic"). */
  @Test
  void shouldListEveryCommandWithAWholeSentence() {
    CommandLine cli = Pipeline.commandLine();
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));

    cli.execute("--help");

    String help = out.toString().replaceAll("\\s+", " ");
    assertThat(help).contains("backtest Replays articles (JSON Lines) in published order through the live enrichment"
        + " and alert logic and writes the alerts they would have raised as JSON Lines.");
    assertThat(help).contains("broker Run a single-node Kafka broker");
  }

  @Test
  void shouldNameTheWholeCommandWhenASubcommandFails() {
    CommandLine cli = Pipeline.commandLine();
    StringWriter err = new StringWriter();
    CommandLine status = cli.getSubcommands().get("feeds").getSubcommands().get("status");
    status.setErr(new PrintWriter(err));

    Pipeline.reportFailure(new IllegalStateException("broker 127.0.0.1:1 unreachable (Connection refused)"), status,
        cli.parseArgs("feeds", "status"));

    assertThat(err.toString()).isEqualToIgnoringNewLines(
        "pipeline feeds status: broker 127.0.0.1:1 unreachable (Connection refused)");
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
