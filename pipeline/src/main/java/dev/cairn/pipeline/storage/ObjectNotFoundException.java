package dev.cairn.pipeline.storage;

/** The object a step asked for is not in storage. */
public final class ObjectNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ObjectNotFoundException(StorageRef ref) {
    super("no object at " + ref);
  }

  /** {@code cause} is the store's own error (e.g. S3's NoSuchKey), kept for diagnosis. */
  public ObjectNotFoundException(StorageRef ref, Throwable cause) {
    super("no object at " + ref, cause);
  }
}
