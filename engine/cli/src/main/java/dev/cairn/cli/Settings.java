package dev.cairn.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where to connect and with what token, resolved from the flags, then the environment, then the profile.
 *
 * @param server host:port
 * @param token the bearer secret; never null
 * @param caCert trusted certificates for TLS; null for plain text
 */
record Settings(String server, String token, Path caCert) {
  static final String DEFAULT_SERVER = "localhost:7233";

  @Override
  public String toString() {
    return "Settings[server=" + server + ", token=<hidden>, caCert=" + caCert + "]";
  }

  static Settings resolve(GlobalOptions options, CliEnvironment environment) {
    CliConfig.Profile profile = profile(options, environment);
    String server = first(options.server, environment.get("CAIRN_SERVER"), profile.server(), DEFAULT_SERVER);
    String token = token(options, environment, profile);
    if (!token.chars().allMatch(c -> c > ' ' && c < 127)) {
      throw new CliException(ExitCodes.AUTH, "the token holds characters a token never has (spaces, control or"
          + " non-ASCII characters)");
    }
    String caCert = first(options.caCert == null ? null : options.caCert.toString(),
        environment.get("CAIRN_CA_CERT"), profile.caCert(), null);
    return new Settings(server, token, caCert == null ? null : Path.of(caCert));
  }

  private static CliConfig.Profile profile(GlobalOptions options, CliEnvironment environment) {
    CliConfig config = CliConfig.load(environment.configFile());
    String named = first(options.profile, environment.get("CAIRN_PROFILE"), null, null);
    String name = named != null ? named : config.currentProfile();
    CliConfig.Profile profile = name == null ? null : config.profiles().get(name);
    if (profile == null && named != null) {
      throw CliException.usage("no profile named '" + named + "' in " + environment.configFile()
          + " (cairn config list-profiles)");
    }
    return profile == null ? new CliConfig.Profile(null, null, null, null) : profile;
  }

  private static String token(GlobalOptions options, CliEnvironment environment, CliConfig.Profile profile) {
    if (options.token != null) {
      return options.token;
    }
    if (options.tokenFile != null) {
      return read(options.tokenFile, "--token-file");
    }
    if (environment.get("CAIRN_TOKEN") != null) {
      return environment.get("CAIRN_TOKEN");
    }
    if (environment.get("CAIRN_TOKEN_FILE") != null) {
      return read(Path.of(environment.get("CAIRN_TOKEN_FILE")), "CAIRN_TOKEN_FILE");
    }
    if (profile.token() != null) {
      return profile.token();
    }
    if (profile.tokenFile() != null) {
      return read(Path.of(profile.tokenFile()), "the profile's tokenFile");
    }
    throw new CliException(ExitCodes.AUTH, "no token: give --token or --token-file, set CAIRN_TOKEN, or add one to a"
        + " profile (cairn config set-profile NAME --token SECRET)");
  }

  private static String read(Path file, String source) {
    try {
      String token = Files.readString(file).strip();
      if (token.isEmpty()) {
        throw new CliException(ExitCodes.AUTH, "token file " + file + " (" + source + ") is empty");
      }
      return token;
    } catch (IOException e) {
      throw new CliException(ExitCodes.AUTH, "cannot read token file " + file + " (" + source + "): " + e);
    }
  }

  private static String first(String flag, String env, String profile, String fallback) {
    return flag != null ? flag : env != null ? env : profile != null ? profile : fallback;
  }
}
