package dev.cairn.crash;

import dev.cairn.Cairn;
import dev.cairn.TriggerOptions;
import java.util.stream.IntStream;

/**
 * The engine process {@link FastPathCrashTest} kills: it triggers the runs itself (so their first steps take the
 * trigger's fast path) and never lets the step named by args[2] begin its body: an interceptor holds it before the
 * step method, leased to this process and not started. Args: JDBC URL, schema, the step to hold, the run count.
 */
public final class FastPathChild {
  private FastPathChild() {}

  public static void main(String[] args) throws InterruptedException {
    String held = args[2];
    Cairn cairn = CrashChild.doomedChild(args[0], args[1])
        .interceptor(invocation -> {
          if (invocation.stepName().equals(held)) {
            Thread.sleep(Long.MAX_VALUE);
          }
          return invocation.proceed();
        })
        .register(new CrashWorkflow(args[0], args[1], false))
        .build();
    cairn.start();
    cairn.triggerAll("crashable", IntStream.range(0, Integer.parseInt(args[3])).boxed().toList(),
        TriggerOptions.NONE);
    System.out.println("child engine started and triggered its runs");
    Thread.sleep(Long.MAX_VALUE);
  }
}
