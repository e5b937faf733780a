package dev.cairn.pipeline.testing;

import dev.cairn.pipeline.storage.ObjectStorage;
import dev.cairn.pipeline.storage.StorageRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Real storage that also keeps a copy of every padded track uploaded, so a test can measure padding the pipeline
 * really produced even though {@code finalize} deletes the temporary files.
 */
public final class KeepingStorage extends ForwardingStorage {
  private final Path kept;

  public KeepingStorage(ObjectStorage delegate, Path kept) {
    super(delegate);
    this.kept = kept;
  }

  /** The kept copy of {@code key} (as uploaded), e.g. {@code file_pipeline/<id>/tracks/padded_0.webm}. */
  public Path kept(String key) {
    return kept.resolve(key);
  }

  @Override
  public void put(StorageRef ref, Path file) {
    super.put(ref, file);
    if (ref.key().contains("/tracks/padded_")) {
      try {
        Files.createDirectories(kept(ref.key()).getParent());
        Files.copy(file, kept(ref.key()), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
