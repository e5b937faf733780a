package dev.cairn.pipeline.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cairn.testing.Await;
import dev.cairn.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scratch files of a pipeline process killed with SIGKILL are removed by the next process that starts in the same
 * work directory; those of a process still running, and anything not made by this naming scheme, are left alone.
 */
class ScratchRootTest {
  private static final Pattern HOLDING = Pattern.compile("holding (\\S+)");

  @TempDir
  Path work;

  @Test
  void aKilledProcessesScratchGoesWhenTheNextStartsAndALiveOnesStays() throws Exception {
    Path unrelated = Files.writeString(work.resolve("notes.txt"), "someone else's");
    Path oldLayout = Files.createDirectories(work.resolve("pad-123"));
    Files.writeString(oldLayout.resolve("padded.webm"), "made before scratch roots; nobody's to remove");
    try (ChildJvm killed = ChildJvm.start(ScratchHolder.class, work.toString());
        ChildJvm alive = ChildJvm.start(ScratchHolder.class, work.toString())) {
      Path killedRoot = holding(killed);
      Path aliveRoot = holding(alive);
      assertEquals(1, files(killedRoot).size(), "the killed process's step file is there");
      killed.kill9();
      assertTrue(Files.exists(killedRoot), "kill -9 leaves it behind");

      try (ScratchRoot next = ScratchRoot.claim(work)) {
        assertFalse(Files.exists(killedRoot), "removed when the next process claimed its own");
        assertFalse(Files.exists(Path.of(killedRoot + ".lock")));
        assertEquals(1, files(aliveRoot).size(), "a running process's files stay");
        assertTrue(Files.isDirectory(next.directory()));
        assertEquals("someone else's", Files.readString(unrelated));
        assertTrue(Files.exists(oldLayout.resolve("padded.webm")));

        ScratchRoot secondInThisJvm = ScratchRoot.claim(work);
        assertTrue(Files.isDirectory(next.directory()), "a claim of this process is alive too");
        secondInThisJvm.close();
        assertFalse(Files.exists(secondInThisJvm.directory()), "closing removes the claim");
      }
      alive.kill9();
    }
    try (ScratchRoot last = ScratchRoot.claim(work)) {
      try (Stream<Path> left = Files.list(work)) {
        String own = last.directory().getFileName().toString();
        assertEquals(Stream.of("notes.txt", "pad-123", "scratch.lock", own, own + ".lock").sorted().toList(),
            left.map(p -> p.getFileName().toString()).sorted().toList(), "only the last claim and others' files");
      }
    }
  }

  private static Path holding(ChildJvm child) {
    Await.until("the child claimed its scratch root", Duration.ofSeconds(60),
        () -> HOLDING.matcher(child.output()).find());
    Matcher matcher = HOLDING.matcher(child.output());
    assertTrue(matcher.find());
    return Path.of(matcher.group(1));
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).toList();
    }
  }
}
