package dev.cairn.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes (declared once on {@code cairn}, inherited by each subcommand): where the server
 * is, the token, the profile, the output format and how much to say about errors.
 */
final class GlobalOptions {
  enum Format { table, json }

  @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "HOST:PORT",
      description = "The engine's gRPC address (else CAIRN_SERVER, the profile's, localhost:7233).")
  String server;

  @Option(names = "--token", scope = ScopeType.INHERIT, paramLabel = "SECRET",
      description = "Bearer token (else --token-file, CAIRN_TOKEN, CAIRN_TOKEN_FILE, the profile's).")
  String token;

  @Option(names = "--token-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "A file holding the token, e.g. the server's first admin token (.cairn/admin-token).")
  Path tokenFile;

  @Option(names = "--ca-cert", scope = ScopeType.INHERIT, paramLabel = "PEM",
      description = "Connect with TLS trusting these certificates (else CAIRN_CA_CERT, the profile's; default: plain"
          + " text).")
  Path caCert;

  @Option(names = "--profile", scope = ScopeType.INHERIT, paramLabel = "NAME",
      description = "The config profile to use (else CAIRN_PROFILE, the current profile).")
  String profile;

  @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, paramLabel = "FORMAT",
      description = "table (default) or json.")
  Format format = Format.table;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
      description = "Print the stack trace of an error.")
  boolean verbose;

  boolean json() {
    return format == Format.json;
  }
}
