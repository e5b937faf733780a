package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Profiles in the config file, and which setting wins: a flag, else the environment, else the profile. */
class CliConfigTest {
  @RegisterExtension
  static final TestServer server = new TestServer();

  private static Cli.Result ok(Cli cli, String... args) {
    Cli.Result result = cli.run(args);
    assertEquals(0, result.exitCode(), result.toString());
    return result;
  }

  @Test
  void theFirstProfileBecomesCurrentAndIsUsedWithoutFlags() throws Exception {
    Cli cli = Cli.bare();
    ok(cli, "config", "set-profile", "local", "--server", server.target(), "--token", server.client().secret());
    Path config = cli.home().resolve(".cairn").resolve("config");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
    assertTrue(ok(cli, "whoami").out().contains("cli client"));
    Cli.Result listed = ok(cli, "config", "list-profiles");
    assertTrue(listed.lines().get(1).matches("\\*\\s+local\\s+127\\.0\\.0\\.1:\\d+\\s+set\\s+-"), listed.out());
    assertTrue(!listed.out().contains(server.client().secret()), "tokens are not shown");
  }

  @Test
  void useProfileSwitchesAndProfileFlagOverridesForOneCommand() throws Exception {
    Cli cli = Cli.bare();
    Path adminToken = Files.writeString(cli.home().resolve("admin-token"), server.admin().secret() + "\n");
    ok(cli, "config", "set-profile", "client", "--server", server.target(), "--token", server.client().secret());
    ok(cli, "config", "set-profile", "admin", "--server", server.target(), "--token-file", adminToken.toString());
    assertTrue(ok(cli, "whoami").out().contains("cli client"));
    assertTrue(ok(cli, "whoami", "--profile", "admin").out().contains("cli admin"));
    assertTrue(ok(cli.env("CAIRN_PROFILE", "admin"), "whoami").out().contains("cli admin"));
    cli.env("CAIRN_PROFILE", "");
    assertEquals("current profile: admin", ok(cli, "config", "use-profile", "admin").out().strip());
    assertTrue(ok(cli, "tokens", "list").out().contains("cli worker"));
    assertEquals(3, cli.run("config", "use-profile", "nope").exitCode());
    Cli.Result unknown = cli.run("whoami", "--profile", "nope");
    assertEquals(2, unknown.exitCode(), unknown.toString());
    assertTrue(unknown.err().startsWith("error: no profile named 'nope'"), unknown.err());
    ok(cli, "config", "delete-profile", "client");
    assertEquals(2, ok(cli, "config", "list-profiles").lines().size());
  }

  @Test
  void aFlagBeatsTheEnvironmentWhichBeatsTheProfile() {
    Cli cli = Cli.bare();
    ok(cli, "config", "set-profile", "p", "--server", "127.0.0.1:1", "--token", "cairn_profile_token");
    assertEquals(5, cli.run("whoami").exitCode(), "the profile's unreachable server");
    cli.env("CAIRN_SERVER", server.target());
    assertEquals(4, cli.run("whoami").exitCode(), "the environment's server, the profile's bad token");
    cli.env("CAIRN_TOKEN", server.admin().secret());
    assertTrue(ok(cli, "whoami").out().contains("cli admin"));
    assertTrue(ok(cli, "whoami", "--token", server.client().secret()).out().contains("cli client"));
    assertEquals(5, cli.run("whoami", "--server", "127.0.0.1:1").exitCode());
  }

  @Test
  void aBrokenConfigFileIsNamed() throws Exception {
    Cli cli = Cli.bare();
    Path config = cli.home().resolve("elsewhere.json");
    Files.writeString(config, "{ not json");
    Cli.Result result = cli.env("CAIRN_CONFIG", config.toString()).run("runs", "list");
    assertEquals(2, result.exitCode(), result.toString());
    assertTrue(result.err().startsWith("error: config file " + config + " is not valid"), result.err());
  }
}
