package dev.cairn.pipeline.daily;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The embedded default {@link DailyApi}: Daily's answers kept as files. The root itself, or each direct subfolder
 * of it, holding a {@code recording.json} (the {@code GET /recordings/{id}} answer) is one recording; the
 * {@code participants.json} beside it is the participants answer for that recording's {@code mtgSessionId}.
 *
 * <p>The folder is scanned on every call, so recordings copied in while the engine runs are found. Unknown ids
 * fail with status 404, like Daily. Thread-safe (it holds no state but the root).
 */
public final class LocalDailyFolder implements DailyApi {
  private static final String RECORDING_FILE = "recording.json";
  private static final String PARTICIPANTS_FILE = "participants.json";

  private final Path root;

  /** @param root an existing directory, e.g. {@code samples/} or {@code samples/daily-sample} */
  public LocalDailyFolder(Path root) {
    Objects.requireNonNull(root, "root");
    if (!Files.isDirectory(root)) {
      throw new IllegalArgumentException("Daily recordings folder " + root.toAbsolutePath() + " is not a directory");
    }
    this.root = root;
  }

  /** Every recording under the root (at most {@code limit}), in folder order. */
  @Override
  public List<DailyRecording> recordings(int limit) {
    return recordingFolders().stream().limit(limit).map(LocalDailyFolder::read).toList();
  }

  @Override
  public DailyRecording recording(String recordingId) {
    requireId(recordingId, "recording id");
    for (Path folder : recordingFolders()) {
      DailyRecording recording = read(folder);
      if (recording.id().equals(recordingId)) {
        return recording;
      }
    }
    throw new DailyApiException("no recording with id " + recordingId + " under " + root.toAbsolutePath(), 404);
  }

  @Override
  public List<DailyParticipant> participants(String mtgSessionId) {
    requireId(mtgSessionId, "mtgSessionId");
    for (Path folder : recordingFolders()) {
      if (mtgSessionId.equals(read(folder).mtgSessionId())) {
        Path file = folder.resolve(PARTICIPANTS_FILE);
        if (!Files.isRegularFile(file)) {
          throw new DailyApiException("meeting " + mtgSessionId + " has no " + file.toAbsolutePath(), 404);
        }
        return parse(file, DailyJson::participants);
      }
    }
    throw new DailyApiException("no recording with mtgSessionId " + mtgSessionId + " under "
        + root.toAbsolutePath(), 404);
  }

  /** The folder holding the recording with this id, if any; lets recorded answers live beside the recording. */
  public Optional<Path> recordingFolder(String recordingId) {
    requireId(recordingId, "recording id");
    return recordingFolders().stream().filter(folder -> read(folder).id().equals(recordingId)).findFirst();
  }

  @Override
  public String toString() {
    return "LocalDailyFolder[" + root + "]";
  }

  private List<Path> recordingFolders() {
    List<Path> folders = new ArrayList<>();
    if (Files.isRegularFile(root.resolve(RECORDING_FILE))) {
      folders.add(root);
    }
    try (Stream<Path> children = Files.list(root)) {
      children.filter(child -> Files.isRegularFile(child.resolve(RECORDING_FILE))).sorted().forEach(folders::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list Daily recordings folder " + root.toAbsolutePath(), e);
    }
    return folders;
  }

  private static DailyRecording read(Path folder) {
    return parse(folder.resolve(RECORDING_FILE), DailyJson::recording);
  }

  /** A broken file is reported like a server error (500), naming the file and what is wrong with it. */
  private static <T> T parse(Path file, Function<JsonNode, T> reader) {
    try {
      return reader.apply(DailyJson.tree(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new DailyApiException("cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), 500);
    } catch (IllegalArgumentException e) {
      throw new DailyApiException(file.toAbsolutePath() + " is unusable: " + e.getMessage(), 500);
    }
  }

  private static void requireId(String id, String what) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("Daily " + what + " is missing");
    }
  }
}
