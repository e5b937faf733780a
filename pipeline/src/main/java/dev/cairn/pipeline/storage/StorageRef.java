package dev.cairn.pipeline.storage;

import java.util.Objects;

/** Where an object lives: a bucket and a key. Step outputs carry these, never presigned URLs. */
public record StorageRef(String bucket, String key) {
  public StorageRef {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
    if (bucket.isBlank()) {
      throw new IllegalArgumentException("bucket is empty");
    }
    if (key.isBlank()) {
      throw new IllegalArgumentException("key is empty");
    }
  }

  @Override
  public String toString() {
    return bucket + "/" + key;
  }
}
