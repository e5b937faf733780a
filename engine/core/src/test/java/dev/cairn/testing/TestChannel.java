package dev.cairn.testing;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;

/** A plain-text gRPC channel to a local engine, closed by try-with-resources. */
public record TestChannel(ManagedChannel channel) implements AutoCloseable {
  public static TestChannel open(String target) {
    return new TestChannel(NettyChannelBuilder.forTarget(target).usePlaintext().build());
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
