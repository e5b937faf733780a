package dev.cairn.pipeline.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request written byte for byte on its own socket, for what {@link java.net.http.HttpClient} will not send
 * (control characters in headers, duplicate headers) and for streams a test hangs up on by closing the socket.
 */
public final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final int status;
  private final Map<String, String> headers;

  private RawHttp(Socket socket, InputStream in, int status, Map<String, String> headers) {
    this.socket = socket;
    this.in = in;
    this.status = status;
    this.headers = headers;
  }

  /**
   * Sends {@code method path} with {@code headers} (names to values, written as given) and an optional body, and
   * reads the status line and headers.
   */
  public static RawHttp send(URI base, String method, String path, Map<String, String> headers, byte[] body)
      throws IOException {
    List<String[]> lines = new ArrayList<>();
    headers.forEach((name, value) -> lines.add(new String[] {name, value}));
    return send(base, method, path, lines, body);
  }

  /** As above, with headers as {name, value} pairs, so a header may be given twice. */
  public static RawHttp send(URI base, String method, String path, List<String[]> headers, byte[] body)
      throws IOException {
    Socket socket = new Socket(base.getHost(), base.getPort());
    socket.setSoTimeout((int) Duration.ofSeconds(30).toMillis());
    StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\n");
    List<String[]> all = new ArrayList<>(headers);
    if (body != null) {
      all.add(new String[] {"Content-Length", Integer.toString(body.length)});
    }
    all.forEach(header -> head.append(header[0]).append(": ").append(header[1]).append("\r\n"));
    head.append("\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(head.toString().getBytes(StandardCharsets.UTF_8));
    if (body != null) {
      out.write(body);
    }
    out.flush();
    InputStream in = socket.getInputStream();
    String statusLine = line(in);
    if (statusLine == null) {
      socket.close();
      throw new IOException("the server closed the connection without answering");
    }
    Map<String, String> received = new LinkedHashMap<>();
    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      received.put(header.substring(0, colon).strip().toLowerCase(Locale.ROOT), header.substring(colon + 1).strip());
    }
    return new RawHttp(socket, in, Integer.parseInt(statusLine.split(" ")[1]), received);
  }

  public int status() {
    return status;
  }

  /** A response header by name (any case); null when absent. */
  public String header(String name) {
    return headers.get(name.toLowerCase(Locale.ROOT));
  }

  /** The body of a response with a {@code Content-Length}. */
  public String body() throws IOException {
    return new String(in.readNBytes(Integer.parseInt(header("Content-Length"))), StandardCharsets.UTF_8);
  }

  /** Reads lines of the body until one equals {@code expected}; false if the stream ends or stays quiet 30 s. */
  public boolean awaitLine(String expected) throws IOException {
    try {
      for (String line = line(in); line != null; line = line(in)) {
        if (line.equals(expected)) {
          return true;
        }
      }
      return false;
    } catch (SocketTimeoutException quiet) {
      return false;
    }
  }

  /** Hangs up without a word, as a client that went away. */
  @Override
  public void close() throws IOException {
    socket.close();
  }

  /** One line without its end; chunk sizes of a chunked body come out as lines too. Null at the end. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        return line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }
}
