package dev.cairn.pipeline.testing;

import dev.cairn.pipeline.storage.ObjectStorage;
import dev.cairn.pipeline.storage.StorageRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Real storage that also keeps a copy of every padded track uploaded, so a test can measure padding the pipeline
 * really produced even though {@code finalize} deletes the temporary files.
 */
public final class KeepingStorage implements ObjectStorage {
  private final ObjectStorage delegate;
  private final Path kept;

  public KeepingStorage(ObjectStorage delegate, Path kept) {
    this.delegate = delegate;
    this.kept = kept;
  }

  /** The kept copy of {@code key} (as uploaded), e.g. {@code file_pipeline/<id>/tracks/padded_0.webm}. */
  public Path kept(String key) {
    return kept.resolve(key);
  }

  @Override
  public void put(StorageRef ref, Path file) {
    delegate.put(ref, file);
    if (ref.key().contains("/tracks/padded_")) {
      try {
        Files.createDirectories(kept(ref.key()).getParent());
        Files.copy(file, kept(ref.key()), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  public void putBytes(StorageRef ref, byte[] content, String contentType) {
    delegate.putBytes(ref, content, contentType);
  }

  @Override
  public void get(StorageRef ref, Path target) {
    delegate.get(ref, target);
  }

  @Override
  public byte[] getBytes(StorageRef ref) {
    return delegate.getBytes(ref);
  }

  @Override
  public boolean exists(StorageRef ref) {
    return delegate.exists(ref);
  }

  @Override
  public void delete(StorageRef ref) {
    delegate.delete(ref);
  }

  @Override
  public URI presignGet(StorageRef ref, Duration validity) {
    return delegate.presignGet(ref, validity);
  }
}
