package dev.cairn.pipeline.transcription;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body with text fields and one file part. The file is streamed from disk by the
 * publisher, so an hour of audio never sits in memory; only the small part headers are byte arrays.
 */
final class MultipartBody {
  private final String boundary = "cairn-" + UUID.randomUUID();
  private final Map<String, String> fields = new LinkedHashMap<>();

  MultipartBody field(String name, String value) {
    fields.put(name, value);
    return this;
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  /** Text fields first, then the file part, then the closing boundary. */
  HttpRequest.BodyPublisher publisher(String fileField, String fileName, String fileType, Path file)
      throws FileNotFoundException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    fields.forEach((name, value) -> write(head, "--" + boundary + "\r\nContent-Disposition: form-data; name=\""
        + name + "\"\r\n\r\n" + value + "\r\n"));
    write(head, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileField + "\"; filename=\""
        + fileName + "\"\r\nContent-Type: " + fileType + "\r\n\r\n");
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    return HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head.toByteArray()),
        HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail));
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }
}
