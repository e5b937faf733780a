package dev.cairn.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.Cairn;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.RunEvent;
import dev.cairn.Step;
import dev.cairn.Subscription;
import dev.cairn.TriggerOptions;
import dev.cairn.Workflow;
import dev.cairn.client.CairnClient;
import dev.cairn.testing.Await;
import dev.cairn.testing.ChildJvm;
import dev.cairn.testing.TestChannel;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TlsAndServerTest {
  @Workflow(name = "tls-echo")
  static final class Echo {
    @Step
    String echo(String input) {
      return input;
    }
  }

  @Test
  void clientTalksToTheEngineOverTls() throws Exception {
    Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "tls");
    Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
        "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(),
        "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1")
        .redirectErrorStream(true).start();
    assertTrue(openssl.waitFor(60, TimeUnit.SECONDS) && openssl.exitValue() == 0,
        new String(openssl.getInputStream().readAllBytes()));
    try (Cairn cairn = TestEngines.builder().grpcPort(0).grpcHost("127.0.0.1")
        .grpcTls(dir.resolve("cert.pem"), dir.resolve("key.pem")).register(new Echo()).build()) {
      cairn.start();
      NewToken token = cairn.tokens().create("tls client", Role.CLIENT, null);
      try (CairnClient client = CairnClient.builder("localhost:" + cairn.grpcPort()).token(token.secret())
          .tls(dir.resolve("cert.pem")).build()) {
        List<RunEvent> seen = new CopyOnWriteArrayList<>();
        try (Subscription watch = client.watchRuns(Map.of("via", "tls"), Instant.now().minusSeconds(5), seen::add,
            error -> { })) {
          UUID run = client.trigger("tls-echo", "secret hello", TriggerOptions.builder().metadata("via", "tls").build()).id();
          assertEquals("secret hello", client.await(run, Duration.ofSeconds(30)).output("echo", String.class));
          Await.until("the metadata stream saw the run finish", Duration.ofSeconds(10),
              () -> seen.stream().anyMatch(e -> e.type().equals("RUN_SUCCEEDED")));
          assertTrue(seen.stream().allMatch(e -> e.runId().equals(run)));
        }
      }
      try (TestChannel plain = TestChannel.open("127.0.0.1:" + cairn.grpcPort())) {
        Await.until("a plain-text client cannot talk to it", Duration.ofSeconds(1), () -> {
          try {
            HealthGrpc.newBlockingStub(plain.channel()).withDeadlineAfter(2, TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance());
            return false;
          } catch (RuntimeException refused) {
            return true;
          }
        });
      }
    }
  }

  @Test
  void standaloneServerStartsServesHealthAndWritesTheFirstAdminToken() throws Exception {
    String schema = TestDatabase.newSchema();
    int port;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      port = free.getLocalPort();
    }
    Path tokenFile = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "server")
        .resolve("admin-token");
    try (ChildJvm server = ChildJvm.startWithProperties(dev.cairn.server.CairnServer.class, Map.of(
        "CAIRN_JDBC_URL", TestDatabase.jdbcUrl(), "CAIRN_DB_USER", "postgres", "CAIRN_DB_PASSWORD", "postgres",
        "CAIRN_SCHEMA", schema, "CAIRN_GRPC_PORT", Integer.toString(port),
        "CAIRN_ADMIN_TOKEN_FILE", tokenFile.toString()))) {
      Await.until("the server wrote its first admin token", Duration.ofSeconds(60),
          () -> Files.exists(tokenFile) || !server.isAlive());
      String secret = Files.readString(tokenFile).trim();
      assertTrue(secret.startsWith("cairn_"), server.output());
      assertTrue(!server.output().contains(secret), "the secret is never logged");
      try (TestChannel channel = TestChannel.open("127.0.0.1:" + port)) {
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, HealthGrpc.newBlockingStub(channel.channel())
            .check(HealthCheckRequest.getDefaultInstance()).getStatus());
      }
      try (CairnClient admin = CairnClient.builder("127.0.0.1:" + port).token(secret).build()) {
        assertEquals(0, admin.listRuns(dev.cairn.RunQuery.builder().build()).runs().size());
      }
    }
  }
}
