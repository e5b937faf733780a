package dev.cairn.cli;

import dev.cairn.TokenInfo;
import dev.cairn.internal.wire.ProtoMapping;
import dev.cairn.proto.v1.CreateTokenRequest;
import dev.cairn.proto.v1.CreateTokenResponse;
import dev.cairn.proto.v1.ListTokensRequest;
import dev.cairn.proto.v1.RevokeTokenRequest;
import dev.cairn.proto.v1.Role;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cairn tokens}: the server's bearer tokens (an admin token is needed). */
@Command(name = "tokens", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
    description = "Create, list and revoke bearer tokens (needs an admin token).",
    subcommands = {TokensCommand.Create.class, TokensCommand.ListTokens.class, TokensCommand.Revoke.class})
final class TokensCommand {
  enum TokenRole { client, worker, admin }

  static final List<String> HEADERS = List.of("ID", "NAME", "ROLE", "CREATED", "EXPIRES", "REVOKED", "WORKER");

  static List<String> row(TokenInfo token) {
    return List.of(token.id(), token.name(), token.role().name(), Output.time(token.createdAt()),
        Output.time(token.expiresAt()), Output.time(token.revokedAt()),
        token.workerId() == null ? "-" : token.workerId());
  }

  @Command(name = "create", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Create a token and print its secret (shown this once; the server keeps only a hash).")
  static final class Create extends CliCommand {
    @Parameters(paramLabel = "NAME", description = "What the token is for.")
    String name;

    @Option(names = "--role", required = true, paramLabel = "ROLE", description = "${COMPLETION-CANDIDATES}.")
    TokenRole role;

    @Option(names = "--expires-in", paramLabel = "DURATION", description = "Expires after this long (30d, 12h...);"
        + " default never.")
    String expiresIn;

    @Option(names = "--expires-at", paramLabel = "TIME", description = "Expires at this time (ISO-8601 UTC).")
    String expiresAt;

    @Option(names = "--worker-id", paramLabel = "ID", description = "A worker token may register only as this"
        + " worker.")
    String workerId;

    @Override
    public Integer call() {
      CreateTokenRequest.Builder request = CreateTokenRequest.newBuilder().setName(name)
          .setRole(Role.valueOf("ROLE_" + role.name().toUpperCase(Locale.ROOT)))
          .setWorkerId(workerId == null ? "" : workerId);
      Instant expiry = expiry();
      if (expiry != null) {
        request.setExpiresAt(ProtoMapping.timestamp(expiry));
      }
      CreateTokenResponse created = connection().admin().createToken(request.build());
      TokenInfo token = ProtoMapping.token(created.getToken());
      if (json()) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("token", token);
        result.put("secret", created.getSecret());
        output().json(result);
      } else {
        output().table(HEADERS, List.of(row(token)));
        output().line("");
        output().line("secret " + created.getSecret());
        output().line("(shown once: the server keeps only its hash)");
      }
      return ExitCodes.OK;
    }

    private Instant expiry() {
      if (expiresIn != null && expiresAt != null) {
        throw CliException.usage("--expires-in and --expires-at exclude each other");
      }
      if (expiresIn != null) {
        return Instant.now().plus(Inputs.duration("--expires-in", expiresIn));
      }
      return expiresAt == null ? null : Inputs.instant("--expires-at", expiresAt);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "List tokens (never their secrets).")
  static final class ListTokens extends CliCommand {
    @Override
    public Integer call() {
      List<TokenInfo> tokens = connection().admin().listTokens(ListTokensRequest.getDefaultInstance())
          .getTokensList().stream().map(ProtoMapping::token).toList();
      return list(tokens, token -> token, HEADERS, TokensCommand::row);
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true, footer = ExitCodes.HELP_FOOTER,
      description = "Revoke a token: it is refused from then on.")
  static final class Revoke extends CliCommand {
    @Parameters(paramLabel = "TOKEN_ID", description = "The token's id (cairn tokens list).")
    String id;

    @Override
    public Integer call() {
      connection().admin().revokeToken(RevokeTokenRequest.newBuilder().setId(id).build());
      return show(Map.of("id", id, "revoked", true), "revoked token " + id);
    }
  }
}
