package dev.cairn.fault;

import dev.cairn.worker.CairnWorker;
import java.time.Duration;

/**
 * A remote worker process for the fault-injection test, serving {@link FaultWorkflows}. Arguments: the engine
 * node's address, the worker token, the worker id, the JDBC URL of the execution log, the number of slots.
 */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    ExecutionLog executions = new ExecutionLog(args[3], args[2]);
    CairnWorker worker = CairnWorker.builder(args[0]).token(args[1]).workerId(args[2])
        .slots(Integer.parseInt(args[4])).shutdownTimeout(Duration.ofSeconds(2))
        .register(new FaultWorkflows.Diamond(executions), new FaultWorkflows.Leaf(executions)).build();
    worker.start();
    System.out.println("fault worker started");
    Thread.sleep(Long.MAX_VALUE);
  }
}
