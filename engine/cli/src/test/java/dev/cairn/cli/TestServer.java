package dev.cairn.cli;

import dev.cairn.Cairn;
import dev.cairn.NewToken;
import dev.cairn.Role;
import dev.cairn.testing.TestDatabase;
import dev.cairn.testing.TestEngines;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real engine serving gRPC on localhost (on the test JVM's embedded PostgreSQL, a schema of its own) with the
 * test workflows and a token of each role; one per test class:
 * {@code @RegisterExtension static final TestServer server = new TestServer();}.
 */
final class TestServer implements BeforeAllCallback, AfterAllCallback {
  private Cairn cairn;
  private String schema;
  private NewToken client;
  private NewToken admin;
  private NewToken worker;

  @Override
  public void beforeAll(ExtensionContext context) {
    schema = TestDatabase.newSchema();
    Cairn.Builder builder = TestEngines.builder(schema).grpcPort(0).grpcHost("127.0.0.1");
    TestWorkflows.all().forEach(builder::register);
    cairn = builder.build();
    cairn.start();
    client = cairn.tokens().create("cli client", Role.CLIENT, null);
    admin = cairn.tokens().create("cli admin", Role.ADMIN, null);
    worker = cairn.tokens().create("cli worker", Role.WORKER, null);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (cairn != null) {
      cairn.close();
    }
  }

  Cairn cairn() {
    return cairn;
  }

  String target() {
    return "127.0.0.1:" + cairn.grpcPort();
  }

  NewToken client() {
    return client;
  }

  NewToken admin() {
    return admin;
  }

  NewToken worker() {
    return worker;
  }

  long count(String table) {
    return TestDatabase.queryLong("SELECT count(*) FROM " + schema + "." + table);
  }
}
