package dev.cairn.pipeline.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LocalObjectStorageTest extends ObjectStorageContract {
  private Path root;
  private LocalObjectStorage storage;

  @BeforeEach
  void setUp() {
    root = temp.resolve("root");
    storage = new LocalObjectStorage(root);
  }

  @Override
  ObjectStorage storage() {
    return storage;
  }

  @Override
  byte[] fetch(URI url) throws Exception {
    assertEquals("file", url.getScheme());
    return Files.readAllBytes(Path.of(url));
  }

  @Override
  byte[] rawObject(String bucket, String key) throws Exception {
    return Files.readAllBytes(root.resolve(bucket).resolve(key));
  }

  @Test
  void objectsLiveAtRootBucketKey() {
    storage.putBytes(new StorageRef("b", "a/b/c.json"), new byte[] {1}, "application/json");

    assertTrue(Files.isRegularFile(root.resolve("b/a/b/c.json")));
  }

  @Test
  void keysThatClimbOutOfTheRootAreRefused() {
    for (String key : new String[] {"../outside.txt", "a/../../outside.txt", "/etc/passwd", "a\\..\\..\\x"}) {
      StorageRef ref = new StorageRef("bucket", key);
      IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
          () -> storage.putBytes(ref, new byte[] {1}, "text/plain"), key);
      assertTrue(refused.getMessage().contains("escapes the storage root"), refused.getMessage());
      assertThrows(IllegalArgumentException.class, () -> storage.getBytes(ref), key);
    }
    assertThrows(IllegalArgumentException.class, () -> storage.exists(new StorageRef("..", "x")));
    assertFalse(Files.exists(temp.resolve("outside.txt")));
  }

  @Test
  void writesLeaveNoTemporaryFilesBehind() throws Exception {
    storage.putBytes(new StorageRef("b", "dir/x.bin"), new byte[] {1, 2}, "application/octet-stream");

    try (var files = Files.list(root.resolve("b/dir"))) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void presignRejectsANonPositiveValidity() {
    StorageRef ref = new StorageRef("b", "k");
    assertThrows(IllegalArgumentException.class, () -> storage.presignGet(ref, Duration.ZERO));
  }
}
