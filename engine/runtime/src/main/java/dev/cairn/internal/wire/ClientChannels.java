package dev.cairn.internal.wire;

import io.grpc.CallCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** Channels and credentials of the gRPC client and the worker library. Stateless. */
public final class ClientChannels {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private ClientChannels() {}

  /**
   * A channel to {@code target}: plain text, or TLS trusting {@code trustedCertificates} when it is not null. Every
   * call sends the caller's current trace context ({@link TracePropagation}).
   *
   * @throws IllegalArgumentException if the certificates cannot be read
   */
  public static ManagedChannel open(String target, Path trustedCertificates, int maxMessageBytes,
      OpenTelemetry openTelemetry) {
    NettyChannelBuilder builder = NettyChannelBuilder.forTarget(target).maxInboundMessageSize(maxMessageBytes)
        .intercept(TracePropagation.client(openTelemetry))
        // Pings find a connection that died silently (a cut network, a paused engine) instead of waiting on it.
        .keepAliveTime(20, TimeUnit.SECONDS)
        .keepAliveTimeout(10, TimeUnit.SECONDS);
    if (trustedCertificates == null) {
      builder.usePlaintext();
    } else {
      try {
        builder.sslContext(GrpcSslContexts.forClient().trustManager(trustedCertificates.toFile()).build());
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read trusted certificates " + trustedCertificates, e);
      }
    }
    return builder.build();
  }

  /** Shuts the channel down, waiting up to five seconds for calls in flight. */
  public static void close(ManagedChannel channel) {
    channel.shutdown();
    try {
      if (!channel.awaitTermination(5, TimeUnit.SECONDS)) {
        channel.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      channel.shutdownNow();
    }
  }

  /** Sends {@code authorization: Bearer <token>} with every call (nothing when the token is null). */
  public static CallCredentials bearer(String token) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata headers = new Metadata();
        if (token != null) {
          headers.put(AUTHORIZATION, "Bearer " + token);
        }
        applier.apply(headers);
      }
    };
  }
}
