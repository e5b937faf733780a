package dev.cairn.remote;

import dev.cairn.testing.Effects;
import dev.cairn.worker.CairnWorker;

/** A worker process for the tests: args are target, token, worker id, JDBC URL, schema and "block" or "run". */
public final class RemoteWorkerChild {
  private RemoteWorkerChild() {}

  public static void main(String[] args) throws InterruptedException {
    Effects effects = new Effects(args[3], args[4]);
    CairnWorker worker = CairnWorker.builder(args[0]).token(args[1]).workerId(args[2]).slots(8)
        .register(new RemoteChain.V1(effects, args[5].equals("block"))).build();
    worker.start();
    System.out.println("worker started");
    Thread.sleep(Long.MAX_VALUE);
  }
}
