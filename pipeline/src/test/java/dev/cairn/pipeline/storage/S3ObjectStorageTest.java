package dev.cairn.pipeline.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.pipeline.testing.S3ProxyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3ObjectStorageTest extends ObjectStorageContract {
  private static S3ProxyServer server;
  private static S3ObjectStorage storage;

  @BeforeAll
  static void startServer() throws Exception {
    server = new S3ProxyServer();
    server.createBucket(BUCKET);
    storage = server.storage();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (storage != null) {
      storage.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Override
  ObjectStorage storage() {
    return storage;
  }

  @Override
  byte[] fetch(URI url) throws Exception {
    assertTrue(url.getQuery().contains("X-Amz-Signature"), url.toString());
    HttpResponse<byte[]> response = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, response.statusCode(), () -> new String(response.body()));
    return response.body();
  }

  @Override
  byte[] rawObject(String bucket, String key) {
    return server.client().getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray();
  }

  @Test
  void settingsNeverShowTheSecret() {
    S3Settings settings = new S3Settings("us-east-1", server.endpoint(), true, "AKIDEXAMPLE", "very-secret-value");

    assertFalse(settings.toString().contains("very-secret-value"), settings.toString());
    try (S3ObjectStorage other = new S3ObjectStorage(settings)) {
      assertFalse(other.toString().contains("very-secret-value"), other.toString());
    }
  }

  @Test
  void settingsRequireKeyIdAndSecretTogether() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> new S3Settings("us-east-1", null, false, "AKIDEXAMPLE", null));
    assertTrue(refused.getMessage().contains("accessKeyId and secretAccessKey"), refused.getMessage());
  }

  @Test
  void aPresignedUrlWithATamperedSignatureIsRefused() throws Exception {
    StorageRef ref = new StorageRef(BUCKET, "signed/object.bin");
    storage.putBytes(ref, new byte[] {1, 2, 3}, "application/octet-stream");
    String url = storage.presignGet(ref, Duration.ofMinutes(1)).toString();
    URI tampered = URI.create(url.replace("signed/object.bin", "signed/other.bin"));

    int status = HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(tampered).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();

    assertEquals(403, status);
  }

  @Test
  void bucketPrefixRuleSplitsAtTheFirstSlash() {
    assertEquals(new S3ObjectStorage.Location("b", "p/q/k"), S3ObjectStorage.locate(new StorageRef("b/p/q", "k")));
    assertEquals(new S3ObjectStorage.Location("b", "k"), S3ObjectStorage.locate(new StorageRef("b/", "k")));
    assertEquals(new S3ObjectStorage.Location("b", "k"), S3ObjectStorage.locate(new StorageRef("b", "k")));
  }
}
