package dev.cairn.cli;

import dev.cairn.RateLimits;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn rate-limits}: the static rate limits steps name with @RateLimit (an admin token is needed). */
@Command(name = "rate-limits", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Set and list static rate limits (needs an admin token).",
    subcommands = {RateLimitsCommand.Set.class, RateLimitsCommand.ListLimits.class})
final class RateLimitsCommand {
  static Map<String, Object> json(RateLimits.Limit limit) {
    return Map.of("name", limit.name(), "units", limit.units(), "periodMs", limit.period().toMillis());
  }

  @Command(name = "set", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Create or change a rate limit: at most UNITS units start within any PERIOD. Applies from the"
          + " next admission.")
  static final class Set extends CliCommand {
    @Parameters(paramLabel = "NAME", description = "The limit's name (as in @RateLimit(name)).")
    String name;

    @Option(names = "--units", required = true, paramLabel = "UNITS", description = "1..1,000,000.")
    int units;

    @Option(names = "--period", required = true, paramLabel = "DURATION", description = "1ms..1d (1s, 1m...).")
    String period;

    @Override
    public Integer call() {
      RateLimits.Limit limit = new RateLimits.Limit(name, units, Inputs.duration("--period", period));
      connection().client().rateLimits().set(limit.name(), limit.units(), limit.period());
      return show(RateLimitsCommand.json(limit), "rate limit " + name + ": " + units + " per "
          + Output.duration(limit.period()));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "List the rate limits.")
  static final class ListLimits extends CliCommand {
    @Override
    public Integer call() {
      return list(connection().client().rateLimits().list(), RateLimitsCommand::json, List.of("NAME", "UNITS",
          "PERIOD"), limit -> List.of(limit.name(), String.valueOf(limit.units()), Output.duration(limit.period())));
    }
  }
}
