package dev.cairn.cli;

import dev.cairn.TokenInfo;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code cairn whoami}: the token the CLI uses, as the server knows it. */
@Command(name = "whoami", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Show the token in use (its id, name, role and expiry; never its secret) and the server it is"
        + " checked against.")
final class WhoAmICommand extends CliCommand {
  @Override
  public Integer call() {
    TokenInfo token = connection().client().whoAmI();
    if (json()) {
      output().json(token);
    } else {
      output().line("server " + connection().settings().server());
      output().table(TokensCommand.HEADERS, List.of(TokensCommand.row(token)));
    }
    return ExitCodes.OK;
  }
}
