package dev.cairn.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code cairn config}: the profiles of the config file. {@code set-profile} takes the same --server, --token,
 * --token-file and --ca-cert options as every command and stores them under the profile's name.
 */
@Command(name = "config", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = {"Named profiles (a server, a token or token file, a CA certificate) in ~/.cairn/config or"
        + " $CAIRN_CONFIG, and the current one, like kubectl contexts.",
        "Which applies: a flag, else the environment (CAIRN_SERVER, CAIRN_TOKEN, CAIRN_TOKEN_FILE, CAIRN_CA_CERT),"
            + " else the profile (--profile, CAIRN_PROFILE, else the current profile)."},
    subcommands = {ConfigCommand.SetProfile.class, ConfigCommand.UseProfile.class, ConfigCommand.ListProfiles.class,
        ConfigCommand.DeleteProfile.class})
final class ConfigCommand {
  /** A command changing or reading the config file. */
  abstract static class ConfigFileCommand extends CliCommand {
    Path file() {
      return cli().environment().configFile();
    }

    CliConfig load() {
      return CliConfig.load(file());
    }

    /** Changes the existing profile {@code name} and says so. */
    int changeProfile(String name, Function<CliConfig, CliConfig> change, String done) {
      CliConfig config = load();
      if (!config.profiles().containsKey(name)) {
        throw new CliException(ExitCodes.NOT_FOUND, "no profile named '" + name + "' in " + file()
            + " (cairn config list-profiles)");
      }
      change.apply(config).save(file());
      output().line(done);
      return ExitCodes.OK;
    }
  }

  @Command(name = "set-profile", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = {"Create or change a profile from --server, --token, --token-file and --ca-cert (an empty value"
          + " removes a setting). The first profile becomes the current one.",
          "Example: cairn config set-profile prod --server cairn.internal:7233 --token-file ~/.cairn/prod-token"})
  static final class SetProfile extends ConfigFileCommand {
    @Parameters(paramLabel = "NAME", description = "The profile's name.")
    String name;

    @Override
    public Integer call() {
      GlobalOptions options = cli().options;
      CliConfig.Profile changes = new CliConfig.Profile(options.server, options.token,
          absolute(options.tokenFile), absolute(options.caCert));
      CliConfig config = load().withProfile(name, changes);
      config.save(file());
      output().line("profile " + name + " saved in " + file() + (name.equals(config.currentProfile())
          ? " (current)" : ""));
      return ExitCodes.OK;
    }
  }

  /** A file as an absolute path (the config may be read from another directory); empty stays empty. */
  static String absolute(Path file) {
    return file == null ? null : file.toString().isEmpty() ? "" : file.toAbsolutePath().toString();
  }

  @Command(name = "use-profile", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Make a profile the current one.")
  static final class UseProfile extends ConfigFileCommand {
    @Parameters(paramLabel = "NAME", description = "The profile's name.")
    String name;

    @Override
    public Integer call() {
      return changeProfile(name, config -> config.withCurrent(name), "current profile: " + name);
    }
  }

  @Command(name = "list-profiles", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "List the profiles (tokens are not shown); * marks the current one.")
  static final class ListProfiles extends ConfigFileCommand {
    @Override
    public Integer call() {
      CliConfig config = load();
      List<Map<String, Object>> profiles = new ArrayList<>();
      config.profiles().forEach((name, profile) -> {
        Map<String, Object> shown = new LinkedHashMap<>();
        shown.put("name", name);
        shown.put("current", name.equals(config.currentProfile()));
        shown.put("server", profile.server() == null ? Settings.DEFAULT_SERVER : profile.server());
        shown.put("token", profile.token() != null ? "set" : profile.tokenFile() != null
            ? "file " + profile.tokenFile() : "none");
        shown.put("caCert", profile.caCert());
        profiles.add(shown);
      });
      if (json()) {
        output().json(profiles);
      } else {
        output().table(List.of("", "NAME", "SERVER", "TOKEN", "CA CERT"), profiles.stream().map(profile -> List.of(
            (Boolean) profile.get("current") ? "*" : "", (String) profile.get("name"), (String) profile.get("server"),
            (String) profile.get("token"), profile.get("caCert") == null ? "-" : (String) profile.get("caCert")))
            .toList());
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "delete-profile", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Delete a profile.")
  static final class DeleteProfile extends ConfigFileCommand {
    @Parameters(paramLabel = "NAME", description = "The profile's name.")
    String name;

    @Override
    public Integer call() {
      return changeProfile(name, config -> config.withoutProfile(name), "deleted profile " + name);
    }
  }
}
