package dev.cairn.pipeline.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's own directory under the work directory ({@code PIPELINE_WORK_DIR}), in which steps keep their
 * temporary audio files ({@link ScratchDirectory}), and the removal of what processes that died left there.
 *
 * <p>Each process claims {@code scratch-<pid>-<random>/} beside {@code scratch-<pid>-<random>.lock} and holds an
 * exclusive lock on that file for as long as it runs. The operating system releases a process's locks when it
 * dies, {@code kill -9} included, so a {@code .lock} file that can be locked belongs to a process that is gone, and
 * its directory can go too: that is what {@link #claim} removes. Claims are serialised by {@code scratch.lock} in
 * the work directory, so no process inspects a lock file between its creation and its locking. Nothing else in the
 * work directory is touched: no other names, no targets of symbolic links. Several processes, on one host or
 * several, may share a work directory, as long as its file system honours {@code fcntl} locks (local file systems
 * do; NFS only with its lock service: give each host its own directory otherwise).
 *
 * <p>Thread-safe. {@link #close} removes the directory; a process that dies leaves it to the next claim.
 */
public final class ScratchRoot implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ScratchRoot.class);
  private static final Pattern OWNED = Pattern.compile("scratch-\\d+-[0-9a-f]{12}");
  private static final String LOCK = ".lock";
  private static final String CLAIMS = "scratch.lock";
  private static final SecureRandom RANDOM = new SecureRandom();
  /**
   * Lock files this JVM holds, guarded by the class lock. They are never opened again here: closing any channel on
   * a file drops every POSIX lock the process holds on it, the claim's included.
   */
  private static final Set<Path> HELD = new HashSet<>();

  private final Path workDirectory;
  private final Path directory;
  private final FileChannel channel;
  private final FileLock lock;

  private ScratchRoot(Path workDirectory, Path directory, FileChannel channel, FileLock lock) {
    this.workDirectory = workDirectory;
    this.directory = directory;
    this.channel = channel;
    this.lock = lock;
  }

  /** Removes what dead processes left in {@code workDirectory} and claims a directory there for this one. */
  public static ScratchRoot claim(Path workDir) {
    Path workDirectory = workDir.toAbsolutePath().normalize();
    // A file lock belongs to the whole JVM: two threads of one process would collide on scratch.lock.
    synchronized (ScratchRoot.class) {
      try {
        Files.createDirectories(workDirectory);
        try (FileChannel claims = open(workDirectory.resolve(CLAIMS)); FileLock serial = claims.lock()) {
          String name = "scratch-" + ProcessHandle.current().pid() + "-" + randomHex();
          Path lockFile = workDirectory.resolve(name + LOCK);
          FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
          FileLock lock = channel.lock();
          HELD.add(lockFile);
          int removed = removeAbandoned(workDirectory);
          Path directory = Files.createDirectory(workDirectory.resolve(name));
          if (removed > 0) {
            LOG.info("removed the scratch files of {} pipeline process(es) that ended without cleaning up in {}",
                removed, workDirectory);
          }
          return new ScratchRoot(workDirectory, directory, channel, lock);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot claim a scratch directory in " + workDirectory, e);
      }
    }
  }

  /** Where this process's steps create their temporary directories. */
  public Path directory() {
    return directory;
  }

  /** Removes this process's directory and gives up its claim. */
  @Override
  public void close() {
    synchronized (ScratchRoot.class) {
      try (FileChannel claims = open(workDirectory.resolve(CLAIMS)); FileLock serial = claims.lock()) {
        deleteTree(directory);
        Files.deleteIfExists(lockFile(directory));
      } catch (IOException e) {
        LOG.warn("cannot remove the scratch directory {}: {}", directory, e.toString());
      } finally {
        HELD.remove(lockFile(directory));
        release();
      }
    }
  }

  /** The directories whose lock files nobody holds any more; returns how many were removed. */
  private static int removeAbandoned(Path workDirectory) throws IOException {
    int removed = 0;
    try (DirectoryStream<Path> locks = Files.newDirectoryStream(workDirectory, "scratch-*" + LOCK)) {
      for (Path lockFile : locks) {
        String name = lockFile.getFileName().toString();
        String owned = name.substring(0, name.length() - LOCK.length());
        if (OWNED.matcher(owned).matches() && !HELD.contains(lockFile) && Files.isRegularFile(lockFile)
            && removeIfAbandoned(lockFile, workDirectory.resolve(owned))) {
          removed++;
        }
      }
    }
    return removed;
  }

  private static boolean removeIfAbandoned(Path lockFile, Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return false; // its process is alive
      }
      try {
        deleteTree(directory);
        Files.delete(lockFile);
        return true;
      } finally {
        lock.release();
      }
    } catch (OverlappingFileLockException ownedHere) {
      return false; // another claim of this very process (not expected: HELD lists them)
    } catch (NoSuchFileException closedMeanwhile) {
      return false;
    }
  }

  /** Deletes a directory and everything in it, symbolic links as links (their targets are left alone). */
  private static void deleteTree(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return;
    }
    Files.walkFileTree(directory, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
        if (failure != null) {
          throw failure;
        }
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private void release() {
    try {
      lock.release();
      channel.close();
    } catch (IOException e) {
      LOG.warn("cannot release the scratch claim {}: {}", directory, e.toString());
    }
  }

  private static FileChannel open(Path file) throws IOException {
    return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  private static Path lockFile(Path directory) {
    return directory.resolveSibling(directory.getFileName() + LOCK);
  }

  private static String randomHex() {
    byte[] random = new byte[6];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
