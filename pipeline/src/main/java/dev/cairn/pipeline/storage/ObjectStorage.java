package dev.cairn.pipeline.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Object storage as the pipeline uses it: whole files in and out (audio is streamed to and from local temporary
 * files, never held in memory), deletes, and short-lived URLs for services that fetch audio themselves.
 */
public interface ObjectStorage {
  /** Uploads {@code file} to {@code ref}, replacing what was there. */
  void put(StorageRef ref, Path file);

  /** Uploads small content (JSON documents) to {@code ref}. */
  void putBytes(StorageRef ref, byte[] content, String contentType);

  /** Downloads {@code ref} into {@code target} (created or replaced). Throws {@link ObjectNotFoundException}. */
  void get(StorageRef ref, Path target);

  /** Reads small content (JSON documents). Throws {@link ObjectNotFoundException}. */
  byte[] getBytes(StorageRef ref);

  boolean exists(StorageRef ref);

  /** Deletes {@code ref}; deleting what is not there is not an error. */
  void delete(StorageRef ref);

  /** A URL that lets anyone holding it GET the object for {@code validity}. */
  URI presignGet(StorageRef ref, Duration validity);
}
