package dev.cairn.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cairn}: the command-line tool of a Cairn engine server. Run by {@code bin/cairn} or
 * {@code java -jar cairn-cli-VERSION-all.jar}. Each invocation runs one command and exits with a code of
 * {@link ExitCodes}.
 */
@Command(name = "cairn", mixinStandardHelpOptions = true, versionProvider = CairnCli.Version.class,
    description = "Operates a Cairn engine server over gRPC: runs, events, event triggers, schedules, rate limits,"
        + " workflows and tokens.",
    footer = ExitCodes.HELP_FOOTER,
    subcommands = {RunsCommand.class, TriggerCommand.class, CancelCommand.class, ReplayCommand.class,
        EventsCommand.class, EventTriggersCommand.class, SchedulesCommand.class, RateLimitsCommand.class,
        WorkflowsCommand.class, WorkersCommand.class, TokensCommand.class, WhoAmICommand.class, ConfigCommand.class, CompletionCommand.class})
public final class CairnCli implements Callable<Integer> {
  @Mixin
  final GlobalOptions options = new GlobalOptions();
  @Spec
  CommandSpec spec;

  private final CliEnvironment environment;
  private Connection connection;

  private CairnCli(CliEnvironment environment) {
    this.environment = environment;
  }

  /** Runs one command and exits with its code. */
  public static void main(String[] args) {
    System.exit(run(args, CliEnvironment.system(), System.out, System.err));
  }

  /** Runs one command in this process (what {@link #main} and the tests do); returns its exit code. */
  static int run(String[] args, CliEnvironment environment, PrintStream out, PrintStream err) {
    CairnCli cli = new CairnCli(environment);
    CommandLine commandLine = commandLine(cli);
    commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    try {
      return commandLine.execute(args);
    } finally {
      cli.closeConnection();
      commandLine.getOut().flush();
      commandLine.getErr().flush();
    }
  }

  static CommandLine commandLine(CairnCli cli) {
    CommandLine commandLine = new CommandLine(cli);
    commandLine.setExecutionExceptionHandler((error, line, parsed) -> {
      PrintWriter err = line.getErr();
      err.println(Failures.message(error));
      if (cli.options.verbose) {
        err.print(Failures.stackTrace(error));
      }
      err.flush();
      return Failures.exitCode(error);
    });
    commandLine.setParameterExceptionHandler(CairnCli::usageError);
    commandLine.setExitCodeExceptionMapper(Failures::exitCode);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    return commandLine;
  }

  private static int usageError(ParameterException error, String[] args) {
    CommandLine line = error.getCommandLine();
    PrintWriter err = line.getErr();
    err.println("error: " + Failures.oneLine(error.getMessage()));
    err.println("see '" + line.getCommandSpec().qualifiedName() + " --help'");
    err.flush();
    return ExitCodes.USAGE;
  }

  /** {@code cairn} alone: the usage, on standard error. */
  @Override
  public Integer call() {
    CommandLine line = spec.commandLine();
    line.usage(line.getErr());
    return ExitCodes.USAGE;
  }

  CliEnvironment environment() {
    return environment;
  }

  Connection connection() {
    if (connection == null) {
      connection = new Connection(Settings.resolve(options, environment));
    }
    return connection;
  }

  private void closeConnection() {
    if (connection != null) {
      connection.close();
    }
  }

  /** The version in the jar's manifest ("dev" when run from classes). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = CairnCli.class.getPackage().getImplementationVersion();
      return new String[] {"cairn " + (version == null ? "dev" : version)};
    }
  }
}
