package dev.cairn.spring;

import dev.cairn.Step;
import dev.cairn.Workflow;
import java.util.concurrent.CountDownLatch;

/**
 * A step that, in the application, blocks until it is interrupted (signalling {@link #STARTED} first); the same
 * workflow built with {@code block = false} finishes at once, as another engine runs it.
 */
@Workflow(name = "spring-hand-back")
public class BlockingWorkflow {
  static final CountDownLatch STARTED = new CountDownLatch(1);
  private final boolean block;

  public BlockingWorkflow() {
    this(true);
  }

  BlockingWorkflow(boolean block) {
    this.block = block;
  }

  @Step
  String work(String job) throws InterruptedException {
    if (block) {
      STARTED.countDown();
      new CountDownLatch(1).await();
    }
    return "done " + job;
  }
}
