package io.newssignals.launcher;

import io.newssignals.alerts.AlertsCommand;
import io.newssignals.alerts.BacktestCommand;
import io.newssignals.alerts.WebhooksCommand;
import io.newssignals.enrich.EnrichCommand;
import io.newssignals.enrich.ExtractCommand;
import io.newssignals.enrich.TrainDealModelCommand;
import io.newssignals.enrich.TrainPartnershipModelCommand;
import io.newssignals.enrich.TrainOrgModelCommand;
import io.newssignals.ingest.FeedsCommand;
import io.newssignals.ingest.IngestCommand;
import io.newssignals.launcher.bench.BenchCommand;
import io.newssignals.launcher.bench.PushBenchCommand;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * {@code bin/pipeline}: the one command line of news-signals. Each service contributes its own subcommands; this
 * class only registers them.
 */
@Command(
    name = "pipeline",
    mixinStandardHelpOptions = true,
    versionProvider = Pipeline.Version.class,
    description = "Turns RSS/Atom news feeds into market signals on Apache Kafka (ingest -> enrich -> alerts).",
    subcommands = {
        RunCommand.class,
        BrokerCommand.class,
        IngestCommand.class,
        FeedsCommand.class,
        EnrichCommand.class,
        ExtractCommand.class,
        TrainDealModelCommand.class,
        TrainPartnershipModelCommand.class,
        TrainOrgModelCommand.class,
        AlertsCommand.class,
        BacktestCommand.class,
        WebhooksCommand.class,
        LagCommand.class,
        ErrorsCommand.class,
        DeadLettersCommand.class,
        CommandLine.HelpCommand.class})
public final class Pipeline implements Runnable {

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "Log debug details of news-signals and info of Kafka clients (default: info, Kafka warn only).")
  boolean verbose;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
  }

  /** The command line with every subcommand registered; tests inspect it. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Pipeline());
    // bench: the end-to-end benchmark itself, with the modules' own benchmarks as subcommands
    CommandLine bench = new CommandLine(new BenchCommand());
    bench.addSubcommand(new IngestBenchCommand());
    bench.addSubcommand(new TaggerBenchCommand());
    bench.addSubcommand(new PushBenchCommand());
    cli.addSubcommand(bench);
    SettingsHelp.addFooters(cli);
    cli.setExecutionExceptionHandler(Pipeline::reportFailure);
    completeCommandLists(cli);
    return cli;
  }

  /**
   * The command lists of {@code --help} show, by default, only the first line of each subcommand's description,
   * which is often half a sentence. Here every list shows the subcommand's header, or else the first sentence of
   * its whole description, wrapped at the usage width.
   */
  static void completeCommandLists(CommandLine cli) {
    cli.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, Pipeline::commandList);
    cli.getSubcommands().values().forEach(Pipeline::completeCommandLists);
  }

  static String commandList(CommandLine.Help help) {
    Map<String, CommandLine.Help> subcommands = help.subcommands();
    if (subcommands.isEmpty()) {
      return "";
    }
    int nameWidth = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0) + 4;
    int width = help.commandSpec().usageMessage().width();
    CommandLine.Help.TextTable table = CommandLine.Help.TextTable.forColumns(help.colorScheme(),
        new CommandLine.Help.Column(nameWidth, 2, CommandLine.Help.Column.Overflow.SPAN),
        new CommandLine.Help.Column(Math.max(20, width - nameWidth), 0, CommandLine.Help.Column.Overflow.WRAP));
    subcommands.forEach((name, sub) -> table.addRowValues(name, summary(sub.commandSpec().usageMessage())));
    return table.toString();
  }

  /** A command's header, or else the first sentence of its description. */
  static String summary(CommandLine.Model.UsageMessageSpec usage) {
    String[] text = usage.header().length > 0 ? usage.header() : usage.description();
    return firstSentence(String.join(" ", text).trim());
  }

  /** The text up to its first full stop followed by a space (or the end). */
  static String firstSentence(String text) {
    int end = text.indexOf(". ");
    return end < 0 ? text : text.substring(0, end + 1);
  }

  /**
   * A command that fails prints one line naming the problem (configuration errors, a broker that cannot start, a
   * pipeline that did not catch up) and exits 1; {@code --verbose} logs the stack trace.
   */
  static int reportFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    PrintWriter err = cli.getErr();
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    // the whole command ("pipeline feeds status"), not its last word
    err.println(cli.getCommandSpec().qualifiedName() + ": " + message);
    err.flush();
    // debug: shown with --verbose; the logger is created here, after configureLogging
    LoggerFactory.getLogger(Pipeline.class).debug("{} failed", cli.getCommandSpec().qualifiedName(), e);
    return 1;
  }

  public static void main(String[] args) {
    configureLogging(args);
    System.exit(commandLine().execute(args));
  }

  /** slf4j-simple reads these once, when the first logger is created: set them before anything logs. */
  static void configureLogging(String[] args) {
    if (Arrays.asList(args).contains("--verbose") || Arrays.asList(args).contains("-v")) {
      System.setProperty("org.slf4j.simpleLogger.log.io.newssignals", "debug");
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "info");
      System.setProperty("org.slf4j.simpleLogger.log.kafka", "info");
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.NetworkClient", "info");
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.controller", "info");
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.producer.internals.Sender", "info");
      System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka.clients.producer.internals.TransactionManager",
          "info");
      System.setProperty("org.slf4j.simpleLogger.log.kafka.server.ReplicaManager", "info");
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Pipeline.class.getPackage().getImplementationVersion();
      return new String[] {"news-signals " + (v == null ? "(development build)" : v)};
    }
  }
}
