package dev.cairn.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports for servers a test starts in another process, where port 0 cannot be asked back for the one chosen. */
public final class Ports {
  private Ports() {}

  /** A port free a moment ago (the OS chose it); another process may still take it before the server binds. */
  public static int free() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }
}
