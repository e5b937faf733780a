package dev.cairn.pipeline.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Objects;

/**
 * {@link ObjectStorage} in a local directory: the object {@code bucket/key} is the file {@code root/bucket/key}
 * (so a bucket containing {@code /} nests its prefix as directories, matching the S3 prefix rule). Writes go to a
 * temporary file in the target directory and are moved into place atomically, so readers never see half an object.
 * Content types are not stored. Thread-safe as far as the file system is.
 */
public final class LocalObjectStorage implements ObjectStorage {
  private final Path root;

  /** Storage under {@code root}, which is created if missing. */
  public LocalObjectStorage(Path root) {
    Objects.requireNonNull(root, "root");
    this.root = root.toAbsolutePath().normalize();
    try {
      Files.createDirectories(this.root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create storage root " + this.root, e);
    }
  }

  /** The storage root directory. */
  public Path root() {
    return root;
  }

  /**
   * The file of {@code ref}. Throws {@link IllegalArgumentException} when the bucket or key is absolute or has a
   * {@code ..} segment, so that no key can read or write outside the root.
   */
  public Path pathOf(StorageRef ref) {
    Objects.requireNonNull(ref, "ref");
    checkRelative("bucket", ref.bucket());
    checkRelative("key", ref.key());
    Path path = root.resolve(ref.bucket()).resolve(ref.key()).normalize();
    if (!path.startsWith(root) || path.equals(root)) {
      throw new IllegalArgumentException("key " + ref + " escapes the storage root");
    }
    return path;
  }

  private static void checkRelative(String what, String name) {
    boolean absolute = name.startsWith("/") || name.startsWith("\\") || Path.of(name).isAbsolute();
    boolean climbs = false;
    for (String segment : name.split("[/\\\\]")) {
      climbs |= segment.equals("..");
    }
    if (absolute || climbs) {
      throw new IllegalArgumentException(what + " \"" + name + "\" escapes the storage root");
    }
  }

  @Override
  public void put(StorageRef ref, Path file) {
    Objects.requireNonNull(file, "file");
    Path target = pathOf(ref);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("cannot upload " + file + " to " + ref + ": not a regular file");
    }
    try {
      writeAtomically(target, temp -> Files.copy(file, temp, StandardCopyOption.REPLACE_EXISTING));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot upload " + file + " to " + ref, e);
    }
  }

  @Override
  public void putBytes(StorageRef ref, byte[] content, String contentType) {
    Objects.requireNonNull(content, "content");
    try {
      writeAtomically(pathOf(ref), temp -> Files.write(temp, content));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + ref, e);
    }
  }

  @Override
  public void get(StorageRef ref, Path target) {
    Objects.requireNonNull(target, "target");
    Path source = existing(ref);
    Path absoluteTarget = target.toAbsolutePath();
    try {
      writeAtomically(absoluteTarget, temp -> Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING));
    } catch (NoSuchFileException e) {
      if (!Files.exists(source)) {
        throw new ObjectNotFoundException(ref); // deleted between the check and the copy
      }
      throw new UncheckedIOException("cannot download " + ref + " to " + target, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot download " + ref + " to " + target, e);
    }
  }

  @Override
  public byte[] getBytes(StorageRef ref) {
    Path source = existing(ref);
    try {
      return Files.readAllBytes(source);
    } catch (NoSuchFileException e) {
      throw new ObjectNotFoundException(ref);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ref + " from " + source, e);
    }
  }

  @Override
  public boolean exists(StorageRef ref) {
    return Files.isRegularFile(pathOf(ref));
  }

  @Override
  public void delete(StorageRef ref) {
    Path path = pathOf(ref);
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + ref + " at " + path, e);
    }
  }

  /**
   * The file's {@code file:} URI. Local storage cannot expire a URL: {@code validity} is checked but has no effect,
   * and the URI works for as long as the file exists, for whoever can read the file system.
   */
  @Override
  public URI presignGet(StorageRef ref, Duration validity) {
    Objects.requireNonNull(validity, "validity");
    if (validity.isZero() || validity.isNegative()) {
      throw new IllegalArgumentException("validity must be positive, got " + validity);
    }
    return pathOf(ref).toUri();
  }

  @Override
  public String toString() {
    return "LocalObjectStorage[" + root + "]";
  }

  private Path existing(StorageRef ref) {
    Path path = pathOf(ref);
    if (!Files.isRegularFile(path)) {
      throw new ObjectNotFoundException(ref);
    }
    return path;
  }

  private interface Writer {
    void write(Path temp) throws IOException;
  }

  private static void writeAtomically(Path target, Writer writer) throws IOException {
    Path temp = null;
    try {
      Files.createDirectories(target.getParent());
      temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
      writer.write(temp);
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      deleteQuietly(temp);
    }
  }

  private static void deleteQuietly(Path temp) {
    if (temp == null) {
      return;
    }
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // The write itself already succeeded or failed with its own error; a stray .part file is harmless.
    }
  }
}
