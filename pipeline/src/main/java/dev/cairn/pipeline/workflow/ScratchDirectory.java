package dev.cairn.pipeline.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A step's private temporary directory for audio files, inside this process's {@link ScratchRoot}, removed with
 * everything in it when the step ends (or, if the process dies first, by the next process that claims a root).
 */
final class ScratchDirectory implements AutoCloseable {
  private final Path path;

  ScratchDirectory(ScratchRoot root, String prefix) {
    Path parent = root.directory();
    try {
      Files.createDirectories(parent);
      this.path = Files.createTempDirectory(parent, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory under " + parent, e);
    }
  }

  Path file(String name) {
    return path.resolve(name);
  }

  @Override
  public void close() {
    try (Stream<Path> files = Files.walk(path)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
    } catch (IOException e) {
      // Leftover temp files are harmless; failing a finished step over them would not be.
    }
  }
}
