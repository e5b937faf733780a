package dev.cairn.pipeline.testing;

import dev.cairn.pipeline.storage.ObjectStorage;
import dev.cairn.pipeline.storage.StorageRef;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/** Real storage passed through, for test decorators that change one operation. */
public abstract class ForwardingStorage implements ObjectStorage {
  private final ObjectStorage delegate;

  protected ForwardingStorage(ObjectStorage delegate) {
    this.delegate = delegate;
  }

  @Override
  public void put(StorageRef ref, Path file) {
    delegate.put(ref, file);
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
