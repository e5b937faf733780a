package dev.cairn.pipeline.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A step's private temporary directory for audio files, removed with everything in it when the step ends. */
final class ScratchDirectory implements AutoCloseable {
  private final Path path;

  ScratchDirectory(Path parent, String prefix) {
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
