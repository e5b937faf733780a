package dev.cairn.flow;

import dev.cairn.worker.CairnWorker;
import java.time.Duration;

/**
 * A remote worker process for {@link KeyedCrashTest} running {@link KeyedWorkflow}. Arguments: the engine's address,
 * a worker token, the worker id.
 */
public final class KeyedWorkerMain {
  static final String READY = "keyed worker ready";

  private KeyedWorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    CairnWorker worker = CairnWorker.builder(args[0]).token(args[1]).workerId(args[2]).slots(4)
        .shutdownTimeout(Duration.ofSeconds(2)).register(new KeyedWorkflow()).build();
    worker.start();
    System.out.println(READY);
    Thread.sleep(Long.MAX_VALUE);
  }
}
