package dev.cairn.pipeline.workflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A process that claims a scratch root in the directory it is given, writes a temporary file as a step would, says
 * where, and waits to be killed.
 */
public final class ScratchHolder {
  private ScratchHolder() {}

  public static void main(String[] args) throws Exception {
    ScratchRoot root = ScratchRoot.claim(Path.of(args[0]));
    ScratchDirectory step = new ScratchDirectory(root, "pad-");
    Files.writeString(step.file("padded.webm"), "audio");
    System.out.println("holding " + root.directory());
    System.out.flush();
    new CountDownLatch(1).await();
  }
}
