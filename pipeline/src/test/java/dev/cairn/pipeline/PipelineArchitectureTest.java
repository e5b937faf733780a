package dev.cairn.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's layering, read from its sources: components know nothing of the workflows, the store or the
 * application; workflows know nothing of the application; the HTTP package knows nothing of the application or the
 * workflows; SQL lives only in the transcript package; nothing reaches into the engine's internals or its database
 * layer (the pipeline is a user of the public API like any other).
 */
class PipelineArchitectureTest {
  private static final Path SOURCES = Path.of("src", "main", "java", "dev", "cairn", "pipeline");
  private static final Set<String> COMPONENTS = Set.of("audio", "storage", "daily", "transcription", "summary",
      "notify", "model");

  @Test
  void layersOnlyDependDownwards() throws IOException {
    List<String> problems = new ArrayList<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String pkg = SOURCES.relativize(file).getNameCount() > 1 ? SOURCES.relativize(file).getName(0).toString() : "";
        List<String> imports = Files.readAllLines(file).stream().filter(line -> line.startsWith("import ")).toList();
        for (String line : imports) {
          if (line.contains("dev.cairn.internal.")) {
            problems.add(file + " uses engine internals: " + line);
          }
          if (COMPONENTS.contains(pkg) && (line.contains("dev.cairn.pipeline.workflow.")
              || line.contains("dev.cairn.pipeline.app.") || line.contains("dev.cairn.pipeline.transcript."))) {
            problems.add(file + " (a component) depends on " + line);
          }
          if (pkg.equals("workflow") && line.contains("dev.cairn.pipeline.app.")) {
            problems.add(file + " (a workflow) depends on the application: " + line);
          }
          if (pkg.equals("http") && (line.contains("dev.cairn.pipeline.app.")
              || line.contains("dev.cairn.pipeline.workflow."))) {
            problems.add(file + " (HTTP) depends on the application or the workflows: " + line);
          }
          if (line.contains("import dev.cairn.db.")) {
            problems.add(file + " uses the engine's database layer: " + line);
          }
          if (!pkg.equals("transcript") && line.contains("org.jdbi.")) {
            problems.add(file + " talks SQL outside the transcript package: " + line);
          }
        }
      }
    }
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }
}
