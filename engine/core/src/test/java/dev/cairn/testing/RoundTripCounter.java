package dev.cairn.testing;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * A socket factory for the PostgreSQL driver ({@code socketFactory} connection property) that counts round trips: a
 * read from the server after the client wrote something since its last read is one. The driver reads and writes on
 * the thread that runs the statement, so the count is the calling thread's.
 */
public final class RoundTripCounter extends SocketFactory {
  private static final ThreadLocal<int[]> ROUND_TRIPS = ThreadLocal.withInitial(() -> new int[1]);
  private static final ThreadLocal<boolean[]> WROTE = ThreadLocal.withInitial(() -> new boolean[1]);

  /** Starts counting again on this thread. */
  public static void reset() {
    ROUND_TRIPS.get()[0] = 0;
    WROTE.get()[0] = false;
  }

  /** Round trips made on this thread since {@link #reset}. */
  public static int count() {
    return ROUND_TRIPS.get()[0];
  }

  @Override
  public Socket createSocket() {
    return new CountingSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new CountingSocket(), host, port);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
    return connected(new CountingSocket(), host, port);
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new CountingSocket(), host.getHostAddress(), port);
  }

  @Override
  public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
      throws IOException {
    return connected(new CountingSocket(), address.getHostAddress(), port);
  }

  private static Socket connected(Socket socket, String host, int port) throws IOException {
    socket.connect(new InetSocketAddress(host, port));
    return socket;
  }

  private static final class CountingSocket extends Socket {
    @Override
    public InputStream getInputStream() throws IOException {
      return new FilterInputStream(super.getInputStream()) {
        @Override
        public int read() throws IOException {
          turned();
          return super.read();
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
          turned();
          return super.read(bytes, offset, length);
        }
      };
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
      return new FilterOutputStream(super.getOutputStream()) {
        @Override
        public void write(int b) throws IOException {
          WROTE.get()[0] = true;
          out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
          WROTE.get()[0] = true;
          out.write(bytes, offset, length);
        }
      };
    }

    private static void turned() {
      if (WROTE.get()[0]) {
        WROTE.get()[0] = false;
        ROUND_TRIPS.get()[0]++;
      }
    }
  }
}
