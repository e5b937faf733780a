package dev.cairn.pipeline.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Maven runs a module's main class in the module's directory; the demo's relative defaults (sample folder,
 * {@code .cairn} data) are meant from the project root, so they are resolved against it.
 */
final class ProjectRoot {
  private ProjectRoot() {}

  /** The nearest directory at or above the working directory holding {@code samples/daily-sample}. */
  static Path find() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
      if (Files.isDirectory(candidate.resolve(Demo.SAMPLE))) {
        return candidate;
      }
    }
    throw new IllegalStateException("cannot find " + Demo.SAMPLE + " in " + dir + " or above it");
  }

  /** The environment with the path settings the user did not give resolved under {@code root}. */
  static Map<String, String> resolveDefaults(Map<String, String> environment, Path root) {
    Map<String, String> resolved = new HashMap<>(environment);
    for (Setting setting : new Setting[] {Setting.CAIRN_DATA_DIR, Setting.STORAGE_LOCAL_DIR,
        Setting.DAILY_RECORDINGS_DIR, Setting.TRANSCRIPT_RECORDED_DIR}) {
      resolved.computeIfAbsent(setting.name(), name -> root.resolve(setting.defaultValue()).toString());
    }
    return resolved;
  }
}
