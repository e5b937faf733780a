package dev.cairn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules between modules and packages, checked by scanning imports of the sources: the public API
 * does not leak libraries, the db module knows nothing of the engine, and examples use only the public API.
 */
class ArchitectureTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  private static List<String> violations(Path sources, java.util.function.Predicate<Path> files,
      List<String> forbiddenPrefixes) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(sources)) {
      for (Path file : walk.filter(path -> path.toString().endsWith(".java")).filter(files).toList()) {
        for (String line : Files.readAllLines(file)) {
          if (line.startsWith("import ")) {
            String imported = line.substring(7).replace("static ", "").trim();
            for (String forbidden : forbiddenPrefixes) {
              if (imported.startsWith(forbidden)) {
                found.add(ROOT.relativize(file) + " imports " + imported);
              }
            }
          }
        }
      }
    }
    return found;
  }

  @Test
  void publicApiPackageExposesNoLibraryTypes() throws IOException {
    Path api = ROOT.resolve("engine/src/main/java/dev/cairn");
    assertEquals(List.of(), violations(api, file -> file.getParent().equals(api),
        List.of("org.jdbi", "com.fasterxml", "com.google.protobuf", "io.netty", "io.grpc", "dev.cairn.db")));
  }

  @Test
  void dbModuleKnowsNothingOfTheEngineOrPayloadTypes() throws IOException {
    assertEquals(List.of(), violations(ROOT.resolve("db/src/main/java"), file -> true,
        List.of("dev.cairn.internal", "dev.cairn.proto", "com.fasterxml", "io.grpc")));
  }

  @Test
  void examplesUseOnlyThePublicApi() throws IOException {
    assertEquals(List.of(), violations(ROOT.resolve("examples/src/main/java"), file -> true,
        List.of("dev.cairn.internal", "dev.cairn.db", "dev.cairn.proto")));
  }

  @Test
  void protoModuleHoldsNoHandWrittenJava() throws IOException {
    assertTrue(!Files.exists(ROOT.resolve("proto/src/main/java")), "proto/src/main/java must not exist");
  }

  @Test
  void engineCodeHoldsNoSqlStatements() throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(ROOT.resolve("engine/src/main/java"))) {
      for (Path file : walk.filter(path -> path.toString().endsWith(".java")).toList()) {
        String text = Files.readString(file);
        for (String keyword : List.of("\"SELECT ", "\"UPDATE ", "\"INSERT ", "\"DELETE ")) {
          if (text.contains(keyword)) {
            found.add(ROOT.relativize(file) + " contains " + keyword);
          }
        }
      }
    }
    assertEquals(List.of(), found, "SQL belongs in db/src/main/resources/dev/cairn/db/sql");
  }
}
