package dev.cairn.cli;

import dev.cairn.client.CairnClient;
import dev.cairn.internal.wire.ClientChannels;
import dev.cairn.proto.v1.AdminServiceGrpc;
import io.grpc.ManagedChannel;
import java.util.function.Supplier;
import io.opentelemetry.api.OpenTelemetry;

/**
 * The connection of one command to the engine, opened on first use: a {@link CairnClient} for what it covers, the
 * admin stub (tokens) otherwise. Not thread-safe; closed by {@link CairnCli} when the command ends.
 */
final class Connection implements AutoCloseable {
  static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
  private final Settings settings;
  private CairnClient client;
  private ManagedChannel adminChannel;

  Connection(Settings settings) {
    this.settings = settings;
  }

  Settings settings() {
    return settings;
  }

  CairnClient client() {
    if (client == null) {
      client = open(() -> CairnClient.builder(settings.server()).token(settings.token()).tls(settings.caCert())
          .maxMessageBytes(MAX_MESSAGE_BYTES).build());
    }
    return client;
  }

  AdminServiceGrpc.AdminServiceBlockingStub admin() {
    if (adminChannel == null) {
      adminChannel = open(() -> ClientChannels.open(settings.server(), settings.caCert(), MAX_MESSAGE_BYTES,
          OpenTelemetry.noop()));
    }
    return AdminServiceGrpc.newBlockingStub(adminChannel).withCallCredentials(ClientChannels.bearer(settings.token()));
  }

  private <T> T open(Supplier<T> opener) {
    try {
      return opener.get();
    } catch (IllegalArgumentException e) {
      throw CliException.usage("cannot connect to '" + settings.server() + "': " + e.getMessage());
    }
  }

  @Override
  public void close() {
    if (client != null) {
      client.close();
    }
    if (adminChannel != null) {
      ClientChannels.close(adminChannel);
    }
  }
}
