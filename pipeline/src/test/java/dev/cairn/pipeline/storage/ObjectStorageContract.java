package dev.cairn.pipeline.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What every {@link ObjectStorage} must do; subclasses supply the storage, a bucket and a URL fetcher. */
abstract class ObjectStorageContract {
  static final String BUCKET = "contract";

  @TempDir
  Path temp;

  abstract ObjectStorage storage();

  /** Reads what a URL from {@link ObjectStorage#presignGet} serves. */
  abstract byte[] fetch(URI url) throws Exception;

  /** The bytes stored at {@code key} of {@code bucket} with the prefix rule resolved by hand (bypassing storage). */
  abstract byte[] rawObject(String bucket, String key) throws Exception;

  static byte[] randomBytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void fiveMegabyteFileRoundTripsByteForByte() throws Exception {
    byte[] content = randomBytes(5 * 1024 * 1024, 42);
    Path source = Files.write(temp.resolve("source.bin"), content);
    StorageRef ref = new StorageRef(BUCKET, "recordings/track-0.webm");

    storage().put(ref, source);
    Path target = temp.resolve("downloads/track-0.webm");
    storage().get(ref, target);

    assertArrayEquals(content, Files.readAllBytes(target));
  }

  @Test
  void getReplacesAnExistingTarget() throws Exception {
    StorageRef ref = new StorageRef(BUCKET, "replace/me.txt");
    storage().putBytes(ref, "new".getBytes(StandardCharsets.UTF_8), "text/plain");
    Path target = Files.writeString(temp.resolve("existing.txt"), "old content that is longer");

    storage().get(ref, target);

    assertArrayEquals("new".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(target));
  }

  @Test
  void putBytesThenGetBytesReturnsTheSameBytesAndPutReplaces() {
    StorageRef ref = new StorageRef(BUCKET, "transcripts/t1/topics.json");
    storage().putBytes(ref, "{\"a\":1}".getBytes(StandardCharsets.UTF_8), "application/json");
    storage().putBytes(ref, "{\"a\":2}".getBytes(StandardCharsets.UTF_8), "application/json");

    assertArrayEquals("{\"a\":2}".getBytes(StandardCharsets.UTF_8), storage().getBytes(ref));
  }

  @Test
  void existsIsTrueAfterPutAndFalseAfterDelete() {
    StorageRef ref = new StorageRef(BUCKET, "exists/object.bin");
    assertFalse(storage().exists(ref));

    storage().putBytes(ref, new byte[] {1, 2, 3}, "application/octet-stream");
    assertTrue(storage().exists(ref));

    storage().delete(ref);
    assertFalse(storage().exists(ref));
  }

  @Test
  void deletingAMissingObjectIsFine() {
    assertDoesNotThrow(() -> storage().delete(new StorageRef(BUCKET, "never/written.bin")));
  }

  @Test
  void gettingAMissingObjectThrowsNotFoundNamingBucketAndKey() {
    StorageRef ref = new StorageRef(BUCKET, "missing/object.bin");

    ObjectNotFoundException bytes = assertThrows(ObjectNotFoundException.class, () -> storage().getBytes(ref));
    ObjectNotFoundException file = assertThrows(ObjectNotFoundException.class,
        () -> storage().get(ref, temp.resolve("never.bin")));

    assertTrue(bytes.getMessage().contains(BUCKET + "/missing/object.bin"), bytes.getMessage());
    assertTrue(file.getMessage().contains(BUCKET + "/missing/object.bin"), file.getMessage());
    assertFalse(Files.exists(temp.resolve("never.bin")));
  }

  @Test
  void presignedUrlServesTheObject() throws Exception {
    byte[] content = randomBytes(64 * 1024, 7);
    StorageRef ref = new StorageRef(BUCKET, "audio/mixdown.mp3");
    storage().putBytes(ref, content, "audio/mpeg");

    URI url = storage().presignGet(ref, Duration.ofMinutes(5));

    assertArrayEquals(content, fetch(url));
  }

  @Test
  void bucketWithASlashPutsTheRestInFrontOfTheKey() throws Exception {
    byte[] content = "prefixed".getBytes(StandardCharsets.UTF_8);
    StorageRef ref = new StorageRef(BUCKET + "/tenant-a", "file.txt");

    storage().putBytes(ref, content, "text/plain");

    assertArrayEquals(content, rawObject(BUCKET, "tenant-a/file.txt"));
    assertArrayEquals(content, storage().getBytes(ref));
    assertFalse(storage().exists(new StorageRef(BUCKET, "file.txt")));
  }
}
