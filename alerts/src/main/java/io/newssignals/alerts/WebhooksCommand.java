package io.newssignals.alerts;

import io.newssignals.alerts.webhooks.VerifyCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code webhooks}: tools for webhook subscribers ({@code verify}). */
@Command(name = "webhooks", mixinStandardHelpOptions = true, subcommands = {VerifyCommand.class},
    description = "Tools for webhook subscribers.")
public final class WebhooksCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand: verify");
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new WebhooksCommand()).execute(args));
  }
}
