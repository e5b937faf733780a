package dev.cairn.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.testing.TestEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** --ca-cert connects with TLS to a server that serves it; plain text to it, or an unreadable CA, fails clearly. */
class CliTlsTest {
  private static Path certificate;
  private static Cairn cairn;
  private static NewToken token;

  @BeforeAll
  static void start() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "tls");
    certificate = dir.resolve("cert.pem");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-keyout", dir.resolve("key.pem").toString(), "-out", certificate.toString(), "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1").redirectErrorStream(true).start();
    assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0,
        new String(openssl.getInputStream().readAllBytes()));
    cairn = TestEngines.builder().grpcPort(0).grpcHost("127.0.0.1").grpcTls(certificate, dir.resolve("key.pem"))
        .build();
    cairn.start();
    token = cairn.tokens().create("tls cli", Role.CLIENT, null);
  }

  @AfterAll
  static void stop() {
    cairn.close();
  }

  private static Cli cli() {
    return Cli.bare().env("CAIRN_SERVER", "localhost:" + cairn.grpcPort()).env("CAIRN_TOKEN", token.secret());
  }

  @Test
  void caCertConnectsWithTls() {
    Cli.Result result = cli().run("whoami", "--ca-cert", certificate.toString());
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.out().contains("tls cli"), result.out());
    Cli.Result fromEnvironment = cli().env("CAIRN_CA_CERT", certificate.toString()).run("whoami");
    assertEquals(0, fromEnvironment.exitCode(), fromEnvironment.toString());
  }

  @Test
  void plainTextToATlsServerIsUnavailable() {
    Cli.Result result = cli().run("whoami");
    assertEquals(5, result.exitCode(), result.toString());
    assertTrue(result.err().startsWith("error: UNAVAILABLE"), result.err());
  }

  @Test
  void anUnreadableCaCertificateIsAUsageError() {
    Cli.Result result = cli().run("whoami", "--ca-cert", "target/no-such-ca.pem");
    assertEquals(2, result.exitCode(), result.toString());
    assertTrue(result.err().startsWith("error: cannot connect to 'localhost:"), result.err());
    assertTrue(result.err().contains("no-such-ca.pem"), result.err());
  }
}
